import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
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
  /**
   * HMAC key for URLs Reel signs itself (part uploads, signed playback URIs). Every process of
   * one deployment needs the same one: `reel serve` and `reel worker` refuse to start without
   * it, `reel dev` keeps its own in `.reel/dev.json`; others get a random one they never share.
   */
  urlSigningSecret: string;
  /** Bearer token for tenant administration; unset means no operator access. */
  operatorToken: string | undefined;
  maxUploadBytes: number;
  uploadTtlSeconds: number;
  partUrlTtlSeconds: number;
  /** How often the cleanup role looks for expired uploads. */
  uploadSweepIntervalMs: number;
  /** Days relayed events, finished jobs and Kafka dedupe records are kept (≥ Kafka retention). */
  eventRetentionDays: number;
  transcode: TranscodeLimits;
  webhooks: WebhookSettings;
  /** The scale-out engines; each one left unset keeps that port on its embedded default. */
  services: ServiceSettings;
  /** Requests per minute per API key or token, and per IP address without one. */
  rateLimits: { perKey: number; perIp: number };
  logLevel: string;
}

export interface S3Settings {
  endpoint: string | undefined;
  region: string;
  bucket: string;
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
}

export interface ServiceSettings {
  /** `KAFKA_BROKERS` (comma separated): events on Kafka instead of the Postgres queue. */
  kafkaBrokers: string[] | undefined;
  /** Partitions per topic when Reel creates its topics (`REEL_KAFKA_PARTITIONS`). */
  kafkaPartitions: number;
  /** `S3_BUCKET` (with `S3_ENDPOINT` etc.): objects on S3 instead of the local disk. */
  s3: S3Settings | undefined;
  /** `REDIS_URL`: cache and counters in Redis instead of in-process. */
  redisUrl: string | undefined;
  /** `OPENSEARCH_URL`: search on OpenSearch instead of Postgres full-text search. */
  opensearchUrl: string | undefined;
  /** `REEL_CDN_BASE_URL`: segments and images redirect there instead of to presigned URLs. */
  cdnBaseUrl: string | undefined;
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
    urlSigningSecret: env.REEL_URL_SIGNING_SECRET || randomBytes(32).toString('base64url'),
    operatorToken: env.REEL_OPERATOR_TOKEN || undefined,
    maxUploadBytes: int(env, 'REEL_MAX_UPLOAD_BYTES', 20 * GiB),
    uploadTtlSeconds: int(env, 'REEL_UPLOAD_TTL_SECONDS', 7 * 24 * 3600),
    partUrlTtlSeconds: int(env, 'REEL_PART_URL_TTL_SECONDS', 6 * 3600),
    uploadSweepIntervalMs: int(env, 'REEL_UPLOAD_SWEEP_INTERVAL_MS', 30_000),
    eventRetentionDays: int(env, 'REEL_EVENT_RETENTION_DAYS', 7),
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
    services: {
      kafkaBrokers: env.KAFKA_BROKERS
        ? env.KAFKA_BROKERS.split(',')
            .map((b) => b.trim())
            .filter(Boolean)
        : undefined,
      kafkaPartitions: int(env, 'REEL_KAFKA_PARTITIONS', 6),
      s3: env.S3_BUCKET
        ? {
            endpoint: env.S3_ENDPOINT || undefined,
            region: env.S3_REGION || 'us-east-1',
            bucket: env.S3_BUCKET,
            accessKeyId: env.S3_ACCESS_KEY_ID || undefined,
            secretAccessKey: env.S3_SECRET_ACCESS_KEY || undefined,
          }
        : undefined,
      redisUrl: env.REDIS_URL || undefined,
      opensearchUrl: env.OPENSEARCH_URL || undefined,
      cdnBaseUrl: env.REEL_CDN_BASE_URL ? env.REEL_CDN_BASE_URL.replace(/\/$/, '') : undefined,
    },
    rateLimits: {
      perKey: int(env, 'REEL_RATE_LIMIT_PER_KEY', 1200),
      perIp: int(env, 'REEL_RATE_LIMIT_PER_IP', 6000),
    },
    logLevel: env.LOG_LEVEL ?? 'info',
  };
}

const MIN_SECRET_CHARS = 16;

/**
 * The config of a process that runs beside others (`reel serve`, `reel worker`): a URL one
 * replica signs must pass on every other, so the signing secret cannot be made up here.
 */
export function loadSharedConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const secret = env.REEL_URL_SIGNING_SECRET ?? '';
  if (secret.length < MIN_SECRET_CHARS) {
    throw new Error(
      `REEL_URL_SIGNING_SECRET ${secret ? `must be at least ${MIN_SECRET_CHARS} characters` : 'is not set'}: ` +
        'every `reel serve` and `reel worker` process of a deployment signs and checks URLs with it, ' +
        'so give them all the same one. Generate one with `openssl rand -base64 32`.',
    );
  }
  return loadConfig(env);
}

/** Parses a `KEY=VALUE` per line file such as the `.reel/services.env` that scripts/services/up writes. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line);
    if (match?.[1] && match[2] !== undefined) values[match[1]] = match[2].trim();
  }
  return values;
}

/**
 * Adds the variables of `.reel/services.env` (or `REEL_SERVICES_ENV`) to `env` when the file
 * exists, so `reel dev` after `scripts/services/up` runs on the services. Variables already set
 * win, so one can still move a single port back (e.g. `REDIS_URL=`). Returns the file read.
 */
export function loadServicesEnvFile(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const path = resolve(
    env.REEL_SERVICES_ENV ?? resolve(env.REEL_DATA_DIR ?? '.reel', 'services.env'),
  );
  if (env.REEL_SERVICES_ENV === '' || !existsSync(path)) return undefined;
  for (const [key, value] of Object.entries(parseEnvFile(readFileSync(path, 'utf8')))) {
    if (env[key] === undefined) env[key] = value;
  }
  return path;
}
