import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerOnce } from '../app/idempotency.js';
import type { Context } from '../context.js';
import { isAnswer } from './answer.js';

/**
 * Runs a POST under an `Idempotency-Key` (see answerOnce): the handler's answer is stored in the
 * transaction of its effects, for `sendStored`; a repeat gets the stored one.
 */
export async function runIdempotent(
  ctx: Context,
  request: FastifyRequest,
  keyed: { tenantId: string; key: string; route: string },
  run: (ctx: Context) => Promise<unknown>,
) {
  const same = {
    method: request.method,
    route: keyed.route,
    params: request.params,
    body: request.body,
  };
  return answerOnce(ctx, { ...keyed, request: same }, async (scoped) => {
    const result = await run(scoped);
    return isAnswer(result)
      ? { status: result.status, headers: result.headers ?? {}, payload: result.body }
      : { status: 200, headers: {}, payload: result };
  });
}

/** Sends a stored answer; a repeat says so with `Idempotent-Replayed: true`. */
export function sendStored(reply: FastifyReply, stored: Awaited<ReturnType<typeof runIdempotent>>) {
  if (stored.replayed) reply.header('Idempotent-Replayed', 'true');
  reply.status(stored.status).headers(stored.headers ?? {});
  if (stored.body === '') return reply.send();
  return reply.type('application/json').send(stored.body);
}
