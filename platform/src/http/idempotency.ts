import type { FastifyReply, FastifyRequest } from 'fastify';
import { answerOnce, type HeldAnswer } from '../app/idempotency.js';
import type { Context } from '../context.js';

/**
 * A stand-in for Fastify's reply while a keyed request runs: it records status, headers and
 * payload instead of sending, so nothing reaches the client before the commit.
 */
function capturingReply(held: HeldAnswer) {
  const stand = {
    status(code: number) {
      held.status = code;
      return stand;
    },
    code(code: number) {
      held.status = code;
      return stand;
    },
    header(name: string, value: string) {
      held.headers[name] = String(value);
      return stand;
    },
    send(payload?: unknown) {
      held.payload = payload;
      held.sent = true;
      return stand;
    },
  };
  return stand as unknown as FastifyReply;
}

/**
 * Runs a POST under an `Idempotency-Key` (see answerOnce) and sends its answer, or the stored
 * one with `Idempotent-Replayed: true`.
 */
export async function runIdempotent(
  ctx: Context,
  request: FastifyRequest,
  reply: FastifyReply,
  tenantId: string,
  key: string,
  route: string,
  run: (ctx: Context, reply: FastifyReply) => Promise<unknown>,
) {
  const keyed = { method: request.method, route, params: request.params, body: request.body };
  const answer = await answerOnce(ctx, { tenantId, key, request: keyed }, (scoped, held) =>
    run(scoped, capturingReply(held)),
  );
  if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
  for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
  reply.status(answer.status);
  if (answer.body === '') return reply.send();
  return reply.type('application/json').send(answer.body);
}
