/**
 * What a user or an attacker sees of the kit: elements on a page, their views and events,
 * request counts on the test server, and whatever IndexedDB holds. Tests of the hardening
 * issue use only this, so they outlive any redesign of the data engine.
 */
/** The kit as a page without a build step gets it (the `CrmWidgetKit` global of the single-file script). */
export * as kit from '../../src/bundle.js';

export type View = 'loading' | 'ready' | 'empty' | 'error';
export type WidgetTag = 'crm-nps-gauge' | 'crm-lifecycle-funnel' | 'crm-segment-matrix' | 'crm-customer-360';
export const WIDGETS: WidgetTag[] = ['crm-nps-gauge', 'crm-lifecycle-funnel', 'crm-segment-matrix', 'crm-customer-360'];

let counter = 0;
/** A fresh id per test, so server counts and cache keys never leak between tests. */
export const uniqueId = (prefix = 'h') => `${prefix}-${Date.now().toString(36)}-${(counter++).toString(36)}`;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** The view a widget shows now, read from its shadow DOM the way a user would see it. */
export function viewOf(el: Element): View {
  const root = el.shadowRoot;
  const base = root?.querySelector('[part~="base"]');
  if (!root || !base) return 'loading';
  if (root.querySelector('[part~="state"][part~="error"]')) return 'error';
  if (root.querySelector('[part~="state"][part~="loading"]') || base.getAttribute('aria-busy') === 'true') return 'loading';
  if (root.querySelector('[part~="state"][part~="empty"]')) return 'empty';
  return 'ready';
}

/** Wait until the widget shows one of `views`; throws with what it shows after `timeoutMs`. */
export async function untilView(el: Element, views: View[] = ['ready', 'empty', 'error'], timeoutMs = 15_000): Promise<View> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    await (el as Element & { updateComplete?: Promise<unknown> }).updateComplete;
    const view = viewOf(el);
    if (views.includes(view)) return view;
    if (performance.now() > deadline) throw new Error(`${el.localName} still shows "${view}" after ${timeoutMs} ms`);
    await sleep(15);
  }
}

/** The widget's visible text (shadow DOM), whitespace collapsed. */
export const textOf = (el: Element) => (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();

/** Every event of `types` that reaches `target` from now on. */
export function recordEvents(target: EventTarget, ...types: string[]): CustomEvent[] {
  const seen: CustomEvent[] = [];
  for (const type of types) target.addEventListener(type, (event) => seen.push(event as CustomEvent));
  return seen;
}

/** Create a widget with properties (camelCase names) and put it on the page. */
export function mount<T extends HTMLElement = HTMLElement>(tag: string, props: Record<string, unknown> = {}, parent: ParentNode = document.body): T {
  // Created by the document it goes into, so another tab's copy of the kit upgrades it.
  const owner = (parent as Node).ownerDocument ?? (parent as Document);
  const el = owner.createElement(tag) as T;
  for (const [name, value] of Object.entries(props)) (el as unknown as Record<string, unknown>)[name] = value;
  parent.append(el);
  return el;
}

// ------------------------------------------------------------------ test server (test/data/data-server.mjs)

export async function putPayload(id: string, payload: unknown): Promise<string> {
  await fetch(`/__data/put/${id}`, { method: 'PUT', body: typeof payload === 'string' ? payload : JSON.stringify(payload) });
  return `/__data/get/${id}`;
}

export interface ServerMode {
  status?: number;
  times?: number;
  delayMs?: number;
  html?: boolean;
  down?: boolean;
  /** Send neither ETag nor Last-Modified (and so never 304). */
  noValidators?: boolean;
  /** Send the headers and part of the body, then reset the connection. */
  resetMidBody?: boolean;
  /** Answer 304 to every request, conditional or not. */
  always304?: boolean;
  /** With `status`: a Retry-After header (seconds). */
  retryAfter?: number;
}

export async function setMode(id: string, mode: ServerMode): Promise<void> {
  await fetch(`/__data/mode/${id}`, { method: 'POST', body: JSON.stringify(mode) });
}

export interface Counts {
  count: number;
  conditional: number;
  authorization: string[];
}
export async function requestCount(id: string): Promise<Counts> {
  return (await fetch(`/__data/count/${id}`)).json() as Promise<Counts>;
}

// ------------------------------------------------------------------ IndexedDB, enumerated from the page

/** Every record of every object store of every database of this origin. */
export async function dumpIndexedDb(): Promise<{ database: string; store: string; key: unknown; value: unknown }[]> {
  const out: { database: string; store: string; key: unknown; value: unknown }[] = [];
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(info.name!);
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    for (const store of [...db.objectStoreNames]) {
      const tx = db.transaction(store, 'readonly');
      const os = tx.objectStore(store);
      const [keys, values] = await Promise.all([
        new Promise<IDBValidKey[]>((resolve) => (os.getAllKeys().onsuccess = (e) => resolve((e.target as IDBRequest<IDBValidKey[]>).result))),
        new Promise<unknown[]>((resolve) => (os.getAll().onsuccess = (e) => resolve((e.target as IDBRequest<unknown[]>).result))),
      ]);
      keys.forEach((key, i) => out.push({ database: info.name!, store, key, value: values[i] }));
    }
    db.close();
  }
  return out;
}

