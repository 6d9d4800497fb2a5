import { describe, expect, it, vi } from 'vitest';
import { UploadApi } from '../../src/api-client.js';
import { errorFromResponse, ReelUploadError, toUploadError } from '../../src/errors.js';

describe('errors', () => {
  it("keeps the API's code and message", () => {
    const error = errorFromResponse(422, { code: 'checksum_mismatch', message: 'nope' });
    expect(error).toMatchObject({ status: 422, code: 'checksum_mismatch', message: 'nope' });
    expect(error.retryable).toBe(false);
  });

  it('explains a 401 in terms of the upload token', () => {
    const error = errorFromResponse(401, { code: 'unauthorized', message: 'Unauthorized' });
    expect(error.message).toMatch(/upload token is invalid/);
    const expired = errorFromResponse(401, {
      code: 'upload_token_expired',
      message: 'server words',
    });
    expect(expired).toMatchObject({ code: 'upload_token_expired', retryable: false });
    expect(expired.message).toMatch(/upload has expired/);
    expect(errorFromResponse(410, { code: 'upload_expired', message: 'gone' }).retryable).toBe(
      false,
    );
    const completing = errorFromResponse(409, { code: 'upload_completing', message: 'wait' });
    expect(completing.retryable).toBe(true);
    expect(errorFromResponse(409, { code: 'missing_parts', message: 'no' }).retryable).toBe(false);
  });

  it('names bodiless refusals by status', () => {
    expect(errorFromResponse(413, undefined).code).toBe('upload_too_large');
    expect(errorFromResponse(404, 'html').code).toBe('not_found');
    expect(errorFromResponse(502, undefined).code).toBe('http_502');
  });

  it('tells retryable failures apart', () => {
    expect(new ReelUploadError(0, 'network_error', '').retryable).toBe(true);
    expect(new ReelUploadError(503, 'x', '').retryable).toBe(true);
    expect(new ReelUploadError(429, 'x', '').retryable).toBe(true);
    expect(new ReelUploadError(403, 'signature_expired', '').retryable).toBe(true);
    expect(new ReelUploadError(403, 'origin_not_allowed', '').retryable).toBe(false);
    expect(new ReelUploadError(400, 'x', '').retryable).toBe(false);
  });

  it("reads an Uppy XHR failure's status and JSON body", () => {
    const xhr = { status: 413, responseText: '{"code":"part_too_large","message":"big"}' };
    expect(toUploadError(Object.assign(new Error('Non 2xx'), { source: xhr }))).toMatchObject({
      status: 413,
      code: 'part_too_large',
    });
    expect(toUploadError(new Error('Unknown error'))).toMatchObject({
      status: 0,
      code: 'network_error',
    });
  });
});

describe('UploadApi', () => {
  const json = (status: number, body: unknown) =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json' },
    });

  it('sends the upload token and follows list cursors to the end', async () => {
    const fetcher = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
      expect(new Headers(init?.headers).get('authorization')).toBe('Bearer tok');
      return String(url).includes('cursor=c2')
        ? json(200, { data: [{ part_number: 3, size_bytes: 1, etag: 'c' }], next_cursor: null })
        : json(200, {
            data: [
              { part_number: 1, size_bytes: 1, etag: 'a' },
              { part_number: 2, size_bytes: 1, etag: 'b' },
            ],
            next_cursor: 'c2',
          });
    });
    const api = new UploadApi('http://api/', 'up 1', 'tok', fetcher as typeof fetch);
    const parts = await api.listParts();
    expect(parts.map((part) => part.part_number)).toEqual([1, 2, 3]);
    expect(String(fetcher.mock.calls[0]?.[0])).toBe('http://api/v1/uploads/up%201/parts');
  });

  it('posts the checksum at complete and turns refusals into errors', async () => {
    const fetcher = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
      expect(JSON.parse(String(init?.body))).toEqual({ sha256: 'abc' });
      return json(422, { code: 'checksum_mismatch', message: 'The SHA-256 differs' });
    });
    const api = new UploadApi('http://api', 'u', 'tok', fetcher as typeof fetch);
    await expect(api.complete('abc')).rejects.toMatchObject({
      status: 422,
      code: 'checksum_mismatch',
    });
  });

  it('reports a failed fetch as a retryable network error', async () => {
    const api = new UploadApi('http://api', 'u', 'tok', (async () => {
      throw new TypeError('Failed to fetch');
    }) as typeof fetch);
    const error = await api.get().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ReelUploadError);
    expect(error).toMatchObject({ code: 'network_error', retryable: true });
  });
});
