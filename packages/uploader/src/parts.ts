import type { SignedPart } from './api-client.js';

/** The byte count of part `n` (1-based): `partSize`, except the last part, which holds the rest. */
export function partSizeOf(sizeBytes: number, partSize: number, partNumber: number): number {
  const count = partCountOf(sizeBytes, partSize);
  if (partNumber < 1 || partNumber > count) throw new RangeError(`No part ${partNumber}`);
  return partNumber < count ? partSize : sizeBytes - partSize * (count - 1);
}

export function partCountOf(sizeBytes: number, partSize: number): number {
  return Math.max(1, Math.ceil(sizeBytes / partSize));
}

/**
 * Signed part URLs, fetched in batches and kept until shortly before they expire. A URL the store
 * refused as expired is dropped, so the next attempt at that part signs it again instead of failing.
 */
export class SignedUrlCache {
  readonly #urls = new Map<number, { url: string; expiresAt: number }>();
  readonly #marginMs: number;

  constructor({ marginMs = 60_000 }: { marginMs?: number } = {}) {
    this.#marginMs = marginMs;
  }

  add(parts: readonly SignedPart[]): void {
    for (const part of parts) {
      this.#urls.set(part.part_number, {
        url: part.url,
        expiresAt: Date.parse(part.expires_at),
      });
    }
  }

  /** A URL still good for at least the margin, or undefined. */
  get(partNumber: number, now = Date.now()): string | undefined {
    const entry = this.#urls.get(partNumber);
    if (!entry) return undefined;
    if (!(entry.expiresAt - this.#marginMs > now)) {
      this.#urls.delete(partNumber);
      return undefined;
    }
    return entry.url;
  }

  drop(partNumber: number): void {
    this.#urls.delete(partNumber);
  }

  dropUrl(url: string): void {
    for (const [number, entry] of this.#urls) if (entry.url === url) this.#urls.delete(number);
  }

  /** The part numbers to sign along with `partNumber`: it and the next unsigned ones, up to `batch`. */
  batchFrom(
    partNumber: number,
    partCount: number,
    skip: ReadonlySet<number>,
    batch: number,
    now = Date.now(),
  ): number[] {
    const numbers = [partNumber];
    for (let n = partNumber + 1; n <= partCount && numbers.length < batch; n += 1) {
      if (!skip.has(n) && this.get(n, now) === undefined) numbers.push(n);
    }
    return numbers;
  }
}

/** Retry delays in ms: exponential backoff with jitter, capped. */
export function backoffDelays(
  attempts: number,
  { baseMs = 500, maxMs = 15_000, random = Math.random } = {},
): number[] {
  return Array.from({ length: attempts }, (_, i) => {
    if (i === 0) return 0;
    const exponential = Math.min(maxMs, baseMs * 2 ** (i - 1));
    return Math.round(exponential / 2 + (random() * exponential) / 2);
  });
}
