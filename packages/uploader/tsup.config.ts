import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // For bundlers: @uppy/* and hash-wasm stay imports (dependencies), deduplicated by the app.
    entry: { index: 'src/index.ts' },
    format: ['esm'],
    dts: true,
    // Only the CDN build cleans (its own folder): two cleaners running side by side could race.
    clean: false,
    target: 'es2022',
    external: [/^@uppy\//, 'hash-wasm'],
  },
  {
    // For a <script type="module"> tag (unpkg / jsdelivr): everything bundled and minified.
    entry: { 'reel-uploader': 'src/index.ts' },
    outDir: 'dist/cdn',
    format: ['esm'],
    minify: true,
    target: 'es2022',
    noExternal: [/.*/],
    clean: true,
  },
]);
