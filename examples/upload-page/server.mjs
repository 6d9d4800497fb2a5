// A tenant's upload page. The server keeps the API key: it creates each upload (POST /v1/uploads)
// and hands the browser only the upload's id and its upload token. No framework: node:http.
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Reel, ReelError } from '@reel/sdk';

const here = dirname(fileURLToPath(import.meta.url));
const uploaderBuild = fileURLToPath(import.meta.resolve('@reel/uploader/cdn'));
const port = Number(process.env.PORT ?? 4174);
const host = process.env.HOST ?? '127.0.0.1';
const origin = process.env.PUBLIC_ORIGIN ?? `http://${host}:${port}`;

/** REEL_API_KEY and REEL_API_URL, or the development tenant `reel dev` wrote to .reel/dev.json. */
function credentials() {
  if (process.env.REEL_API_KEY) {
    return {
      apiKey: process.env.REEL_API_KEY,
      apiUrl: process.env.REEL_API_URL ?? 'http://127.0.0.1:4000',
    };
  }
  for (const folder of [process.cwd(), resolve(here, '../..')]) {
    const file = join(folder, '.reel/dev.json');
    if (existsSync(file)) {
      const { apiKey, apiUrl } = JSON.parse(readFileSync(file, 'utf8'));
      return { apiKey, apiUrl: process.env.REEL_API_URL ?? apiUrl };
    }
  }
  console.error(
    'No API key: set REEL_API_KEY (and REEL_API_URL), or run `npm start` at the repo root',
  );
  process.exit(1);
}

if (!existsSync(uploaderBuild)) {
  console.error(
    'The uploader is not built yet: run `npx pnpm@10.34.9 --filter @reel/uploader build`',
  );
  process.exit(1);
}

const { apiKey, apiUrl } = credentials();
const reel = new Reel({ apiKey, baseUrl: apiUrl });

const json = (response, status, body) => {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
};

async function readJson(request, limit = 16 * 1024) {
  let text = '';
  for await (const chunk of request) {
    text += chunk;
    if (text.length > limit) throw new Error('body too large');
  }
  return JSON.parse(text || '{}');
}

/**
 * Creates the upload for the file the page describes. The Idempotency-Key is derived from the
 * user and the file, so picking the same file again (after a reload, or in another tab) returns
 * the same upload, and the uploader resumes from the parts already stored. A real site would use
 * its signed-in user's id here, and check that user may upload at all.
 */
async function createUpload(request, response) {
  const body = await readJson(request);
  const user = 'demo-user';
  const key = createHash('sha256')
    .update(JSON.stringify([user, body.filename, body.size, body.lastModified]))
    .digest('hex');
  try {
    const upload = await reel.uploads.create(
      {
        filename: String(body.filename).slice(0, 255),
        size_bytes: Number(body.size),
        mime: String(body.mime || 'application/octet-stream'),
        title: String(body.filename).replace(/\.[^.]+$/, ''),
        cors_origin: origin, // the token works from this page's origin only
      },
      { idempotencyKey: key },
    );
    json(response, 201, {
      upload_id: upload.upload_id,
      upload_token: upload.upload_token,
      video_id: upload.video_id,
    });
  } catch (error) {
    if (error instanceof ReelError) {
      json(response, error.status, { code: error.code, message: error.message });
    } else {
      console.error(error);
      json(response, 502, {
        code: 'reel_unreachable',
        message: 'Could not reach the video service',
      });
    }
  }
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };
const files = {
  '/': [join(here, 'public/index.html'), TYPES['.html']],
  '/uploader/reel-uploader.js': [uploaderBuild, TYPES['.js']],
};

createServer(async (request, response) => {
  const path = new URL(request.url ?? '/', 'http://page').pathname;
  try {
    if (request.method === 'POST' && path === '/api/uploads')
      return await createUpload(request, response);
    if (request.method === 'GET' && path === '/api/config') return json(response, 200, { apiUrl });
    const served = request.method === 'GET' && files[path];
    if (!served) return void response.writeHead(404).end('Not found');
    response.writeHead(200, { 'content-type': served[1], 'cache-control': 'no-cache' });
    createReadStream(served[0]).pipe(response);
  } catch (error) {
    json(response, 400, { code: 'bad_request', message: String(error.message ?? error) });
  }
}).listen(port, host, () => {
  console.log(`Upload page on ${origin}/  (API: ${apiUrl})`);
});
