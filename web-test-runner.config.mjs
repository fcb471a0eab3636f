import { esbuildPlugin } from '@web/dev-server-esbuild';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { CHROMIUM_ARGS, chromiumPath } from './scripts/chromium.mjs';
import { dataServer } from './test/data/data-server.mjs';
import { warehouseEndpoint } from './test/sql/browser-endpoint.mjs';

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
        executablePath: chromiumPath(),
        headless: true,
        args: [...CHROMIUM_ARGS, '--enable-precise-memory-info', '--js-flags=--expose-gc'],
      },
    }),
  ],
  // @tanstack/table-core reads process.env.NODE_ENV.
  testRunnerHtml: (testFramework) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><script>window.process = { env: { NODE_ENV: 'production' } }; window.__FUZZ_SCALE__ = ${Number(process.env.FUZZ_SCALE ?? 1)};</script></head>
<body><script type="module" src="${testFramework}"></script></body></html>`,
};
