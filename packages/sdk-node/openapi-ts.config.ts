import { defineConfig } from '@hey-api/openapi-ts';

export default defineConfig({
  input: '../../openapi/bundled/openapi.json',
  output: { path: 'src/generated', postProcess: [] },
  plugins: ['@hey-api/client-fetch', '@hey-api/typescript', { name: '@hey-api/sdk' }],
});
