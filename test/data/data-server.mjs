/**
 * Test-only HTTP endpoints for the data layer, mounted by web-test-runner.config.mjs.
 * Tests first PUT a body under an id, then load `/__data/get/<id>`; the server counts
 * requests and answers with ETag / Last-Modified / 304 like a real backend.
 *
 *   PUT  /__data/put/<id>[?type=…]           store the request body (JSON text, or bytes served with that type)
 *   POST /__data/mode/<id>                   {"status":503,"times":2,"delayMs":0,"html":false,"down":false,
 *                                            "noValidators":false,"resetMidBody":false,"always304":false,"retryAfter":n}
 *   GET  /__data/get/<id>                    the stored body (304 when If-None-Match matches)
 *   GET  /__data/count/<id>                  {"count":n,"conditional":n,"authorization":[...]}
 *   GET  /__data/status/<code>               an empty answer with that status
 *   GET  /__data/html                        a 200 HTML error page
 *   GET  /__data/text                        200 text that is not JSON
 *   GET  /__data/big?bytes=n                 a body of n bytes
 *   GET  /__data/gzip?bytes=n                the same body gzip-encoded: its Content-Length is the compressed size
 *   GET  /__data/slow?ms=n                   a valid empty payload after n ms
 *   GET  /__data/kit/<path>                  dist/<path> (the built classic script and its cdn/ chunks), but never its worker:
 *                                            a deployment that forgot crm-widget-kit.worker.js
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';

const bodies = new Map();
const modes = new Map();
const counts = new Map();

const readBody = (req) =>
  new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });

const count = (id) => {
  if (!counts.has(id)) counts.set(id, { count: 0, conditional: 0, authorization: [] });
  return counts.get(id);
};

export async function dataServer(ctx, next) {
  const url = new URL(ctx.url, 'http://localhost');
  if (!url.pathname.startsWith('/__data/')) return next();
  const [, , action, id = ''] = url.pathname.split('/');
  ctx.set('cache-control', 'no-store');
  switch (action) {
    case 'put': {
      const bytes = await readBody(ctx.req);
      const etag = `"${createHash('sha1').update(bytes).digest('hex').slice(0, 16)}"`;
      const type = url.searchParams.get('type') ?? 'application/json';
      bodies.set(id, { bytes, type, etag, lastModified: new Date(Math.floor(Date.now() / 1000) * 1000).toUTCString() });
      counts.delete(id);
      modes.delete(id);
      ctx.body = { etag };
      return;
    }
    case 'mode':
      modes.set(id, JSON.parse((await readBody(ctx.req)).toString('utf8') || '{}'));
      ctx.body = { ok: true };
      return;
    case 'count':
      ctx.body = count(id);
      return;
    case 'get': {
      const stats = count(id);
      stats.count++;
      stats.authorization.push(ctx.get('authorization'));
      const mode = modes.get(id) ?? {};
      if (mode.delayMs) await new Promise((r) => setTimeout(r, mode.delayMs));
      if (mode.down) {
        ctx.req.socket.destroy();
        return;
      }
      if (mode.always304) {
        ctx.status = 304;
        return;
      }
      if (mode.status && (mode.times === undefined || mode.times > 0)) {
        if (mode.times !== undefined) mode.times--;
        ctx.status = mode.status;
        if (mode.retryAfter !== undefined) ctx.set('retry-after', String(mode.retryAfter));
        ctx.body = mode.html ? '<!doctype html><title>Bad gateway</title><h1>502</h1>' : `status ${mode.status}`;
        return;
      }
      const stored = bodies.get(id);
      if (!stored) {
        ctx.status = 404;
        ctx.body = 'not found';
        return;
      }
      const inm = ctx.get('if-none-match');
      if (inm || ctx.get('if-modified-since')) stats.conditional++;
      if (mode.resetMidBody) {
        // Headers and half the body, then a reset: what a proxy timeout or a dropped mobile link looks like.
        ctx.respond = false;
        const res = ctx.res;
        const bytes = stored.bytes;
        res.writeHead(200, { 'content-type': stored.type, 'content-length': String(bytes.length) });
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => setTimeout(() => ctx.req.socket.destroy(), 20));
        return;
      }
      if (!mode.noValidators) {
        ctx.set('etag', stored.etag);
        ctx.set('last-modified', stored.lastModified);
      }
      if (!mode.noValidators && inm && inm === stored.etag) {
        ctx.status = 304;
        return;
      }
      ctx.type = stored.type;
      ctx.body = stored.bytes;
      return;
    }
    case 'status':
      ctx.status = Number(id);
      ctx.body = `status ${id}`;
      return;
    case 'html':
      ctx.type = 'text/html';
      ctx.body = '<!doctype html><html><head><title>Sign in</title></head><body>Please sign in</body></html>';
      return;
    case 'text':
      ctx.type = 'application/json';
      ctx.body = '{"schemaVersion": 1, oops';
      return;
    case 'big': {
      const n = Number(url.searchParams.get('bytes') ?? 1000);
      ctx.type = 'application/json';
      ctx.body = `{"schemaVersion":1,"pad":"${'x'.repeat(Math.max(0, n - 30))}"}`;
      return;
    }
    case 'gzip': {
      // What a compressing server or CDN sends: the declared length is not the length the page reads.
      const n = Number(url.searchParams.get('bytes') ?? 1000);
      const body = gzipSync(Buffer.from(`{"schemaVersion":1,"pad":"${'x'.repeat(Math.max(0, n - 30))}"}`));
      ctx.respond = false;
      ctx.res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip', 'content-length': String(body.length), 'cache-control': 'no-store' });
      ctx.res.end(body);
      return;
    }
    case 'kit': {
      // The classic script imports its loader and chunks from cdn/ beside it.
      const file = url.pathname.slice('/__data/kit/'.length);
      if (!/^(cdn\/(chunks\/|elements\/)?)?[\w.-]+\.js$/.test(file) || file.endsWith('crm-widget-kit.worker.js')) {
        ctx.status = 404;
        ctx.body = 'not deployed';
        return;
      }
      try {
        ctx.type = 'text/javascript';
        ctx.body = await readFile(resolve(import.meta.dirname, '../../dist', file));
      } catch {
        ctx.status = 500;
        ctx.body = 'dist/ is not built: run npm run build first';
      }
      return;
    }
    case 'slow':
      await new Promise((r) => setTimeout(r, Number(url.searchParams.get('ms') ?? 1000)));
      ctx.type = 'application/json';
      ctx.body = '{"schemaVersion":1}';
      return;
    default:
      return next();
  }
}
