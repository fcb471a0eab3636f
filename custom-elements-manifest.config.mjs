import { publicManifestPlugin } from './scripts/manifest.mjs';

export default {
  // Element files and the events module; the public shape is made by the plugin.
  globs: ['src/elements/**/*.ts'],
  exclude: ['src/elements/**/*.styles.ts', 'src/elements/**/*.test.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [publicManifestPlugin()],
};
