import type { FastifyReply } from 'fastify';

const ANSWER = Symbol('answer');

/** A status, headers and body a handler chose; a plain value answers 200 with it as JSON. */
export interface Answer {
  readonly [ANSWER]: true;
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const answer = (
  status: number,
  body?: unknown,
  headers: Record<string, string> = {},
): Answer => ({ [ANSWER]: true, status, body, headers });

export const isAnswer = (value: unknown): value is Answer =>
  typeof value === 'object' && value !== null && ANSWER in value;

/** Sends what a handler returned. */
export function send(reply: FastifyReply, result: unknown) {
  if (!isAnswer(result)) return result;
  reply.status(result.status).headers(result.headers ?? {});
  return result.body === undefined ? reply.send() : reply.send(result.body);
}
