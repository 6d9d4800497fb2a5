import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  readTokenTimes,
  TokenRefreshScheduler,
  tokenRefreshDelay,
  tokenRejectionAction,
} from '../../src/playback-token.js';

/** An unsigned JWT: the player only reads claims, the API verifies signatures. */
function jwt(claims: Record<string, unknown>): string {
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${encode({ alg: 'ES256', typ: 'JWT' })}.${encode(claims)}.signature`;
}

const NOW_S = 1_700_000_000;
const NOW_MS = NOW_S * 1000;

describe('readTokenTimes', () => {
  it('reads exp and iat from the payload', () => {
    expect(readTokenTimes(jwt({ sub: 'vid_1', exp: NOW_S + 600, iat: NOW_S }))).toEqual({
      exp: NOW_S + 600,
      iat: NOW_S,
    });
  });

  it('decodes base64url payloads with multi-byte characters and no padding', () => {
    expect(readTokenTimes(jwt({ sub: 'vidéo ✓?>', exp: 42 }))).toEqual({ exp: 42 });
  });

  it('gives nothing for tokens that are not JWTs or carry no numeric exp', () => {
    expect(readTokenTimes('opaque-token')).toBeUndefined();
    expect(readTokenTimes('a.!!!.c')).toBeUndefined();
    expect(readTokenTimes(jwt({ sub: 'x' }))).toBeUndefined();
    expect(readTokenTimes(jwt({ exp: 'tomorrow' }))).toBeUndefined();
  });
});

describe('tokenRefreshDelay', () => {
  it('refreshes when a fifth of the lifetime is left, at least 5 s and at most 60 s ahead', () => {
    // 10 minutes: 20% is 120 s, capped to 60 s before expiry.
    expect(tokenRefreshDelay(jwt({ iat: NOW_S, exp: NOW_S + 600 }), NOW_MS)).toBe(540_000);
    // 100 s: 20% is 20 s before expiry.
    expect(tokenRefreshDelay(jwt({ iat: NOW_S, exp: NOW_S + 100 }), NOW_MS)).toBe(80_000);
    // 10 s: 20% is 2 s, raised to 5 s.
    expect(tokenRefreshDelay(jwt({ iat: NOW_S, exp: NOW_S + 10 }), NOW_MS)).toBe(5_000);
  });

  it('uses 30 s ahead when the issue time is unknown', () => {
    expect(tokenRefreshDelay(jwt({ exp: NOW_S + 300 }), NOW_MS)).toBe(270_000);
  });

  it('is due at once for an expired or nearly expired token', () => {
    expect(tokenRefreshDelay(jwt({ exp: NOW_S - 10 }), NOW_MS)).toBe(0);
    expect(tokenRefreshDelay(jwt({ exp: NOW_S + 3 }), NOW_MS)).toBe(0);
  });

  it('has nothing to schedule without exp', () => {
    expect(tokenRefreshDelay('opaque', NOW_MS)).toBeUndefined();
  });
});

describe('TokenRefreshScheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(NOW_MS);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function scheduler(provider: (() => Promise<string>) | undefined) {
    const received: string[] = [];
    const errors: unknown[] = [];
    const refresh = new TokenRefreshScheduler({
      provider: () => provider,
      onToken: (token) => received.push(token),
      onError: (error) => errors.push(error),
    });
    return { refresh, received, errors };
  }

  it('calls the provider shortly before expiry and hands over the new token', async () => {
    const next = jwt({ iat: NOW_S + 80, exp: NOW_S + 180 });
    const provider = vi.fn(async () => next);
    const { refresh, received } = scheduler(provider);
    expect(refresh.schedule(jwt({ iat: NOW_S, exp: NOW_S + 100 }))).toBe(80_000);

    await vi.advanceTimersByTimeAsync(79_999);
    expect(provider).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(provider).toHaveBeenCalledTimes(1);
    expect(received).toEqual([next]);
    expect(refresh.pending).toBe(false);
  });

  it('plans nothing without a provider, a token, or an expiry', () => {
    expect(scheduler(undefined).refresh.schedule(jwt({ exp: NOW_S + 100 }))).toBeUndefined();
    const withProvider = scheduler(async () => 'x').refresh;
    expect(withProvider.schedule(null)).toBeUndefined();
    expect(withProvider.schedule('opaque')).toBeUndefined();
    expect(withProvider.pending).toBe(false);
  });

  it('keeps a single timer: scheduling again replaces the previous plan', async () => {
    const provider = vi.fn(async () => 'fresh');
    const { refresh } = scheduler(provider);
    refresh.schedule(jwt({ exp: NOW_S + 40 })); // due in 10 s
    refresh.schedule(jwt({ exp: NOW_S + 130 })); // due in 100 s
    await vi.advanceTimersByTimeAsync(50_000);
    expect(provider).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(50_000);
    expect(provider).toHaveBeenCalledTimes(1);
  });

  it('drops a token that arrives after the plan was cancelled', async () => {
    let resolve: (token: string) => void = () => undefined;
    const { refresh, received } = scheduler(
      () =>
        new Promise<string>((done) => {
          resolve = done;
        }),
    );
    refresh.schedule(jwt({ exp: NOW_S + 30 })); // due now
    await vi.advanceTimersByTimeAsync(0);
    refresh.cancel();
    resolve('late');
    await vi.advanceTimersByTimeAsync(0);
    expect(received).toEqual([]);
  });

  it('reports a failing provider and keeps no timer', async () => {
    const { refresh, errors, received } = scheduler(async () => {
      throw new Error('session over');
    });
    expect(await refresh.refreshNow()).toBeUndefined();
    expect(errors).toHaveLength(1);
    expect(received).toEqual([]);
  });
});

describe('tokenRejectionAction', () => {
  const base = {
    currentToken: 'a',
    loadedWithToken: 'a',
    hasProvider: false,
    providerAlreadyAsked: false,
  };

  it('reloads silently when a newer token was set while the old one was still in use', () => {
    expect(tokenRejectionAction({ ...base, currentToken: 'b' })).toBe('reload-with-newer-token');
  });

  it('asks the provider once, then waits for the page', () => {
    expect(tokenRejectionAction({ ...base, hasProvider: true })).toBe('ask-provider');
    expect(tokenRejectionAction({ ...base, hasProvider: true, providerAlreadyAsked: true })).toBe(
      'wait-for-token',
    );
  });

  it('waits for a token when there is none and no provider', () => {
    expect(tokenRejectionAction({ ...base, currentToken: null, loadedWithToken: null })).toBe(
      'wait-for-token',
    );
  });
});
