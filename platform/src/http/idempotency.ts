import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Context } from '../context.js';
import type { Db } from '../db/connection.js';
import { findStoredAnswer, lockIdempotencyKey, storeAnswer } from '../db/idempotency.js';
import { ReelError } from '../domain/errors.js';

/** What a handler said, held back until the transaction that stores it commits. */
interface CapturedReply {
  status: number;
  headers: Record<string, string>;
  payload: unknown;
  sent: boolean;
}

/**
 * A stand-in for Fastify's reply while a keyed request runs: it records status, headers and
 * payload instead of sending, so nothing reaches the client before the commit.
 */
function capturingReply(captured: CapturedReply) {
  const stand = {
    status(code: number) {
      captured.status = code;
      return stand;
    },
    code(code: number) {
      captured.status = code;
      return stand;
    },
    header(name: string, value: string) {
      captured.headers[name] = String(value);
      return stand;
    },
    send(payload?: unknown) {
      captured.payload = payload;
      captured.sent = true;
      return stand;
    },
  };
  return stand as unknown as FastifyReply;
}

const hashRequest = (request: FastifyRequest, route: string) =>
  createHash('sha256')
    .update(
      `${request.method} ${route} ${JSON.stringify(request.params)} ${JSON.stringify(request.body ?? null)}`,
    )
    .digest('hex');

/**
 * Runs a POST under an `Idempotency-Key` (Stripe's semantics): the key, the request's hash and
 * its answer are written in the same transaction as its effects. The same key and request
 * replays the stored answer; the same key with another request is 422; a key still in flight
 * is 409. Errors of the caller (4xx) are stored too; server errors roll back and free the key.
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
  const requestHash = hashRequest(request, route);
  const answer = await ctx.database.db.transaction(async (tx) => {
    if (!(await lockIdempotencyKey(tx, tenantId, key))) {
      throw new ReelError(
        409,
        'idempotency_key_in_use',
        'A request with this Idempotency-Key is still in progress; retry shortly',
      );
    }
    const stored = await findStoredAnswer(tx, tenantId, key);
    if (stored) {
      if (stored.requestHash !== requestHash) {
        throw new ReelError(
          422,
          'idempotency_key_reused',
          'This Idempotency-Key was used for a different request',
        );
      }
      return { status: stored.responseStatus, body: stored.responseBody, replayed: true };
    }
    const captured: CapturedReply = { status: 200, headers: {}, payload: undefined, sent: false };
    const scoped: Context = { ...ctx, database: { ...ctx.database, db: tx as unknown as Db } };
    try {
      const returned = await run(scoped, capturingReply(captured));
      if (!captured.sent) captured.payload = returned;
    } catch (error) {
      if (!(error instanceof ReelError) || error.status >= 500) throw error;
      captured.status = error.status;
      captured.payload = {
        code: error.code,
        message: error.message,
        ...(error.details ? { details: error.details } : {}),
      };
    }
    const body = captured.payload === undefined ? '' : JSON.stringify(captured.payload);
    await storeAnswer(tx, {
      tenantId,
      key,
      requestHash,
      responseStatus: captured.status,
      responseBody: body,
    });
    return { status: captured.status, body, replayed: false, headers: captured.headers };
  });
  if (answer.replayed) reply.header('Idempotent-Replayed', 'true');
  for (const [name, value] of Object.entries(answer.headers ?? {})) reply.header(name, value);
  reply.status(answer.status);
  if (answer.body === '') return reply.send();
  return reply.type('application/json').send(answer.body);
}
