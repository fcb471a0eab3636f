import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { checkBatchRequest, type BatchEntry, type QueryBatchResponse, type ScopeInfo } from '../contract/query-batch.js';
import { PROTOCOL_VERSION, type Query } from '../contract/query.js';
import { stableKey } from '../data/stable-key.js';
import { answerFromWarehouse, drillAhead, scopeContext, type Warehouse } from '../warehouse/answer.js';
import { drillStore } from '../warehouse/drill-store.js';
import { WarehouseError, type ScopeContext } from '../warehouse/sql.js';
import { COLLECTION_TABLES, type TableName } from '../warehouse/tables.js';

/**
 * The host's auth check: given the request, the scope (tenant) it may read, or null to refuse
 * (401). The scope is never taken from the query body: every query of the request runs in it.
 */
export type AuthHook = (request: { headers: IncomingMessage['headers']; url: URL }) => string | null | Promise<string | null>;

/** Development default: the scope from an `X-CRM-Scope` header (no authentication at all). */
export const headerScope: AuthHook = ({ headers }) => {
  const scope = headers['x-crm-scope'];
  return typeof scope === 'string' && scope ? scope : null;
};

export interface QueryServerOptions {
  db: Warehouse;
  path?: string;
  auth?: AuthHook;
  /** How long the server reuses a result it computed (ms); 0 computes every query afresh. */
  cacheMs?: number;
  /** `Access-Control-Allow-Origin` for a page on another origin (development). */
  cors?: string;
  /** Largest request body, bytes. */
  maxBody?: number;
  /**
   * Once a request asking the matrix (`rfm-grid`) is answered, build the drill-down rows of that
   * matrix's key in the background (default true), so the first page of a cell is a read of them.
   */
  drillAhead?: boolean;
}

/** What the page may know of the scope's dataset; `version` changes when its anchor or shape does. */
function scopeInfo(ctx: ScopeContext): ScopeInfo {
  const present = Object.fromEntries(COLLECTION_TABLES.map((table) => [table.collection!, ctx.present.has(table.name as TableName)]));
  const described = { asOf: ctx.asOf, currency: ctx.currency, stages: ctx.stages, present };
  return { ...described, version: etagOf(`${ctx.scope}\u0000${JSON.stringify(described)}`) };
}

const etagOf = (value: string) => `"${createHash('sha256').update(value).digest('base64url').slice(0, 27)}"`;

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((done, fail) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        fail(new WarehouseError('bad-query', `request body over ${limit} bytes`));
        request.destroy();
      } else chunks.push(chunk);
    });
    request.on('end', () => done(Buffer.concat(chunks).toString('utf8')));
    request.on('error', fail);
  });
}

/**
 * The query protocol over HTTP, answered by the reference SQL: POST `{ protocol, queries,
 * etags? }` to `path`, one entry per query back. Each result carries an ETag (a hash of the
 * scope and the result); a query sent with the ETag it already holds comes back `notModified`,
 * and a one-query request also honours `If-None-Match` with a 304. Results are kept `cacheMs`
 * per scope and query key, so a dashboard's repeated first paint is answered from memory.
 */
export function createQueryServer(options: QueryServerOptions): Server {
  return createServer(queryHandler(options));
}

