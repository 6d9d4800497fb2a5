import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, expectTypeOf, it } from 'vitest';
import { type ClientErrorCode, type ErrorCode, Reel, ReelError } from '../src/index';

let server: Server | undefined;
afterEach(
  () => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())),
);

/** A real HTTP server in front of the SDK that answers every request with `status` and `body`. */
async function answering(status: number, contentType: string, body: string) {
  server = createServer((_req, res) => {
    res.writeHead(status, { 'content-type': contentType });
    res.end(body);
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return new Reel({ apiKey: `reel_sk_${'a'.repeat(43)}`, baseUrl: `http://127.0.0.1:${port}` });
}

const failure = (pending: Promise<unknown>) =>
  pending.then(
    () => expect.unreachable('the call should fail'),
    (error: unknown) => error as ReelError,
  );

describe('ReelError.code', () => {
  it("is typed as the contract's catalogue, so a check against a code narrows", () => {
    expectTypeOf<ReelError['code']>().toEqualTypeOf<ErrorCode | ClientErrorCode>();
    expectTypeOf<'upload_completing'>().toExtend<ReelError['code']>();
    // A code the catalogue does not list is a type error, not a check that never matches.
    // @ts-expect-error
    expectTypeOf<'upload_finishing'>().toExtend<ReelError['code']>();
  });

  it("carries the answer's code, message and details", async () => {
    const reel = await answering(
      409,
      'application/json',
      JSON.stringify({
        code: 'video_not_transcoded',
        message: 'A processing video cannot be published yet',
        details: { status: 'processing' },
      }),
    );
    const error = await failure(reel.videos.publish('5d7c8a0e-9f0e-4a57-9c1e-0d3b0f6f2a10'));
    expect(error).toBeInstanceOf(ReelError);
    expect([error.status, error.code, error.message]).toEqual([
      409,
      'video_not_transcoded',
      'A processing video cannot be published yet',
    ]);
    if (error.code === 'video_not_transcoded')
      expect(error.details).toEqual({ status: 'processing' });
  });

  it('is unknown_error when the answer has no Reel body (a proxy’s error page)', async () => {
    const reel = await answering(404, 'text/html', '<html><body>Not Found</body></html>');
    const error = await failure(reel.videos.get('5d7c8a0e-9f0e-4a57-9c1e-0d3b0f6f2a10'));
    expect([error.status, error.code]).toEqual([404, 'unknown_error']);
  });
});
