import { defineConfig, type UserConfig } from 'vite';
import { readdirSync, existsSync, readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';

/**
 * One config, three library builds chosen by `--mode`:
 * - `es`: ES modules for bundlers, one entry per element plus `contract`, `metrics`, `data`, `sample`,
 *   `bundle` (every element) and `react` (the React components), dependencies left external so an app
 *   shares its own copy of lit, d3 and React. Unminified and without source maps: the code reads as
 *   written, and the app's bundler makes the maps of what it ships.
 * - `cdn`: `dist/cdn/`, the self-contained ES build (no bare imports, so it loads from any static host
 *   or CDN without an import map): `crm-widget-kit.loader.js` (defines each tag when it first appears,
 *   from that element's chunk), `crm-widget-kit.js` (everything at once) and `elements/<tag>.js`.
 *   What a page needs later (the drill table with table-core, zh-TW, the engine for pages without a
 *   worker) is split into chunks loaded on demand.
 * - `bundle`: `dist/crm-widget-kit.js`, the classic script for a `<script>` tag: the global
 *   `CrmWidgetKit` and the import of `cdn/crm-widget-kit.loader.js` beside it.
 * - `worker`: the dataset worker as a classic script beside that bundle (found through the base path).
 * - `cli`: the Node command-line tool.
 * Storybook and the dev server use the base config (no mode).
 */
const root = import.meta.dirname;
const define = { 'process.env.NODE_ENV': JSON.stringify('production') };

function elementEntries(): Record<string, string> {
  const dir = resolve(root, 'src/elements');
  const entries: Record<string, string> = {};
  for (const name of readdirSync(dir, { withFileTypes: true })) {
    const entry = resolve(dir, name.name, 'index.ts');
    if (name.isDirectory() && name.name.startsWith('crm-') && existsSync(entry)) entries[`elements/${name.name}`] = entry;
  }
  return entries;
}

/**
 * d3-shape's published module builds its curve presets with top-level calls that carry no pure annotation
 * (`var cardinal = (function custom(t) {…})(0)`), so the bundler keeps every curve beside the one arc and
 * line the gauge draws. The calls have no side effects; marked pure, unused presets are dropped. Only a
 * call that begins its initializer is marked: inside an expression the mark would not drop the operator,
 * and a minified `1 / /* mark *\/` can come out as a `//` line comment.
 */
function pureD3ShapeCurves() {
  const presetInit = /^((?:const|var) [\w$]+ = )(\(function custom\(|curveRadial\()/gm;
  return {
    name: 'pure-d3-shape-curves',
    transform(code: string, id: string) {
      if (!id.replace(/\\/g, '/').endsWith('/d3-shape/dist/d3-shape.mjs')) return null;
      return { code: code.replace(presetInit, '$1/* @__PURE__ */ $2'), map: null };
    },
  };
}

/**
 * The cdn loader learns, per element, every chunk that element's file imports statically, however
 * deep (`const __crmChunkDeps = {…}` put at the top of crm-widget-kit.loader.js). Without it the
 * browser finds each level of imports only once the level above has arrived: about ten round
 * trips from the loader to a drawn gauge, 0.2 s on loopback with a warm HTTP cache and far more
 * over a real network. With it the loader asks for them all at once (`modulepreload`, loader.ts).
 */
function chunkDepsForLoader() {
  return {
    name: 'chunk-deps-for-loader',
    generateBundle(_: unknown, bundle: Record<string, { type: string; fileName: string; name?: string; isEntry?: boolean; imports?: string[]; code?: string }>) {
      const loader = bundle['crm-widget-kit.loader.js'];
      if (loader?.type !== 'chunk') throw new Error('chunk-deps-for-loader: crm-widget-kit.loader.js is not in the cdn build');
      const already = new Set<string>();
      const collect = (file: string, into: Set<string>) => {
        for (const dep of bundle[file]?.imports ?? []) if (!into.has(dep)) collect(dep, into.add(dep));
        return into;
      };
      collect(loader.fileName, already);
      const deps: Record<string, string[]> = {};
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry || !chunk.name?.startsWith('elements/')) continue;
        deps[chunk.name.slice('elements/'.length)] = [chunk.fileName, ...collect(chunk.fileName, new Set())].filter((file) => !already.has(file));
      }
      loader.code = `const __crmChunkDeps = ${JSON.stringify(deps)};\n${loader.code}`;
    },
  };
}

/**
 * The chunks the cdn loader imports statically, however deep, relative to dist/cdn/ (read off the
 * cdn build, which runs first: scripts/build.mjs). The classic script preloads them beside the
 * loader, so the browser does not learn of each level only when the level above has arrived.
 */
function loaderDeps(): string[] {
  const cdn = resolve(root, 'dist/cdn');
  const loader = resolve(cdn, 'crm-widget-kit.loader.js');
  if (!existsSync(loader)) throw new Error('bundle build: dist/cdn/crm-widget-kit.loader.js is missing (build the cdn mode first)');
  const found = new Set<string>();
  const visit = (file: string) => {
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+)"/g)) {
      const dep = resolve(dirname(file), spec!);
      if (found.has(dep)) continue;
      found.add(dep);
      visit(dep);
    }
  };
  visit(loader);
  return [...found].map((file) => relative(cdn, file).split('\\').join('/'));
}

