// `npm run docs`: the guides with VitePress (a dead link fails the build), then the API
// reference rendered from the contract with Redoc, scripts inlined so the site needs no CDN.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const run = (command, args) => execFileSync(command, args, { cwd: here, stdio: 'inherit' });

run('npx', ['vitepress', 'build', '.']);
run('npx', [
  'redocly',
  'build-docs',
  '../openapi/bundled/openapi.json',
  '--inlineBundle',
  '--title',
  'Reel API reference',
  '--output',
  '.vitepress/dist/reference.html',
]);
console.log(`The docs site is in ${here}.vitepress/dist`);
