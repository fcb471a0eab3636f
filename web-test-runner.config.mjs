import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { existsSync } from 'node:fs';
import { dataServer } from './test/data/data-server.mjs';
import { warehouseEndpoint } from './test/sql/browser-endpoint.mjs';

/** Chromium comes from the OS (npm tools cannot download browsers here); CHROME_PATH overrides. */
const executablePath =
  process.env.CHROME_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].find(existsSync);

export default {
  files: ['test/**/*.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  testFramework: { config: { timeout: 20000 } },
  testsFinishTimeout: 480000,
  // Test-only HTTP endpoints of the data layer (ETag/304, 5xx, HTML pages, request counts).
  // A real query endpoint (the reference server over DuckDB) for query-src.
  middleware: [dataServer, warehouseEndpoint],
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  browsers: [
    playwrightLauncher({
      product: 'chromium',
      launchOptions: {
        executablePath,
        headless: true,
        args: ['--no-sandbox', '--enable-precise-memory-info', '--js-flags=--expose-gc', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      },
    }),
  ],
  // @tanstack/table-core reads process.env.NODE_ENV.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><script>window.process = { env: { NODE_ENV: 'production' } }; window.__FUZZ_SCALE__ = ${Number(process.env.FUZZ_SCALE ?? 1)};</script></head>
<body><script type="module" src="${testFramework}"></script></body></html>`,
};
