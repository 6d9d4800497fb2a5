import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * A tenant's webhook server, for real: answers each request with the next planned status
 * (then 200), or hangs when the plan says 'hang'. A 3xx answer points at `redirectTo`.
 */
export async function startReceiver(
  plan: (number | 'hang')[] = [],
  options: { redirectTo?: string } = {},
) {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => {
      body += chunk;
    });
    req.on('end', () => {
      received.push({ headers: req.headers, body });
      const next = plan.shift() ?? 200;
      if (next === 'hang') return;
      res.statusCode = next;
      if (next === 429 || next === 503) res.setHeader('retry-after', '0');
      if (options.redirectTo && next >= 300 && next < 400)
        res.setHeader('location', options.redirectTo);
      res.end(next < 300 ? 'ok' : `not now (${next})`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks`,
    received,
    plan,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
