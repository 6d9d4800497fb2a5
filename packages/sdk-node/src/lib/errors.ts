import type { Error as ErrorBody, ErrorCode } from '../generated/types.gen';

/**
 * Codes the SDK raises itself: `unknown_error` for an answer without a Reel body (a proxy's page),
 * `wait_timeout` when `videos.waitUntilSettled` runs out of time.
 */
export type ClientErrorCode = 'unknown_error' | 'wait_timeout';

/**
 * An error answer from Reel: `status` plus the API's `{code, message, details?}`. `code` is one of
 * the contract's catalogue (`ErrorCode`) or a ClientErrorCode, so a check against it narrows.
 */
export class ReelError extends Error {
  readonly status: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    status: number,
    body: (Partial<Omit<ErrorBody, 'code'>> & { code?: ErrorCode | ClientErrorCode }) | undefined,
  ) {
    super(body?.message ?? `Reel answered ${status}`);
    this.name = 'ReelError';
    this.status = status;
    this.code = body?.code ?? 'unknown_error';
    this.details = body?.details;
  }
}

/** No answer at all: the network failed or the request timed out, after every retry. */
export class ReelConnectionError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ReelConnectionError';
  }
}

/** Turns a generated call's `{data, error, response}` into the data, or throws a ReelError. */
export async function unwrap<T>(
  pending: Promise<{ data?: T; error?: unknown; response?: Response }>,
): Promise<T> {
  const result = await pending;
  if (result.error !== undefined || !result.response?.ok) {
    if (!result.response) {
      const cause = result.error;
      if (cause instanceof ReelConnectionError) throw cause;
      throw new ReelConnectionError(`Request failed: ${String(cause)}`, { cause });
    }
    throw new ReelError(result.response.status, result.error as Partial<ErrorBody> | undefined);
  }
  return result.data as T;
}
