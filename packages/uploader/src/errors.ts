/** An upload failure with the API's `{code, message, details?}` and the HTTP status (0: no answer). */
export class ReelUploadError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: Record<string, unknown> | undefined;

  constructor(
    status: number,
    code: string,
    message: string,
    details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'ReelUploadError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /**
   * A network failure, a timeout, a 5xx, a 429, an expired part URL, or an earlier attempt still
   * completing the upload (a big file's check takes a while): trying again may work.
   */
  get retryable(): boolean {
    return (
      this.status === 0 ||
      this.status === 408 ||
      this.status === 429 ||
      this.status >= 500 ||
      this.code === 'signature_expired' ||
      this.code === 'upload_completing'
    );
  }
}

/** Clear words for the refusals a browser upload meets, used when the answer has no message. */
const MESSAGES: Record<string, string> = {
  unauthorized: 'The upload token is invalid. Ask the page for a new upload.',
  upload_token_expired: 'This upload has expired. Ask the page for a new upload.',
  upload_expired: 'This upload has expired. Ask the page for a new upload.',
  not_found: 'This upload does not exist, or the token belongs to another upload.',
  origin_not_allowed: 'This upload token does not work from this website.',
  upload_too_large: 'The file is over the size this site accepts.',
  checksum_mismatch: 'The file changed or was corrupted on the way: its checksum does not match.',
  file_mismatch: 'This file is not the one the upload was created for.',
  network_error: 'The network connection was lost.',
};

/** Builds an error from a failed answer's status and (possibly empty or non-JSON) body. */
export function errorFromResponse(status: number, body: unknown): ReelUploadError {
  const problem = (typeof body === 'object' && body ? body : {}) as {
    code?: unknown;
    message?: unknown;
    details?: unknown;
  };
  const fallbackCode =
    status === 401
      ? 'unauthorized'
      : status === 404
        ? 'not_found'
        : status === 413
          ? 'upload_too_large'
          : `http_${status}`;
  const code = typeof problem.code === 'string' ? problem.code : fallbackCode;
  let message =
    typeof problem.message === 'string' && problem.message
      ? problem.message
      : (MESSAGES[code] ?? `Reel answered ${status}`);
  // The API's 401 words speak to developers; say what they mean for the person uploading.
  if (status === 401) message = MESSAGES[code] ?? (MESSAGES.unauthorized as string);
  const details =
    typeof problem.details === 'object' && problem.details
      ? (problem.details as Record<string, unknown>)
      : undefined;
  return new ReelUploadError(status, code, message, details);
}

/** Turns anything thrown into a ReelUploadError (network failures become status 0). */
export function toUploadError(error: unknown): ReelUploadError {
  if (error instanceof ReelUploadError) return error;
  const source = (error as { source?: { status?: number; responseText?: string } })?.source;
  if (source && typeof source.status === 'number' && source.status > 0) {
    let body: unknown;
    try {
      body = JSON.parse(source.responseText ?? '');
    } catch {
      body = undefined;
    }
    return errorFromResponse(source.status, body);
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ReelUploadError(0, 'network_error', MESSAGES.network_error as string, undefined, {
    cause: error ?? new Error(message),
  });
}

export function messageFor(code: string): string | undefined {
  return MESSAGES[code];
}
