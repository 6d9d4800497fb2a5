import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ReelError } from '../domain/errors.js';

/** Fastify's own refusals, renamed into our codes (the rest keep their status). */
const FRAMEWORK_CODES: Record<string, [number, string]> = {
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [415, 'unsupported_media_type'],
  FST_ERR_CTP_BODY_TOO_LARGE: [413, 'payload_too_large'],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: [400, 'invalid_content_length'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_CTP_INVALID_JSON_BODY: [400, 'invalid_json'],
  FST_ERR_MAX_PARAM_LENGTH: [414, 'uri_too_long'],
  FST_ERR_BAD_URL: [400, 'bad_request'],
};

/** Postgres data exceptions (class 22) that a value a client sent can cause. */
const isDataException = (error: unknown): boolean => {
  for (
    let at = error as { code?: unknown; cause?: unknown } | undefined;
    at;
    at = at.cause as never
  ) {
    if (typeof at.code === 'string' && /^22[0-9A-Z]{3}$/.test(at.code)) return true;
  }
  return false;
};

/** The one place errors become `{code, message, details?}`. */
export function handleError(
  error: FastifyError | ReelError,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof ReelError) {
    return reply.status(error.status).send({
      code: error.code,
      message: error.message,
      ...(error.details ? { details: error.details } : {}),
    });
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
    });
  }
  const known = FRAMEWORK_CODES[error.code];
  if (known) return reply.status(known[0]).send({ code: known[1], message: error.message });
  if (error instanceof SyntaxError || (error.statusCode === 400 && !error.code)) {
    return reply.status(400).send({ code: 'invalid_json', message: error.message });
  }
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return reply.status(error.statusCode).send({ code: 'bad_request', message: error.message });
  }
  if (isDataException(error)) {
    request.log.warn({ err: error }, 'a value the database refused');
    return reply
      .status(400)
      .send({ code: 'invalid_request', message: 'A value in the request is out of range' });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply
    .status(500)
    .send({ code: 'internal_error', message: 'Something went wrong on our side' });
}
