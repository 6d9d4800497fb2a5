import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { ReelError } from '../domain/errors.js';
import { callerOf } from './request/caller-of.js';

/**
 * A caller whose credential checked out has its own budget; everyone else, anonymous or with a
 * credential that failed, shares their IP address's, so made-up credentials buy nothing.
 */
export const limitKeyOf = (request: FastifyRequest) => {
  const caller = callerOf(request);
  if (caller?.keyId) return `k:${caller.keyId}`;
  if (caller?.uploadId) return `u:${caller.uploadId}`;
  if (caller?.viewer) return `v:${caller.tenantId}:${caller.viewer.id}`;
  return `ip:${request.ip}`;
};

/**
 * Per-minute limits per API key or token, and per IP address for unauthenticated calls
 * (playback, part uploads), with `RateLimit-*` headers and 429 in the usual error shape.
 * Counters live in Redis when it is configured, else in this process.
 */
export async function registerRateLimits(
  app: FastifyInstance,
  limits: Config['rateLimits'],
  redisUrl: string | undefined,
) {
  // With Redis the counters are shared by every API process; an outage lets requests through.
  const redis = redisUrl
    ? new Redis(redisUrl, {
        maxRetriesPerRequest: 1,
        enableOfflineQueue: false,
        connectTimeout: 500,
      })
    : undefined;
  if (redis) {
    redis.on('error', () => {});
    app.addHook('onClose', async () => {
      redis.disconnect();
    });
  }
  await app.register(rateLimit, {
    ...(redis && { redis, skipOnError: true }),
    global: true,
    // After the route's authentication, so the key knows who is calling.
    hook: 'preHandler',
    timeWindow: 60_000,
    keyGenerator: limitKeyOf,
    max: (_request, key) => (key.startsWith('ip:') ? limits.perIp : limits.perKey),
    enableDraftSpec: true,
    errorResponseBuilder: (_request, context) =>
      Object.assign(
        new ReelError(
          429,
          'rate_limited',
          `Over ${context.max} requests a minute; retry in ${Math.ceil(context.ttl / 1000)} s`,
          {
            retry_after_sec: Math.ceil(context.ttl / 1000),
          },
        ),
        { statusCode: 429 },
      ),
  });
}