/** All text a stored value carries: strings, and bytes read as UTF-8 and UTF-16 (typed arrays, buffers, blobs). */
export function textIn(value: unknown, seen = new Set<unknown>()): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value + '\n';
  if (typeof value !== 'object') return String(value) + '\n';
  if (seen.has(value)) return '';
  seen.add(value);
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value)) {
    const bytes = value instanceof ArrayBuffer ? new Uint8Array(value) : new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    const even = bytes.subarray(0, bytes.length - (bytes.length % 2));
    return `${new TextDecoder().decode(bytes)}\n${new TextDecoder('utf-16le').decode(even)}\n`;
  }
  let text = '';
  if (value instanceof Map) for (const [k, v] of value) text += textIn(k, seen) + textIn(v, seen);
  else for (const [k, v] of Object.entries(value)) text += k + '\n' + textIn(v, seen);
  return text;
}

/** Whether a name appears in stored text in plain form or any simple encoding of it (JSON-escaped, base64, URI). */
export function holdsName(text: string, name: string): boolean {
  const utf8 = new TextEncoder().encode(name);
  const base64 = btoa(String.fromCharCode(...utf8));
  const forms = [name, JSON.stringify(name).slice(1, -1), encodeURIComponent(name), base64, base64.replace(/=+$/, '')];
  return forms.some((form) => text.includes(form));
}

export async function deleteAllDatabases(): Promise<void> {
  for (const info of await indexedDB.databases()) {
    if (!info.name) continue;
    await new Promise<void>((resolve) => {
      const request = indexedDB.deleteDatabase(info.name!);
      request.onsuccess = request.onerror = request.onblocked = () => resolve();
    });
  }
}

/** Own property names of the prototypes a polluted payload could reach. */
export function prototypeFingerprint(): string {
  return [Object.prototype, Array.prototype, Function.prototype, String.prototype]
    .map((proto) => Reflect.ownKeys(proto).map(String).sort().join(','))
    .join('|');
}

// ------------------------------------------------------------------ other tabs

export interface Tab {
  window: Window & { kit?: typeof import('../../src/bundle.js') };
  document: Document;
  kit: typeof import('../../src/bundle.js');
  mount<T extends HTMLElement = HTMLElement>(tag: string, props?: Record<string, unknown>): T;
  close(): void;
}

/**
 * Another tab of the same origin: an iframe with its own copy of the kit (its own modules,
 * memory and workers), sharing IndexedDB and BroadcastChannel with this page as a tab would.
 * `head` goes first in the iframe's head (a CSP meta tag, a script that breaks storage).
 */
export async function openTab(head = ''): Promise<Tab> {
  const frame = document.createElement('iframe');
  frame.style.cssText = 'width: 900px; height: 700px; border: 0';
  frame.srcdoc = `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}
<script>window.process = { env: { NODE_ENV: 'production' } };</script>
<script type="module">import * as kit from '/src/bundle.ts'; window.kit = kit;</script></head><body></body></html>`;
  document.body.append(frame);
  const win = frame.contentWindow as Tab['window'];
  for (let i = 0; i < 500 && !win.kit; i++) await sleep(20);
  if (!win.kit) throw new Error('the kit did not load in the other tab');
  const doc = frame.contentDocument!;
  return {
    window: win,
    document: doc,
    kit: win.kit,
    mount: (tag, props = {}) => mount(tag, props, doc.body) as never,
    close: () => frame.remove(),
  };
}
