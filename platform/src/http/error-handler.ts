import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { components } from '../contract/openapi.gen.js';
import { type ErrorCode, ReelError } from '../domain/errors.js';

export type ErrorBody = components['schemas']['Error'];

/** Fastify's own refusals, renamed into our codes (the rest keep their status). */
const FRAMEWORK_CODES: Record<string, [number, ErrorCode]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
  // Every path parameter is an id or a short name: a longer one is simply invalid.
  FST_ERR_MAX_PARAM_LENGTH: [400, 'invalid_request'],
  FST_ERR_BAD_URL: [400, 'bad_request'],
};

type Cause = { code?: unknown; message?: unknown; cause?: unknown } | undefined;

/** Whether `error` or anything in its cause chain matches. */
const causedBy = (error: unknown, test: (at: NonNullable<Cause>) => boolean): boolean => {
  for (let at = error as Cause; at; at = at.cause as Cause) if (test(at)) return true;
  return false;
};

/** Postgres data exceptions (class 22) that a value a client sent can cause. */
const isDataException = (error: unknown) =>
  causedBy(error, (at) => typeof at.code === 'string' && /^22[0-9A-Z]{3}$/.test(at.code));

/** Postgres restarting, shutting down or out of reach: the client should retry shortly. */
const isDatabaseDown = (error: unknown) =>
  causedBy(
    error,
    (at) =>
      (typeof at.code === 'string' &&
        /^(57P0[123]|08[0-9A-Z]{3}|ECONNREFUSED|ECONNRESET)$/.test(at.code)) ||
      (typeof at.message === 'string' && /Connection terminated/.test(at.message)),
  );

/** The one place errors become `{code, message, details?}`. */
export function handleError(
  error: FastifyError | ReelError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof ReelError) {
    // Every 503 says when to come back, as the contract's Unavailable answer promises.
    if (error.status === 503) reply.header('Retry-After', '5');
    return reply.status(error.status).send({
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    } satisfies ErrorBody);
  }
  if (error.validation) {
    const first = error.validation[0];
    return reply.status(400).send({
      code: 'invalid_request',
      message: `${error.validationContext ?? 'request'}${first?.instancePath ?? ''} ${first?.message ?? 'is invalid'}`,
      details: {
        errors: error.validation.map((v) => ({
          path: v.instancePath,
          message: v.message,
          params: v.params,
        })),
      },
    } satisfies ErrorBody);
  }
  const known = FRAMEWORK_CODES[error.code];
  if (known)
    return reply
      .status(known[0])
      .send({ code: known[1], message: error.message } satisfies ErrorBody);
  if (error instanceof SyntaxError || (error.statusCode === 400 && !error.code)) {
    return reply
      .status(400)
      .send({ code: 'invalid_json', message: error.message } satisfies ErrorBody);
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return reply
      .status(error.statusCode)
      .send({ code: 'bad_request', message: error.message } satisfies ErrorBody);
  }
  if (isDataException(error)) {
    request.log.warn({ err: error }, 'a value the database refused');
    return reply.status(400).send({
      code: 'invalid_request',
      message: 'A value in the request is out of range',
    } satisfies ErrorBody);
  }
  if (isDatabaseDown(error)) {
    request.log.warn({ err: error }, 'the database is out of reach');
    return reply
      .status(503)
      .header('Retry-After', '1')
      .send({
        code: 'database_unavailable',
        message: 'The database does not answer; retry shortly',
      } satisfies ErrorBody);
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.status(500).send({
    code: 'internal_error',
    message: 'Something went wrong on our side',
  } satisfies ErrorBody);
}
