import { ReelConnectionError } from './errors';

export interface RetryOptions {
  maxRetries: number;
  timeoutMs: number;
  fetch: typeof fetch;
}

const RETRY_STATUS = new Set([408, 429, 500, 502, 503, 504]);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function delayMs(attempt: number, response?: Response): number {
  const retryAfter = Number(response?.headers.get('retry-after'));
  if (Number.isFinite(retryAfter) && retryAfter > 0) return Math.min(retryAfter * 1000, 60_000);
  return Math.min(8000, 250 * 2 ** attempt) * (0.5 + Math.random() / 2);
}

/**
 * 409 is retried only when the server says a twin of this request is still in flight: one with
 * the same Idempotency-Key, or an earlier attempt still completing the same upload.
 */
async function isInFlightConflict(response: Response): Promise<boolean> {
  if (response.status !== 409) return false;
  const body = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { code?: string } | undefined;
  return body?.code === 'idempotency_key_in_use' || body?.code === 'upload_completing';
}

/**
 * A fetch that gives each attempt a timeout and retries network errors, timeouts, 408, 429,
 * 5xx and in-flight 409s with exponential backoff and jitter, honouring `Retry-After`.
 * Safe for POSTs because the SDK sends an Idempotency-Key with each one.
 */
export function retryingFetch(options: RetryOptions): typeof fetch {
  return async (input, init) => {
    const original = new Request(input, init);
    for (let attempt = 0; ; attempt++) {
      const request = original.clone();
      const last = attempt >= options.maxRetries;
      let response: Response;
      try {
        const signal = AbortSignal.any([
          AbortSignal.timeout(options.timeoutMs),
          ...(original.signal ? [original.signal] : []),
        ]);
        response = await options.fetch(new Request(request, { signal }));
      } catch (error) {
        if (original.signal?.aborted || last) {
          throw new ReelConnectionError(
            `${original.method} ${original.url} failed: ${String(error)}`,
            {
              cause: error,
            },
          );
        }
        await sleep(delayMs(attempt));
        continue;
      }
      const retry = RETRY_STATUS.has(response.status) || (await isInFlightConflict(response));
      if (!retry || last) return response;
      await response.body?.cancel();
      await sleep(delayMs(attempt, response));
    }
  };
}
