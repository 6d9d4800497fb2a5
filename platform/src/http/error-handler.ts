import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ReelError } from '../domain/errors.js';

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
  if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
    return reply.status(error.statusCode).send({
      code: error.code?.toLowerCase().replace(/^fst_err_/, '') ?? 'bad_request',
      message: error.message,
    });
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply
    .status(500)
    .send({ code: 'internal_error', message: 'Something went wrong on our side' });
}
