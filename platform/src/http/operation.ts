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

export type OperationHandler<K extends OperationId> = (
  ctx: Context,
  request: OperationRequest<K>,
  reply: FastifyReply,
  caller: Caller,
) => Promise<unknown>;

export type Handlers = { [K in OperationId]: OperationHandler<K> };
