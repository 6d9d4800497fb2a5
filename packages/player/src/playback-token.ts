/** The claims of a playback JWT the player cares about; it never verifies tokens, the API does. */
export interface TokenTimes {
  /** Expiry, seconds since the epoch. */
  exp: number;
  /** Issued at, seconds since the epoch, when present. */
  iat?: number;
}

function decodeBase64Url(segment: string): string {
  const base64 = segment.replace(/-/g, '+').replace(/_/g, '/');
  const padded = base64 + '='.repeat((4 - (base64.length % 4)) % 4);
  const binary = atob(padded);
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

/** `exp` (and `iat`) from a JWT's payload, or undefined for anything that is not a JWT with `exp`. */
export function readTokenTimes(token: string): TokenTimes | undefined {
  const payload = token.split('.')[1];
  if (!payload) return undefined;
  try {
    const claims: unknown = JSON.parse(decodeBase64Url(payload));
    if (typeof claims !== 'object' || claims === null) return undefined;
    const { exp, iat } = claims as { exp?: unknown; iat?: unknown };
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
    return typeof iat === 'number' && Number.isFinite(iat) ? { exp, iat } : { exp };
  } catch {
    return undefined;
  }
}

/** Never refresh closer to expiry than this: the request for a new token has to make it in time. */
const MIN_LEAD_SECONDS = 5;
/** Never earlier than this before expiry, so a day-long token is not replaced after a minute. */
const MAX_LEAD_SECONDS = 60;
/** When the token says when it was issued, refresh once this share of its lifetime is left. */
const LEAD_SHARE_OF_LIFETIME = 0.2;
const DEFAULT_LEAD_SECONDS = 30;

/**
 * Milliseconds from `nowMs` until a replacement for `token` should be asked for, or undefined when
 * the token carries no expiry (nothing to schedule). Zero when it is already due or expired.
 */
export function tokenRefreshDelay(token: string, nowMs: number): number | undefined {
  const times = readTokenTimes(token);
  if (!times) return undefined;
  const lifetime = times.iat !== undefined ? times.exp - times.iat : undefined;
  const lead =
    lifetime !== undefined && lifetime > 0
      ? Math.min(MAX_LEAD_SECONDS, Math.max(MIN_LEAD_SECONDS, lifetime * LEAD_SHARE_OF_LIFETIME))
      : DEFAULT_LEAD_SECONDS;
  return Math.max(0, Math.round((times.exp - lead) * 1000 - nowMs));
}

export type TokenProvider = () => Promise<string>;

export interface TokenRefreshOptions {
  /** Asked for a new token shortly before the current one expires. */
  provider: () => TokenProvider | undefined;
  /** Receives each new token (the player then resumes with it). */
  onToken: (token: string) => void;
  /** Told when the provider fails, so the player can surface it. */
  onError: (error: unknown) => void;
  now?: () => number;
}

/**
 * Calls the token provider before each token expires. Only one timer is ever pending, and a token
 * that arrives after a newer one was scheduled is dropped.
 */
export class TokenRefreshScheduler {
  #timer: ReturnType<typeof setTimeout> | undefined;
  #generation = 0;
  readonly #options: TokenRefreshOptions;

  constructor(options: TokenRefreshOptions) {
    this.#options = options;
  }

  /** Plans the refresh for `token`; returns the delay in ms, or undefined if nothing was planned. */
  schedule(token: string | null | undefined): number | undefined {
    this.cancel();
    if (!token || !this.#options.provider()) return undefined;
    const delay = tokenRefreshDelay(token, (this.#options.now ?? Date.now)());
    if (delay === undefined) return undefined;
    const generation = this.#generation;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.refreshNow(generation);
    }, delay);
    return delay;
  }

  /** Asks the provider right away (also used after a 401/403); resolves to the new token. */
  async refreshNow(generation = this.#generation): Promise<string | undefined> {
    const provider = this.#options.provider();
    if (!provider) return undefined;
    try {
      const token = await provider();
      if (generation !== this.#generation) return undefined;
      this.#options.onToken(token);
      return token;
    } catch (error) {
      if (generation === this.#generation) this.#options.onError(error);
      return undefined;
    }
  }

  cancel(): void {
    this.#generation += 1;
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  get pending(): boolean {
    return this.#timer !== undefined;
  }
}

/** What to do when the API refused a request (401/403) for the current video. */
export type TokenRejectionAction =
  /** A newer token than the refused one is already set: reload with it, no interruption shown. */
  | 'reload-with-newer-token'
  /** Ask the token provider now, showing the not-allowed state until a token arrives. */
  | 'ask-provider'
  /** Nothing to do but show the not-allowed state and wait for the page to set a token. */
  | 'wait-for-token';

export function tokenRejectionAction(state: {
  /** The token set on the element now. */
  currentToken: string | null;
  /** The token the refused requests were made with. */
  loadedWithToken: string | null;
  hasProvider: boolean;
  /** The provider was already asked since the last successful load (don't loop on a bad provider). */
  providerAlreadyAsked: boolean;
}): TokenRejectionAction {
  if (state.currentToken && state.currentToken !== state.loadedWithToken) {
    return 'reload-with-newer-token';
  }
  if (state.hasProvider && !state.providerAlreadyAsked) return 'ask-provider';
  return 'wait-for-token';
}
