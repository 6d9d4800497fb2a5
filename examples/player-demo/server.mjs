// Serves the demo page and the player's script-tag build. No framework: node:http and a few lines.
import { createReadStream, existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
// `@reel/player/cdn` is the script-tag build; its hls.js chunk sits in the same folder.
const playerBuild = dirname(fileURLToPath(import.meta.resolve('@reel/player/cdn')));
const port = Number(process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';

if (!existsSync(join(playerBuild, 'reel-player.js'))) {
  console.error('The player is not built yet: run `npx pnpm@10.34.9 --filter @reel/player build`');
  process.exit(1);
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
const mounts = [
  ['/player/', playerBuild],
  ['/', join(here, 'public')],
];

createServer(async (request, response) => {
  const path = decodeURIComponent(new URL(request.url ?? '/', 'http://demo').pathname);
  const [prefix, root] = mounts.find(([mount]) => path.startsWith(mount)) ?? [];
  const file = root && normalize(join(root, path.slice(prefix.length) || 'index.html'));
  // Refuse anything that climbs out of the served folder.
  if (!file?.startsWith(normalize(root) + sep)) {
    response.writeHead(404).end('Not found');
    return;
  }
  try {
    const info = await stat(file);
    if (!info.isFile()) throw new Error('not a file');
    response.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-length': info.size,
    });
    createReadStream(file).pipe(response);
  } catch {
    response.writeHead(404).end('Not found');
  }
}).listen(port, host, () => {
  console.log(`Player demo on http://${host}:${port}/?v=<video id>  (API: http://127.0.0.1:4000)`);
});
