import type { components } from '../contract/openapi.gen.js';

/** The codes the contract's `ErrorCode` catalogue lists: the server answers no other. */
export type ErrorCode = components['schemas']['ErrorCode'];

/** An error a client can act on: rendered as `{code, message, details?}` with `status`. */
export class ReelError extends Error {
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'ReelError';
  }
}

export const notFound = (what: string) => new ReelError(404, 'not_found', `${what} not found`);

export const conflict = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new ReelError(409, code, message, details);

export const badRequest = (code: ErrorCode, message: string, details?: Record<string, unknown>) =>
  new ReelError(400, code, message, details);

export const unauthorized = () =>
  new ReelError(
    401,
    'unauthorized',
    'Send a valid credential: Authorization: Bearer <api key or token>',
  );

/** 451: the video was taken down; its reason goes with the answer, as the law expects it told. */
export const takenDown = (reason: string | null) =>
  new ReelError(451, 'taken_down', 'This video was taken down and cannot be played', {
    reason: reason ?? 'other',
  });
