import type { Error as ErrorBody } from '../generated/types.gen';

/** An error answer from Reel: `status` plus the API's `{code, message, details?}`. */
export class ReelError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(status: number, body: Partial<ErrorBody> | undefined) {
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
