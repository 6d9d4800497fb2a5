import { describe, expect, it } from 'vitest';
import {
  isTransientStatus,
  livePlaybackError,
  networkRetryDelay,
  parseApiErrorBody,
  playbackErrorFromMediaError,
  playbackErrorFromResponse,
} from '../../src/playback-errors.js';

describe('playbackErrorFromResponse', () => {
  it('maps a 404 to not_found, for unknown and private videos alike', () => {
    const error = playbackErrorFromResponse(404, { code: 'not_found', message: 'No such video' });
    expect(error).toMatchObject({ code: 'not_found', status: 404, retrying: false });
    expect(error.message).toMatch(/doesn't exist/);
  });

  it('maps video_not_ready to not_ready and keeps polling', () => {
    const body = { code: 'video_not_ready', message: '…', details: { status: 'processing' } };
    expect(playbackErrorFromResponse(409, body)).toMatchObject({
      code: 'not_ready',
      retrying: true,
    });
    expect(playbackErrorFromResponse(409)).toMatchObject({ code: 'not_ready' });
  });

  it('tells a failed transcode apart from one still running', () => {
    const body = { code: 'video_not_ready', details: { status: 'failed' } };
    expect(playbackErrorFromResponse(409, body)).toMatchObject({
      code: 'processing_failed',
      retrying: false,
    });
  });

  it('maps 401 and 403 to not_allowed', () => {
    expect(playbackErrorFromResponse(401).code).toBe('not_allowed');
    expect(playbackErrorFromResponse(403, { code: 'forbidden' })).toMatchObject({
      code: 'not_allowed',
      status: 403,
      retrying: false,
    });
  });

  it('treats no answer, timeouts, rate limits and 5xx as transient network trouble', () => {
    for (const status of [0, 408, 429, 500, 502, 503, 504]) {
      expect(playbackErrorFromResponse(status)).toMatchObject({ code: 'network', retrying: true });
    }
  });

  it('treats a malformed video id (400) as a video that does not exist', () => {
    expect(playbackErrorFromResponse(400, { code: 'bad_request' })).toMatchObject({
      code: 'not_found',
      retrying: false,
    });
  });

  it('gives up on other client errors', () => {
    expect(playbackErrorFromResponse(416)).toMatchObject({ code: 'media', retrying: false });
  });
});

describe('playbackErrorFromMediaError (native HLS)', () => {
  it('trusts the manifest status when the manifest itself fails', () => {
    expect(playbackErrorFromMediaError(4, 404).code).toBe('not_found');
    expect(playbackErrorFromMediaError(2, 403).code).toBe('not_allowed');
    expect(playbackErrorFromMediaError(4, 0).code).toBe('network');
  });

  it('falls back to the media error when the manifest is fine', () => {
    expect(playbackErrorFromMediaError(2, 200).code).toBe('network');
    expect(playbackErrorFromMediaError(3, 200).code).toBe('media');
    expect(playbackErrorFromMediaError(4, 200).code).toBe('media');
    expect(playbackErrorFromMediaError(4, undefined).code).toBe('unsupported');
  });
});

describe('retry policy', () => {
  it('knows which statuses are worth retrying', () => {
    expect([0, 408, 429, 500, 503].every(isTransientStatus)).toBe(true);
    expect([400, 401, 403, 404, 409].some(isTransientStatus)).toBe(false);
  });

  it('backs off exponentially up to 15 s, then gives up', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => networkRetryDelay(attempt))).toEqual([
      1000, 2000, 4000, 8000, 15_000, 15_000,
    ]);
    expect(networkRetryDelay(6)).toBeUndefined();
    expect(networkRetryDelay(1, 1)).toBeUndefined();
  });

  it('parses the API error body when it is JSON, and ignores it otherwise', () => {
    expect(parseApiErrorBody('{"code":"not_found"}')).toEqual({ code: 'not_found' });
    expect(parseApiErrorBody('<html>')).toBeUndefined();
    expect(parseApiErrorBody('')).toBeUndefined();
    expect(parseApiErrorBody(null)).toBeUndefined();
  });
});

describe('livePlaybackError', () => {
  it("reads a live manifest's 404 as a stream not started yet, and keeps asking", () => {
    const error = livePlaybackError(playbackErrorFromResponse(404));
    expect(error).toMatchObject({ code: 'live_not_started', status: 404, retrying: true });
    expect(error.message).toMatch(/has not started/);
  });

  it('leaves every other failure as it was', () => {
    for (const status of [0, 401, 403, 500]) {
      const error = playbackErrorFromResponse(status);
      expect(livePlaybackError(error)).toEqual(error);
    }
  });
});
