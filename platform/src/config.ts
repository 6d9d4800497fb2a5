import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { DEFAULT_SCHEDULE, parseSchedule } from './domain/webhook-schedule.js';

/** Everything Reel reads from its environment, parsed once. */
export interface Config {
  port: number;
  host: string;
  /** Base URL clients reach this server at; signed URLs and playback URLs start with it. */
  publicUrl: string;
  /** Where embedded defaults keep their data (Postgres, objects). */
  dataDir: string;
  /** `DATABASE_URL`; unset means an embedded PostgreSQL under `dataDir`. */
  databaseUrl: string | undefined;
  embeddedPostgresPort: number;
  /** HMAC key for URLs Reel signs itself (part uploads, signed playback URIs). */
  urlSigningSecret: string;
  /** Bearer token for tenant administration; unset means no operator access. */
  operatorToken: string | undefined;
  maxUploadBytes: number;
  uploadTtlSeconds: number;
  partUrlTtlSeconds: number;
  transcode: TranscodeLimits;
  webhooks: WebhookSettings;
  logLevel: string;
}

export interface WebhookSettings {
  /** Delays between attempts, in seconds (`REEL_WEBHOOK_RETRY_SCHEDULE`, e.g. `5s,5m,2h`). */
  retrySchedule: number[];
  timeoutMs: number;
  /** Lets webhooks reach loopback addresses (`reel dev`, for local receivers); never metadata. */
  allowLoopback: boolean;
}

export interface TranscodeLimits {
  maxPixels: number;
  maxDurationSec: number;
  maxOutputBytes: number;
  timeoutSec: number;
  /** Lease a worker holds on a job; a dead worker's job is retried after it lapses. */
  leaseSec: number;
  maxAttempts: number;
}

const GiB = 1024 ** 3;

function int(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value)) throw new Error(`${name} must be a number, got "${raw}"`);
  return value;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = int(env, 'PORT', 4000);
  const host = env.HOST ?? '127.0.0.1';
  return {
    port,
    host,
    publicUrl: (
      env.REEL_PUBLIC_URL ?? `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`
    ).replace(/\/$/, ''),
    dataDir: resolve(env.REEL_DATA_DIR ?? '.reel'),
    databaseUrl: env.DATABASE_URL || undefined,
    embeddedPostgresPort: int(env, 'REEL_EMBEDDED_PG_PORT', 54329),
    urlSigningSecret: env.REEL_URL_SIGNING_SECRET ?? randomBytes(32).toString('base64url'),
    operatorToken: env.REEL_OPERATOR_TOKEN || undefined,
    maxUploadBytes: int(env, 'REEL_MAX_UPLOAD_BYTES', 20 * GiB),
    uploadTtlSeconds: int(env, 'REEL_UPLOAD_TTL_SECONDS', 7 * 24 * 3600),
    partUrlTtlSeconds: int(env, 'REEL_PART_URL_TTL_SECONDS', 6 * 3600),
    transcode: {
      maxPixels: int(env, 'REEL_MAX_PIXELS', 4096 * 4096),
      maxDurationSec: int(env, 'REEL_MAX_DURATION_SEC', 6 * 3600),
      maxOutputBytes: int(env, 'REEL_MAX_OUTPUT_BYTES', 50 * GiB),
      timeoutSec: int(env, 'REEL_TRANSCODE_TIMEOUT_SEC', 4 * 3600),
      leaseSec: int(env, 'REEL_JOB_LEASE_SEC', 60),
      maxAttempts: int(env, 'REEL_JOB_MAX_ATTEMPTS', 3),
    },
    webhooks: {
      retrySchedule: parseSchedule(env.REEL_WEBHOOK_RETRY_SCHEDULE ?? DEFAULT_SCHEDULE),
      timeoutMs: int(env, 'REEL_WEBHOOK_TIMEOUT_MS', 15_000),
      allowLoopback: env.REEL_WEBHOOK_ALLOW_LOOPBACK === 'true',
    },
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}
