import { createHash } from 'node:crypto';
import type { Context } from '../context.js';
import type { Db } from '../db/connection.js';
import { findStoredAnswer, lockIdempotencyKey, storeAnswer } from '../db/idempotency.js';
import { ReelError } from '../domain/errors.js';

/** What a use case answered, held back until the transaction that stores it commits. */
export interface HeldAnswer {
  status: number;
  headers: Record<string, string>;
  payload: unknown;
}

/** What to send for a keyed request: its own answer, just stored, or the stored one replayed. */
export interface KeyedAnswer {
  status: number;
  /** JSON, or '' for no body. */
  body: string;
  replayed: boolean;
  headers?: Record<string, string>;
}

/** The parts of a request that make it "the same request" under one key. */
export interface KeyedRequest {
  method: string;
  route: string;
  params: unknown;
  body: unknown;
}

/** Work left for after a keyed request's transaction commits, by that transaction's handle. */
const leftForCommit = new WeakMap<Db, (() => Promise<unknown>)[]>();

/**
 * Runs `work` once what the use case wrote through `ctx` is committed: at once, or, inside a
 * keyed request's transaction, right after it commits (never, if it rolls back). For what other
 * processes act on as soon as they hear of it, such as forgetting revoked credentials.
 */
export async function afterCommit(ctx: Context, work: () => Promise<unknown>): Promise<void> {
  const waiting = leftForCommit.get(ctx.database.db);
  if (waiting) waiting.push(work);
  else await work();
}

const hashRequest = (request: KeyedRequest) =>
  createHash('sha256')
    .update(
      `${request.method} ${request.route} ${JSON.stringify(request.params)} ${JSON.stringify(request.body ?? null)}`,
    )
    .digest('hex');

/**
 * Runs a POST under an `Idempotency-Key` (Stripe's semantics): the key, the request's hash and
 * its answer are written in the same transaction as its effects, which `run` makes through the
 * scoped Context it is given. The same key and request replays the stored
 * answer; the same key with another request is 422; a key still in flight is 409. Errors of the
 * caller (4xx) are stored too; server errors roll back and free the key.
 */
export async function answerOnce(
  ctx: Context,
  input: { tenantId: string; key: string; request: KeyedRequest },
  run: (scoped: Context) => Promise<HeldAnswer>,
): Promise<KeyedAnswer> {
  const { tenantId, key } = input;
  const requestHash = hashRequest(input.request);
  const committed: (() => Promise<unknown>)[] = [];
  const answer = await ctx.database.db.transaction(async (tx): Promise<KeyedAnswer> => {
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
    let held: HeldAnswer;
    const scopedDb = tx as unknown as Db;
    leftForCommit.set(scopedDb, committed);
    const scoped: Context = { ...ctx, database: { ...ctx.database, db: scopedDb } };
    try {
      held = await run(scoped);
    } catch (error) {
      if (!(error instanceof ReelError) || error.status >= 500) throw error;
      held = {
        status: error.status,
        headers: {},
        payload: {
          code: error.code,
          message: error.message,
          ...(error.details ? { details: error.details } : {}),
        },
      };
    }
    const body = held.payload === undefined ? '' : JSON.stringify(held.payload);
    await storeAnswer(tx, {
      tenantId,
      key,
      requestHash,
      responseStatus: held.status,
      responseBody: body,
    });
    return { status: held.status, body, replayed: false, headers: held.headers };
  });
  for (const work of committed) await work();
  return answer;
}
