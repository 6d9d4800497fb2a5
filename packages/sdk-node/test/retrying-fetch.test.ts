import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { Reel, ReelConnectionError, ReelError } from '../src/index';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** A real, flaky API: answers with each status in turn, then 200 with a video. */
async function flakyApi(
  statuses: number[],
  options: { retryAfter?: string; hang?: boolean; codes?: Record<number, string> } = {},
) {
  const seen: { method: string; key: string | undefined }[] = [];
  server = createServer((req, res) => {
    seen.push({
      method: req.method ?? '',
      key: req.headers['idempotency-key'] as string | undefined,
    });
    if (options.hang) return;
    const status = statuses.shift() ?? 200;
    res.setHeader('content-type', 'application/json');
    if (options.retryAfter) res.setHeader('retry-after', options.retryAfter);
    res.statusCode = status;
    res.end(
      JSON.stringify(
        status === 200
          ? { video_id: 'v1', status: 'ready' }
          : {
              code: options.codes?.[status] ?? `e${status}`,
              message: `status ${status}`,
              details: { status },
            },
      ),
    );
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { seen, baseUrl: `http://127.0.0.1:${port}` };
}

const key = `reel_sk_${'a'.repeat(43)}`;

describe('retries', () => {
  it('retries 503 and 429 with backoff, then succeeds', async () => {
    const api = await flakyApi([503, 429, 502]);
    const reel = new Reel({ apiKey: key, baseUrl: api.baseUrl, maxRetries: 3 });
    const video = await reel.videos.get('v1');
    expect(video.video_id).toBe('v1');
    expect(api.seen).toHaveLength(4);
  });

  it('keeps one Idempotency-Key across the retries of a POST', async () => {
    const api = await flakyApi([500, 500]);
    const reel = new Reel({ apiKey: key, baseUrl: api.baseUrl, maxRetries: 3 });
    await reel.videos.publish('v1');
    const keys = new Set(api.seen.map((s) => s.key));
    expect(api.seen).toHaveLength(3);
    expect(keys.size).toBe(1);
    expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('retries a 409 only while a twin is in flight: the same key, or an upload completing', async () => {
    const api = await flakyApi([409, 409], { codes: { 409: 'upload_completing' } });
    const reel = new Reel({ apiKey: key, baseUrl: api.baseUrl, maxRetries: 3 });
    expect((await reel.uploads.complete('u1')).video_id).toBe('v1');
    expect(api.seen).toHaveLength(3);
    await new Promise((resolve) => server?.close(resolve));
    const other = await flakyApi([409], { codes: { 409: 'missing_parts' } });
    const refused = new Reel({ apiKey: key, baseUrl: other.baseUrl, maxRetries: 3 });
    expect(await refused.uploads.complete('u1').catch((e: unknown) => e)).toMatchObject({
      status: 409,
      code: 'missing_parts',
    });
  });

  it('honours Retry-After', async () => {
    const api = await flakyApi([429], { retryAfter: '1' });
    const reel = new Reel({ apiKey: key, baseUrl: api.baseUrl, maxRetries: 1 });
    const started = Date.now();
    await reel.videos.get('v1');
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it('does not retry a client error, and types it', async () => {
    const api = await flakyApi([404]);
    const reel = new Reel({ apiKey: key, baseUrl: api.baseUrl, maxRetries: 3 });
    const error = await reel.videos.get('v1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReelError);
    expect(error).toMatchObject({ status: 404, code: 'e404', details: { status: 404 } });
    expect(api.seen).toHaveLength(1);
  });

  it('gives up after the last retry with the last answer', async () => {
    const api = await flakyApi([503, 503, 503]);
    const reel = new Reel({ apiKey: key, baseUrl: api.baseUrl, maxRetries: 2 });
    const error = await reel.videos.get('v1').catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 503 });
    expect(api.seen).toHaveLength(3);
  });

  it('times out a hung request and retries it, then reports a connection error', async () => {
    const api = await flakyApi([], { hang: true });
    const reel = new Reel({ apiKey: key, baseUrl: api.baseUrl, maxRetries: 1, timeoutMs: 200 });
    const error = await reel.videos.get('v1').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ReelConnectionError);
    expect(api.seen).toHaveLength(2);
    server?.closeAllConnections();
  });
});