/** The same as a request handler, to mount in a host's own Node server (or a dev server's middleware). */
export function queryHandler(options: QueryServerOptions): (request: IncomingMessage, response: ServerResponse) => void {
  const path = options.path ?? '/api/crm/query';
  const auth = options.auth ?? headerScope;
  const cacheMs = options.cacheMs ?? 60_000;
  const maxBody = options.maxBody ?? 1 << 20;
  const cache = new Map<string, { at: number; etag: string; json: string }>();
  // Requests being answered, and the drill-down builds waiting for none to be: a build asked by the matrix's answer
  // starts once the page's other first-paint requests are answered too, so it never competes with them.
  let answering = 0;
  const idle: (() => void)[] = [];
  const ahead = (scope: string, query: Query) => {
    const work = scopeContext(options.db, scope).then((ctx) => drillAhead(options.db, ctx, query));
    drillStore(options.db).track(work.catch((error: unknown) => console.error(`serve: drill-down rows of scope ${scope} not stored ahead:`, error)));
  };

  async function answer(scope: string, query: Query): Promise<{ etag: string; json: string }> {
    const key = `${scope}\u0000${stableKey(query)}`;
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < cacheMs) return hit;
    const data = await answerFromWarehouse(options.db, await scopeContext(options.db, scope), query);
    const json = JSON.stringify(data);
    const entry = { at: Date.now(), etag: etagOf(`${scope}\u0000${json}`), json };
    if (cacheMs > 0) cache.set(key, entry);
    return entry;
  }

  const send = (response: ServerResponse, status: number, body: string, headers: Record<string, string> = {}) => {
    response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-cache', ...headers });
    response.end(body);
  };
  const fail = (response: ServerResponse, status: number, message: string, headers: Record<string, string> = {}) => send(response, status, JSON.stringify({ error: message }), headers);

  return (request, response) => {
    answering++;
    void (async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const cors: Record<string, string> = options.cors
        ? { 'access-control-allow-origin': options.cors, 'access-control-allow-headers': 'content-type, authorization, x-crm-scope, if-none-match', 'access-control-expose-headers': 'etag', vary: 'origin' }
        : {};
      if (url.pathname !== path) return fail(response, 404, `not found: ${url.pathname}`, cors);
      if (request.method === 'OPTIONS') return send(response, 204, '', { ...cors, 'access-control-allow-methods': 'POST' });
      if (request.method !== 'POST') return fail(response, 405, 'POST a query batch', { ...cors, allow: 'POST' });
      const scope = await auth({ headers: request.headers, url });
      if (!scope) return fail(response, 401, 'not authorized', cors);
      let body: unknown;
      try {
        body = JSON.parse(await readBody(request, maxBody));
      } catch (error) {
        return fail(response, 400, `not a JSON query batch: ${(error as Error).message}`, cors);
      }
      const checked = checkBatchRequest(body);
      if (!checked.ok) return fail(response, 400, checked.message, cors);
      const { queries, etags } = checked.value;
      let info = '';
      if (checked.value.info) {
        try {
          info = `"info":${JSON.stringify(scopeInfo(await scopeContext(options.db, scope)))},`;
        } catch (error) {
          if (error instanceof WarehouseError && error.code === 'forbidden') return fail(response, 403, error.message, cors);
          throw error;
        }
      }
      const entries = await Promise.all(
        queries.map(async (query, i): Promise<string> => {
          try {
            const { etag, json } = await answer(scope, query);
            if (etags?.[i] === etag) return JSON.stringify({ ok: true, metric: query.metric, etag, notModified: true } satisfies BatchEntry);
            // The result is spliced in as computed: it was serialized once for the cache.
            return `{"ok":true,"metric":${JSON.stringify(query.metric)},"etag":${JSON.stringify(etag)},"data":${json}}`;
          } catch (error) {
            const code = error instanceof WarehouseError ? error.code : 'failed';
            if (code === 'failed') console.error(`serve: ${query.metric} failed in scope ${scope}:`, error);
            const message = code === 'failed' ? 'the warehouse could not answer this query' : (error as Error).message;
            return JSON.stringify({ ok: false, error: { code, message } } satisfies BatchEntry);
          }
        }),
      );
      const text = `{"protocol":${PROTOCOL_VERSION},${info}"results":[${entries.join(',')}]}`;
      const etag = etagOf(text);
      if (queries.length === 1 && request.headers['if-none-match'] === etag) send(response, 304, '', { ...cors, etag });
      else send(response, 200, text, { ...cors, etag });
      // After the answer (whether computed or cached): it never waits for these, and they only cost the next page a build if they fail.
      if (options.drillAhead ?? true) for (const query of queries.filter((q) => q.metric === 'rfm-grid')) idle.push(() => ahead(scope, query));
    })()
      .catch((error: unknown) => {
        console.error('serve:', error);
        if (!response.headersSent) fail(response, 500, 'internal error');
        else response.end();
      })
      .finally(() => {
        if (--answering === 0) for (const start of idle.splice(0)) start();
      });
  };
}

export type { QueryBatchResponse };
