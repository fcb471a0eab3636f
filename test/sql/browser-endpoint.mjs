/**
 * A real query endpoint for the browser tests, mounted by web-test-runner.config.mjs: the
 * reference server's handler (`crm-widget-kit serve`) over an in-memory DuckDB holding the
 * generated scopes of test/sql/generate.mjs. Started on the first request.
 *
 *   POST /__warehouse/query           the query protocol (scope from X-CRM-Scope; "Bearer expired" is refused with 401)
 *   POST /__warehouse/mode            {"down": true} answers 503, {"corrupt": true} breaks every result's shape,
 *                                     {"hold": true} keeps every query request waiting until the next mode,
 *                                     {"scopeAs": "full"} answers every scope with that scope's data (a new version),
 *                                     {"renew": "nps"} sends that metric's results changed, under a new ETag (same version)
 *   GET  /__warehouse/stats           {"requests": n, "queries": n, "notModified": n, "authorization": [...], "metrics": [[...], ...]}
 *                                     (`metrics`: each request's queries' metrics, in the order they came)
 */
import { generatePayload, SCOPES } from './generate.mjs';

let ready;
let mode = {};
/** Requests held by {"hold": true}, let go by the next mode. */
let held = Promise.resolve();
let release = () => {};
let stats = { requests: 0, queries: 0, notModified: 0, authorization: [], metrics: [] };

async function start() {
  const { sources } = await import('./build.mjs');
  const db = await sources.openDuckDb(':memory:');
  for (const [scope, spec] of Object.entries(SCOPES)) await sources.loadDataset(db, sources.validatePayload(generatePayload(spec)).dataset, scope);
  const auth = ({ headers }) => (headers.authorization === 'Bearer expired' ? null : (headers['x-crm-scope'] ?? null));
  return sources.queryHandler({ db, auth, cacheMs: 60_000 });
}

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

export async function warehouseEndpoint(ctx, next) {
  if (!ctx.path.startsWith('/__warehouse/')) return next();
  if (ctx.path === '/__warehouse/stats') {
    ctx.body = stats;
    return;
  }
  if (ctx.path === '/__warehouse/mode') {
    mode = JSON.parse((await readBody(ctx.req)).toString() || '{}');
    release();
    if (mode.hold) held = new Promise((resolve) => (release = resolve));
    if (mode.reset) stats = { requests: 0, queries: 0, notModified: 0, authorization: [], metrics: [] };
    ctx.body = { ok: true };
    return;
  }
  if (ctx.path !== '/__warehouse/query') return next();
  stats.requests++;
  stats.authorization.push(ctx.get('authorization') || null);
  if (mode.down) {
    ctx.status = 503;
    ctx.body = { error: 'down for the test' };
    return;
  }
  await held;
  ready ??= start();
  const handler = await ready;
  let body = await readBody(ctx.req);
  try {
    const batch = JSON.parse(body.toString());
    stats.queries += batch.queries?.length ?? 0;
    stats.metrics.push((batch.queries ?? []).map((query) => query.metric));
    // A renewed metric is answered whole, whatever ETag the engine holds: its copy is about to change.
    if (mode.renew && batch.etags) {
      batch.etags = batch.etags.map((etag, i) => (batch.queries[i].metric === mode.renew ? null : etag));
      body = Buffer.from(JSON.stringify(batch));
    }
  } catch {
    // The handler answers a body that is not JSON itself.
  }
  if (mode.scopeAs) ctx.req.headers['x-crm-scope'] = mode.scopeAs;
  // Hand the raw request to the reference handler, with the body it already read replayed.
  const { Readable } = await import('node:stream');
  const replay = Object.assign(Readable.from([body]), { headers: ctx.req.headers, method: ctx.req.method, url: '/api/crm/query' });
  const captured = await new Promise((resolve) => {
    const chunks = [];
    const res = {
      headersSent: false,
      status: 200,
      headers: {},
      writeHead(status, headers) {
        this.status = status;
        this.headers = headers;
        this.headersSent = true;
      },
      end(text) {
        if (text) chunks.push(Buffer.from(text));
        resolve({ status: this.status, headers: this.headers, text: Buffer.concat(chunks).toString() });
      },
    };
    handler(replay, res);
  });
  ctx.status = captured.status;
  for (const [name, value] of Object.entries(captured.headers)) ctx.set(name, value);
  let text = captured.text;
  if (captured.status === 200) {
    const json = JSON.parse(text);
    stats.notModified += json.results.filter((r) => r.notModified).length;
    if (mode.corrupt) for (const r of json.results) if (r.data) r.data = { broken: true };
    for (const r of json.results)
      if (mode.renew && r.metric === mode.renew && r.data) {
        r.data = { ...r.data, minResponses: r.data.minResponses + 1 };
        r.etag = `"renewed-${r.data.minResponses}"`;
      }
    text = JSON.stringify(json);
  }
  ctx.body = text;
}
