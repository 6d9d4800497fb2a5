// The video site's server: node:http, pages rendered here with the SDK, forms for every action
// (so the site works without scripts), and three small scripts for the player, the uploader and
// the bell. The API key and the signing key stay here; browsers get viewer and playback tokens.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReelError } from '@reel/sdk';
import { SiteError } from './src/answers.mjs';
import { html } from './src/html.mjs';
import { layout } from './src/layout.mjs';
import { unreadCount } from './src/pages/library.mjs';
import { credentials, REPO_ROOT, ReelConnection } from './src/reel-connection.mjs';
import { route } from './src/routes.mjs';
import { seed } from './src/seed.mjs';
import { SiteStore } from './src/store.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const port = Number(process.env.PORT ?? 4180);
const host = process.env.HOST ?? '127.0.0.1';
const origin = process.env.PUBLIC_ORIGIN ?? `http://${host}:${port}`;
const BODY_LIMIT = 64 * 1024;

// The script-tag builds, as a page would load them from a CDN (the player loads hls.js beside it).
const builds = {
  player: fileURLToPath(import.meta.resolve('@reel/player/cdn')),
  uploader: fileURLToPath(import.meta.resolve('@reel/uploader/cdn')),
};
for (const file of Object.values(builds)) {
  if (!existsSync(file)) {
    console.error(
      `${file} is missing: run \`npx pnpm@10.34.9 --filter @reel/player --filter @reel/uploader build\``,
    );
    process.exit(1);
  }
}
const found = credentials(REPO_ROOT);
if (!found) {
  console.error(
    'No API key: set REEL_API_KEY (and REEL_API_URL), or run `npm start` at the repo root',
  );
  process.exit(1);
}
// A fresh Reel (its data folder removed) means a fresh site: keyed by a hash of the API key.
const tenant = createHash('sha256').update(found.apiKey).digest('hex').slice(0, 16);
const store = new SiteStore(process.env.SITE_DATA_DIR ?? join(here, '.data'), tenant);
const connection = new ReelConnection(found, store);
const site = { connection, store, origin };

const TYPES = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.png': 'image/png',
};

function staticFile(pathname) {
  const build = /^\/(player|uploader)\/([\w-]+\.js)$/.exec(pathname);
  if (build) {
    const file = join(dirname(builds[build[1]]), build[2]);
    return existsSync(file) ? file : undefined;
  }
  const asset = /^\/assets\/([a-z-]+\.(?:css|js))$/.exec(pathname);
  const file = asset && join(here, 'public', asset[1]);
  return file && existsSync(file) ? file : undefined;
}

async function readForm(request) {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > BODY_LIMIT)
      throw new SiteError(413, 'too_large', 'That request is too large.');
  }
  if ((request.headers['content-type'] ?? '').startsWith('application/json')) {
    try {
      const body = JSON.parse(text || '{}');
      if (body && typeof body === 'object' && !Array.isArray(body)) return body;
    } catch {
      // answered below
    }
    throw new SiteError(400, 'bad_json', 'The body must be a JSON object.');
  }
  return Object.fromEntries(new URLSearchParams(text));
}

const sessionOf = (request) => /(?:^|;\s*)sid=([^;]+)/.exec(request.headers.cookie ?? '')?.[1];

/** A refusal as the user sees it: the API's own status and message for what Reel refused. */
function refusal(error) {
  if (error instanceof SiteError) return error;
  if (error instanceof ReelError && error.status >= 400 && error.status < 500) {
    return new SiteError(error.status, error.code, error.message);
  }
  console.error(error);
  return new SiteError(502, 'reel_unreachable', 'The video service did not answer; try again.');
}

function send(response, answer) {
  const headers = { 'cache-control': 'no-store' };
  if (answer.cookie) headers['set-cookie'] = answer.cookie;
  if (answer.location) {
    response.writeHead(answer.status, { ...headers, location: answer.location }).end();
  } else if (answer.json !== undefined) {
    response
      .writeHead(answer.status, { ...headers, 'content-type': 'application/json' })
      .end(JSON.stringify(answer.json));
  } else {
    response
      .writeHead(answer.status, { ...headers, 'content-type': 'text/html; charset=utf-8' })
      .end(answer.html);
  }
}

async function handle(request, response) {
  const url = new URL(request.url ?? '/', origin);
  const file = request.method === 'GET' ? staticFile(url.pathname) : undefined;
  if (file) {
    response.writeHead(200, { 'content-type': TYPES[extname(file)], 'cache-control': 'no-cache' });
    createReadStream(file).pipe(response);
    return;
  }
  const sessionId = sessionOf(request);
  const user = store.sessionUser(sessionId);
  const isApi = url.pathname.startsWith('/api/');
  const frame = { user, unread: 0 };
  try {
    const found = route(request.method ?? 'GET', url.pathname);
    if (!found) throw new SiteError(404, 'not_found', 'There is no such page.');
    const form = request.method === 'POST' ? await readForm(request) : {};
    if (request.method === 'GET' && !isApi)
      frame.unread = await unreadCount(site, user).catch(() => 0);
    const answer = await found.handler(site, {
      url,
      params: found.params,
      form,
      user,
      sessionId,
      frame,
    });
    send(response, answer);
  } catch (error) {
    if (error.answer) {
      const signIn = { code: 'sign_in_required', message: 'Sign in first.' };
      return send(response, isApi ? { status: 401, json: signIn } : error.answer);
    }
    const problem = refusal(error);
    if (isApi)
      return send(response, {
        status: problem.status,
        json: { code: problem.code, message: problem.message },
      });
    send(response, {
      status: problem.status,
      html: layout({
        title: 'Something is wrong',
        ...frame,
        body: html`<section class="narrow"><h1>${problem.status === 404 ? 'Not found' : 'That did not work'}</h1>
          <p class="problem" role="alert">${problem.message}</p><p><a href="/">Home</a></p></section>`,
      }),
    });
  }
}

createServer((request, response) => {
  handle(request, response).catch((error) => {
    console.error(error);
    if (!response.headersSent) response.writeHead(500).end();
  });
}).listen(port, host, () => {
  console.log(`Video site on ${origin}/  (API: ${connection.apiUrl})`);
  if (process.env.SITE_SEED !== 'off' && !store.data.seeded) {
    seed(site).catch((error) => console.error('Seeding failed:', error.message ?? error));
  }
});