const external = (id: string) => !id.startsWith('.') && !id.startsWith('/') && !id.startsWith('\0') && !id.includes('?');

export default defineConfig(({ mode }): UserConfig => {
  const base: UserConfig = { define, base: './', worker: { format: 'es' }, plugins: [pureD3ShapeCurves()] };
  if (mode === 'es') {
    return {
      ...base,
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        minify: false,
        lib: {
          formats: ['es'],
          entry: {
            index: resolve(root, 'src/index.ts'),
            bundle: resolve(root, 'src/bundle.ts'),
            react: resolve(root, 'src/react/index.ts'),
            contract: resolve(root, 'src/contract/index.ts'),
            // The Arrow form's decoder and writer (flechette): for engines and Node, never loaded by elements.
            arrow: resolve(root, 'src/contract/arrow/index.ts'),
            metrics: resolve(root, 'src/metrics/index.ts'),
            sample: resolve(root, 'src/sample/index.ts'),
            data: resolve(root, 'src/data/index.ts'),
            // The warehouse path for Node (reference SQL, drivers, the query server): never loaded by elements.
            warehouse: resolve(root, 'src/warehouse/index.ts'),
            'locales/zh-CN': resolve(root, 'src/locales/zh-CN.ts'),
            'locales/zh-TW': resolve(root, 'src/locales/zh-TW.ts'),
            theme: resolve(root, 'src/theme/index.ts'),
            ...elementEntries(),
          },
        },
        rollupOptions: {
          external,
          // The React entry is its chunk's own module, so its 'use client' is kept (test/e2e/node.test.mjs checks).
          onwarn: (warning, warn) => (warning.code === 'MODULE_LEVEL_DIRECTIVE' && /use client/.test(warning.message) ? undefined : warn(warning)),
        },
      },
    };
  }
  if (mode === 'cdn') {
    return {
      ...base,
      plugins: [...base.plugins!, chunkDepsForLoader()],
      // The worker is the classic file beside the kit, found through the base path (worker-url.inline.ts).
      resolve: { alias: [{ find: /^(.*)\/worker-url\.js$/, replacement: '$1/worker-url.inline.js' }] },
      build: {
        outDir: 'dist/cdn',
        emptyOutDir: false,
        minify: true,
        target: 'es2022',
        lib: {
          formats: ['es'],
          entry: {
            'crm-widget-kit': resolve(root, 'src/cdn/index.ts'),
            'crm-widget-kit.loader': resolve(root, 'src/cdn/loader.ts'),
            ...elementEntries(),
          },
        },
        rollupOptions: {
          // Vite keeps whitespace in ES library builds so downstream bundlers see pure annotations; these files
          // are loaded by browsers as they are, so they are minified whole (≈ 9 % less gzip).
          output: { chunkFileNames: 'chunks/[name]-[hash].js', minify: true },
        },
      },
    };
  }
  if (mode === 'bundle') {
    return {
      ...base,
      define: { ...define, __crmLoaderDeps: JSON.stringify(loaderDeps()) },
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        minify: true,
        target: 'es2022',
        lib: { formats: ['iife'], entry: resolve(root, 'src/classic.ts'), name: 'CrmWidgetKit', fileName: () => 'crm-widget-kit.js' },
      },
    };
  }
  if (mode === 'worker') {
    // The dataset worker as a classic script beside the single-file bundle (see worker-url.inline.ts).
    return {
      ...base,
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        minify: true,
        lib: { formats: ['iife'], entry: resolve(root, 'src/data/engine/engine.worker.ts'), name: 'CrmEngineWorker', fileName: () => 'crm-widget-kit.worker.js' },
      },
    };
  }
  if (mode === 'react-demo') {
    // The React host page of the demo, built from source like any React app would build it.
    return {
      ...base,
      root: resolve(root, 'demo/react'),
      base: '/demo/react/build/',
      build: { outDir: resolve(root, 'demo/react/build'), emptyOutDir: true, target: 'es2022' },
    };
  }
  if (mode === 'cli') {
    return {
      ...base,
      build: {
        outDir: 'dist',
        emptyOutDir: false,
        ssr: resolve(root, 'src/cli.ts'),
        rollupOptions: { output: { entryFileNames: 'cli.js', banner: '#!/usr/bin/env node' } },
      },
      ssr: { noExternal: true },
    };
  }
  return base;
});
