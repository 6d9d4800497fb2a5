import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Context } from '../context.js';
import type { ContractOperation } from '../contract/contract.js';
import { MAX_AVATAR_BYTES } from '../domain/avatars.js';
import { authenticate } from './auth.js';
import { acceptBytesOf, acceptRawBytes } from './request/body-parsers.js';
import { settleCaller } from './request/caller-of.js';

/**
 * Registers the routes in one encapsulated scope per set of security schemes (public playback,
 * API-key routes, operator routes, viewer and upload tokens, and those that also serve anonymous
 * callers), each authenticating its callers in its own hook before the rate limit runs, so no
 * route can be reached with another scope's credential.
 */
export async function registerInSecurityScopes(
  app: FastifyInstance,
  ctx: Context,
  routes: { op: ContractOperation; route: RouteOptions }[],
) {
  const scopes = new Map<string, typeof routes>();
  for (const member of routes) {
    const { security, anonymous } = member.op;
    const name = [...security, ...(anonymous ? ['anonymous'] : [])].join('|') || 'public';
    scopes.set(name, [...(scopes.get(name) ?? []), member]);
  }
  for (const members of scopes.values()) {
    await app.register(async (scope) => {
      // Path, then method: no string is built per request to find the operation.
      const byRoute = new Map<string, Map<string, ContractOperation>>();
      for (const { op } of members) {
        const methods = byRoute.get(op.routePath) ?? new Map<string, ContractOperation>();
        byRoute.set(op.routePath, methods.set(op.method, op));
      }
      scope.addHook('preHandler', async (request: FastifyRequest) => {
        // HEAD is served by the GET route.
        const method = request.method === 'HEAD' ? 'GET' : request.method;
        const op = byRoute.get(request.routeOptions.url ?? '')?.get(method);
        if (op) await settleCaller(request, authenticate(ctx, request, op));
      });
      for (const { op, route } of members) {
        if (op.rawBody) {
          // Part bodies are streamed to the store as they arrive, never buffered.
          await scope.register(async (raw) => {
            acceptRawBytes(raw);
            raw.route(route);
          });
        } else if (op.byteBodyTypes.length > 0) {
          // The only such routes take avatars.
          await scope.register(async (bytes) => {
            acceptBytesOf(bytes, op.byteBodyTypes, MAX_AVATAR_BYTES);
            bytes.route(route);
          });
        } else {
          scope.route(route);
        }
      }
    });
  }
}
