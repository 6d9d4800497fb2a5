import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { Config } from '../config.js';
import { ReelError } from '../domain/errors.js';

/** Credentials are counted by their hash, so even a wrong key cannot be tried fast. */
const limitKey = (request: FastifyRequest) => {
  const header = request.headers.authorization;
  return header?.startsWith('Bearer ')
    ? `k:${createHash('sha256').update(header.slice(7)).digest('base64url').slice(0, 22)}`
    : `ip:${request.ip}`;
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
    timeWindow: 60_000,
    keyGenerator: limitKey,
    max: (_request, key) => (key.startsWith('k:') ? limits.perKey : limits.perIp),
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
