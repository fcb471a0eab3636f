import { LitElement, html } from 'lit';
import { DataController, type DataHost } from '../../src/elements/base/data-controller.js';

/** The smallest widget: declares the data properties and shows the controller's state. */
export class TestDataHost extends LitElement implements DataHost {
  static override properties = {
    src: {},
    data: { attribute: false },
    source: {},
    scope: {},
    cache: {},
    cacheTtl: { type: Number, attribute: 'cache-ttl' },
    refresh: { type: Number },
    credentials: {},
    headers: { attribute: false },
    getHeaders: { attribute: false },
    timeout: { type: Number },
    maxBytes: { type: Number, attribute: 'max-bytes' },
    cacheFields: { attribute: false },
    workerThreshold: { type: Number, attribute: 'worker-threshold' },
  };
  declare src?: string;
  declare data?: unknown;
  declare source?: string;
  declare scope?: string;
  declare cache?: 'indexeddb' | 'memory' | 'none';
  declare cacheTtl?: number;
  declare refresh?: number;
  declare credentials?: RequestCredentials;
  declare headers?: HeadersInit;
  declare getHeaders?: () => HeadersInit | Promise<HeadersInit>;
  declare timeout?: number;
  declare maxBytes?: number;
  declare cacheFields?: string[];
  declare workerThreshold?: number;

  readonly loader = new DataController(this);

  /** Orders that passed validation, as the source reports them (the dataset stays in the engine). */
  get orders(): number | undefined {
    const summary = this.loader.value?.summary;
    return summary && summary.received.orders - summary.rejected.orders;
  }

  /** NPS responses through a query, so tests see the engine's answers (and their cache). */
  responses(): number | undefined {
    return this.loader.query('nps', {})?.responses;
  }

  override render() {
    return this.loader.render({
      initial: () => html`<p>initial</p>`,
      pending: () => html`<p>pending</p>`,
      complete: (v) => html`<p>${v.info ? this.orders : 'answers only'} orders${v.stale ? ' (stale)' : ''}</p>`,
      error: (e) => html`<p role="alert">${e.message}</p>`,
    });
  }
}
customElements.define('test-data-host', TestDataHost);

declare global {
  interface HTMLElementTagNameMap {
    'test-data-host': TestDataHost;
  }
}

let counter = 0;
/** A fresh server id per test, so counts and cache keys never leak between tests. */
export const uniqueId = (prefix = 't') => `${prefix}-${Date.now().toString(36)}-${counter++}`;

export async function putPayload(id: string, payload: unknown): Promise<string> {
  await fetch(`/__data/put/${id}`, { method: 'PUT', body: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  return `/__data/get/${id}`;
}

export async function setMode(id: string, mode: { status?: number; times?: number; delayMs?: number; html?: boolean; down?: boolean }) {
  await fetch(`/__data/mode/${id}`, { method: 'POST', body: JSON.stringify(mode) });
}

export async function requestCount(id: string): Promise<{ count: number; conditional: number; authorization: string[] }> {
  return (await fetch(`/__data/count/${id}`)).json() as Promise<{ count: number; conditional: number; authorization: string[] }>;
}

/** Resolves when the host's controller leaves `pending`/`initial` (or already has). */
export async function settled(host: TestDataHost): Promise<void> {
  await host.updateComplete;
  // Up to 10 s: a first load opens a worker and IndexedDB, which on a loaded 2-core machine took over 4 s once.
  for (let i = 0; i < 1000; i++) {
    await host.updateComplete;
    if (host.loader.status === 'complete' || host.loader.status === 'error') return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`host still ${host.loader.status}`);
}
