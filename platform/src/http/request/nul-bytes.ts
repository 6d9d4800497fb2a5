import type { FastifyRequest } from 'fastify';
import { badRequest } from '../../domain/errors.js';

/** JSON pointers to every string under `value` that holds a NUL, which Postgres cannot store. */
function nulPaths(value: unknown, at: string, found: string[]) {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) found.push(at);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) nulPaths(item, `${at}/${i}`, found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      nulPaths(key, at, found);
      nulPaths(item, `${at}/${key}`, found);
    }
  }
  return found;
}

/** Credentials in the query: their own checks refuse them, NUL or not, with 401 or 403. */
function withoutCredentials(query: unknown) {
  if (query === null || typeof query !== 'object') return query;
  const { st: _signature, token: _token, ...rest } = query as Record<string, unknown>;
  return rest;
}

/** Refuses NUL characters anywhere in a body, query or path, naming the fields. */
export function refuseNulBytes(request: FastifyRequest, jsonBody: boolean) {
  // A path or query reaches the parser with a NUL only as `%00`: most requests have none.
  const inUrl = request.url.includes('%00');
  const found = [
    ...(inUrl ? nulPaths(request.params, 'params', []) : []),
    ...(inUrl ? nulPaths(withoutCredentials(request.query), 'querystring', []) : []),
    // A raw body is a stream of bytes, where NUL is just a byte.
    ...(jsonBody ? nulPaths(request.body, 'body', []) : []),
  ];
  if (found.length === 0) return;
  throw badRequest('invalid_request', `${found[0]} must not contain NUL characters`, {
    errors: found.map((path) => ({ path, message: 'must not contain NUL characters' })),
  });
}
