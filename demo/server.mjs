#!/usr/bin/env node
// Demo backend: serves the demo portal, the built kit and generated contract data with ETag/304.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { extname, join, resolve, normalize } from 'node:path';
import { pathToFileURL } from 'node:url';

const root = resolve(import.meta.dirname, '..');
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
const { generateSample } = await import(pathToFileURL(resolve(root, 'dist/sample.js')).href);

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.json': 'application/json; charset=utf-8', '.map': 'application/json', '.svg': 'image/svg+xml', '.png': 'image/png' };

/** Each dataset is generated once per size and form and kept with its ETag. */
const cache = new Map();
function dataset(params) {
  const customers = Math.min(Number(params.get('customers') ?? 2000), 200000);
  const orders = Math.min(Number(params.get('orders') ?? customers * 6), 1_000_000);
  const form = params.get('form') === 'columnar' ? 'columnar' : 'rows';
  const dates = params.get('dates') === 'epoch' ? 'epoch' : 'iso';
  const seed = Number(params.get('seed') ?? 42);
  const key = JSON.stringify([customers, orders, form, dates, seed]);
  if (!cache.has(key)) {
    const body = JSON.stringify(generateSample({ seed, customers, orders, form, dates }));
    cache.set(key, { body, etag: `"${createHash('sha1').update(body).digest('base64url')}"` });
  }
  return cache.get(key);
}

async function serveData(req, res, url) {
  const mode = url.searchParams.get('mode') ?? 'ok';
  if (mode === 'slow') await new Promise((r) => setTimeout(r, Number(url.searchParams.get('delay') ?? 3000)));
  if (mode === 'fail') return send(res, 503, 'text/plain', 'Service unavailable (demo failure mode)');
  if (mode === 'html') return send(res, 200, 'text/html', '<!doctype html><title>Login</title><p>Please sign in');
  if (mode === 'empty') return send(res, 200, TYPES['.json'], JSON.stringify({ schemaVersion: 1, asOf: '2026-10-31T23:59:59Z', customers: [], orders: [], surveys: [], stageEvents: [], interactions: [], tickets: [] }));
  if (mode === 'invalid') return send(res, 200, TYPES['.json'], JSON.stringify({ schemaVersion: 2, customers: 'none' }));
  if (mode === 'large') {
    url.searchParams.set('orders', '1000000');
    url.searchParams.set('customers', '100000');
  }
  const { body, etag } = dataset(url.searchParams);
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, { ETag: etag, 'Cache-Control': 'no-cache' });
    return res.end();
  }
  send(res, 200, TYPES['.json'], body, { ETag: etag, 'Cache-Control': 'no-cache' });
}

function send(res, status, type, body, headers = {}) {
  res.writeHead(status, { 'Content-Type': type, ...headers });
  res.end(body);
}

const server = createServer(async (req, res) => {
  try {
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    if (url.pathname === '/api/data') return await serveData(req, res, url);
    // The portal's relative URLs (./portal.js, ../dist/…) resolve from /demo/.
    if (url.pathname === '/' || url.pathname === '/demo') {
      res.writeHead(302, { Location: `/demo/${url.search}` });
      return res.end();
    }
    const requested = decodeURIComponent(url.pathname);
    const path = requested.endsWith('/') ? `${requested}index.html` : requested;
    const file = normalize(join(root, path));
    if (!file.startsWith(root) || file.includes('node_modules')) return send(res, 403, 'text/plain', 'forbidden');
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return send(res, 404, 'text/plain', 'not found');
    const headers = { 'Cache-Control': 'no-cache' };
    // `?trusted-types`: the page as a bank or a government portal serves it, with Trusted Types
    // enforced; the kit needs its own policy (`crm-widget-kit`, for the worker) and lit's (`lit-html`).
    if (url.searchParams.has('trusted-types') && extname(file) === '.html') {
      headers['Content-Security-Policy'] = "require-trusted-types-for 'script'; trusted-types crm-widget-kit lit-html";
    }
    send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file), headers);
  } catch (error) {
    send(res, 500, 'text/plain', String(error));
  }
});

server.listen(port, host, () => {
  console.log(`crm-widget-kit demo: http://${host}:${port}/demo/`);
});
