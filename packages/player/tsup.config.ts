import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // For bundlers: hls.js stays an import (a dependency), so the app's bundler splits it into its
    // own chunk behind the dynamic import and Safari never downloads it.
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: true,
    // Only the CDN build cleans (its own folder): two cleaners running side by side could race.
    clean: false,
    target: 'es2022',
    external: ['hls.js', 'dashjs'],
  },
  {
    // For a <script type="module"> tag (unpkg / jsdelivr): everything bundled and minified, hls.js
    // split into a chunk that is fetched only when the browser lacks native HLS, dash.js into one
    // fetched only for `format="dash"`.
    entry: { 'reel-player': 'src/index.ts' },
    outDir: 'dist/cdn',
    format: ['esm'],
    splitting: true,
    minify: true,
    target: 'es2022',
    noExternal: ['hls.js', 'dashjs'],
    clean: true,
  },
]);
