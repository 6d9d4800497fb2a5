import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Caller } from '../app/auth/callers.js';
import type { Context } from '../context.js';
import type { operations } from '../contract/openapi.gen.js';

/** Operations the server answers (the contract's `webhooks` are requests Reel sends). */
export type OperationId = Exclude<keyof operations, `webhook_${string}`>;

type Parameters<K extends OperationId> = operations[K]['parameters'];
type JsonBody<K extends OperationId> = operations[K] extends {
  requestBody?: { content: { 'application/json': infer B } };
}
  ? B
  : unknown;

/** A Fastify request typed from the contract's operation `K`. */
export type OperationRequest<K extends OperationId> = FastifyRequest<{
  Params: NonNullable<Parameters<K>['path']>;
  Querystring: NonNullable<Parameters<K>['query']>;
  Headers: NonNullable<Parameters<K>['header']>;
  Body: JsonBody<K>;
}>;

export type { Caller } from '../app/auth/callers.js';

/** Operations that run under an `Idempotency-Key`. */
export type KeyedOperationId = {
  [K in OperationId]: [NonNullable<Parameters<K>['header']>] extends [never]
    ? never
    : 'Idempotency-Key' extends keyof NonNullable<Parameters<K>['header']>
      ? K
      : never;
}[OperationId];

/**
 * Parse, call `app/`, answer: a plain value is a 200 with it as JSON, an `Answer` (answer.ts)
 * says its status and headers. Only operations that stream bytes get the reply itself; a keyed
 * operation never does, since its answer is stored in the same transaction before it is sent.
 */
export type OperationHandler<K extends OperationId> = (
  ctx: Context,
  request: OperationRequest<K>,
  caller: Caller,
  reply: K extends KeyedOperationId ? undefined : FastifyReply,
) => Promise<unknown>;

export type Handlers = { [K in OperationId]: OperationHandler<K> };
