import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

/** Answers a request and returns true, or returns false to fall through to the static files. */
export type RouteHandler = (request: IncomingMessage, response: ServerResponse) => Promise<boolean>;

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves folders under URL prefixes (`{'/': fixtureDir, '/player/': distDir}`) on 127.0.0.1, plus
 * optional routes: the test page (and a tenant's server) live here, on another origin than the API,
 * as on a real customer's site.
 */
export async function serveStatic(
  mounts: Record<string, string>,
  { port = 0, handle }: { port?: number; handle?: RouteHandler } = {},
): Promise<StaticServer> {
  const server: Server = createServer(async (request, response) => {
    // The tenant's own routes (such as creating uploads with its API key) come before the files.
    if (handle && (await handle(request, response))) return;
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    const prefix = Object.keys(mounts)
      .sort((a, b) => b.length - a.length)
      .find((mount) => path.startsWith(mount));
    const root = prefix ? mounts[prefix] : undefined;
    if (!prefix || !root) {
      response.writeHead(404).end();
      return;
    }
    const relative = path.slice(prefix.length) || 'index.html';
    const file = normalize(join(root, relative));
    if (!file.startsWith(normalize(root) + sep) && file !== normalize(root)) {
      response.writeHead(403).end();
      return;
    }
    try {
      const info = await stat(file);
      if (!info.isFile()) throw new Error('not a file');
      response.writeHead(200, {
        'content-type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
        'content-length': info.size,
        'cache-control': 'no-store',
      });
      createReadStream(file).pipe(response);
    } catch {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(port, '127.0.0.1', done));
  const address = server.address();
  const actualPort = typeof address === 'object' && address ? address.port : port;
  return {
    url: `http://127.0.0.1:${actualPort}`,
    close: () => new Promise((done) => server.close(() => done())),
  };
}
