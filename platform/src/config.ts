import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readVariables } from './config-variables.js';
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
  /** Days read notifications are kept, and any notification at all. */
  notificationRetention: { readDays: number; allDays: number };
  /** How often an open event stream sends a comment, so proxies keep it. */
  sseHeartbeatMs: number;
  counters: CounterSettings;
  transcode: TranscodeLimits;
  webhooks: WebhookSettings;
  /** The scale-out engines; each one left unset keeps that port on its embedded default. */
  services: ServiceSettings;
  /** Requests per minute per API key or token, and per IP address without one. */
  /** Requests a minute; the per-viewer ones count only comment, chat or report posts, apart from the rest. */
  rateLimits: {
    perKey: number;
    perIp: number;
    commentsPerViewer: number;
    chatMessagesPerViewer: number;
    reportsPerViewer: number;
  };
  /** Prometheus metrics on (the default) or off, and the port that serves only them. */
  metrics: { enabled: boolean; port: number | undefined };
  /** Where OTLP spans go (`OTEL_EXPORTER_OTLP_*`); unset, tracing is off and costs nothing. */
  tracing: { tracesEndpoint: string | undefined };
  /**
   * On a stop, how long `/readyz` answers 503 before the server stops taking requests, so a
   * load balancer sees the replica leave before its connections are refused.
   */
  shutdownDrainMs: number;
  /** Event-loop lag past which the API answers 503 `overloaded` instead of queueing. */
  maxEventLoopDelayMs: number;
  /**
   * `REEL_TRUSTED_PROXIES`: the proxies in front of Reel, whose `X-Forwarded-For` gives the
   * client address (rate limits, view counts, analytics country).
   */
  trustProxy: string[] | undefined;
  analytics: AnalyticsSettings;
  /** `REEL_VIDEO_CACHE_TTL_SEC`: how long a cached video may be read before it is loaded again. */
  videoCacheTtlSec: number;
  live: LiveSettings;
  /** Where a viewer's country comes from: a header, believed only from these proxies. */
  viewerCountry: { header: string | undefined; trustedProxies: string[] };
  logLevel: string;
  /** `pretty` lines for people at a terminal, else one JSON object a line. */
  logFormat: 'pretty' | 'json';
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

export interface AnalyticsSettings {
  /** Seconds of distinct content a view must play to be engaged (or half a shorter video). */
  engagedSec: number;
}

export interface CounterSettings {
  /** How often the counters role applies summed deltas to Postgres. */
  flushIntervalMs: number;
  /** How often it recounts every counter from the source rows. */
  reconcileIntervalSec: number;
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
  /** ffmpeg and ffprobe to run; unset: the ones on PATH, else those shipped in npm packages. */
  ffmpegPath: string | undefined;
  ffprobePath: string | undefined;
  /** Prints each ffmpeg command line (`REEL_DEBUG_FFMPEG`). */
  debug: boolean;
}

/** Settings a mode may choose for itself when the environment leaves them unset. */
export interface ModeDefaults {
  urlSigningSecret?: string;
  allowLoopbackWebhooks?: boolean;
}

/** Live ingest: where publishers send, and how long a session waits for one to come back. */
export interface LiveSettings {
  rtmpPort: number;
  rtmpUrl: string;
  /** The UDP port of the SRT gateway, and the `srt_url` it is reached at; null: no SRT. */
  srtPort: number | null;
  srtUrl: string | null;
  reconnectWindowMs: number;
}

export function loadConfig(
  env: NodeJS.ProcessEnv = process.env,
  defaults: ModeDefaults = {},
): Config {
  const v = readVariables(env);
  const trustedProxies = (v.REEL_TRUSTED_PROXIES ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const publicHost = v.HOST === '0.0.0.0' ? '127.0.0.1' : v.HOST;
  return {
    port: v.PORT,
    host: v.HOST,
    publicUrl: (v.REEL_PUBLIC_URL ?? `http://${publicHost}:${v.PORT}`).replace(/\/$/, ''),
    dataDir: resolve(v.REEL_DATA_DIR),
    databaseUrl: v.DATABASE_URL,
    embeddedPostgresPort: v.REEL_EMBEDDED_PG_PORT,
    urlSigningSecret:
      v.REEL_URL_SIGNING_SECRET ??
      defaults.urlSigningSecret ??
      randomBytes(32).toString('base64url'),
    operatorToken: v.REEL_OPERATOR_TOKEN,
    maxUploadBytes: v.REEL_MAX_UPLOAD_BYTES,
    uploadTtlSeconds: v.REEL_UPLOAD_TTL_SECONDS,
    partUrlTtlSeconds: v.REEL_PART_URL_TTL_SECONDS,
    uploadSweepIntervalMs: v.REEL_UPLOAD_SWEEP_INTERVAL_MS,
    eventRetentionDays: v.REEL_EVENT_RETENTION_DAYS,
    notificationRetention: {
      readDays: v.REEL_NOTIFICATION_READ_RETENTION_DAYS,
      allDays: v.REEL_NOTIFICATION_RETENTION_DAYS,
    },
    sseHeartbeatMs: v.REEL_SSE_HEARTBEAT_MS,
    counters: {
      flushIntervalMs: v.REEL_COUNTER_FLUSH_INTERVAL_MS,
      reconcileIntervalSec: v.REEL_COUNTER_RECONCILE_INTERVAL_SEC,
    },
    live: {
      rtmpPort: v.REEL_RTMP_PORT,
      rtmpUrl: (v.REEL_RTMP_PUBLIC_URL ?? `rtmp://${publicHost}:${v.REEL_RTMP_PORT}/live`).replace(
        /\/$/,
        '',
      ),
      srtPort: v.REEL_LIVE_SRT_PORT || null,
      srtUrl: v.REEL_LIVE_SRT_PORT
        ? (v.REEL_LIVE_SRT_PUBLIC_URL ?? `srt://${publicHost}:${v.REEL_LIVE_SRT_PORT}`)
        : null,
      reconnectWindowMs: v.REEL_LIVE_RECONNECT_WINDOW_MS,
    },
    transcode: {
      maxPixels: v.REEL_MAX_PIXELS,
      maxDurationSec: v.REEL_MAX_DURATION_SEC,
      maxOutputBytes: v.REEL_MAX_OUTPUT_BYTES,
      timeoutSec: v.REEL_TRANSCODE_TIMEOUT_SEC,
      leaseSec: v.REEL_JOB_LEASE_SEC,
      maxAttempts: v.REEL_JOB_MAX_ATTEMPTS,
      ffmpegPath: v.FFMPEG_PATH,
      ffprobePath: v.FFPROBE_PATH,
      debug: v.REEL_DEBUG_FFMPEG ?? false,
    },
    webhooks: {
      retrySchedule: parseSchedule(v.REEL_WEBHOOK_RETRY_SCHEDULE ?? DEFAULT_SCHEDULE),
      timeoutMs: v.REEL_WEBHOOK_TIMEOUT_MS,
      allowLoopback: v.REEL_WEBHOOK_ALLOW_LOOPBACK ?? defaults.allowLoopbackWebhooks ?? false,
    },
    services: {
      kafkaBrokers: v.KAFKA_BROKERS?.split(',')
        .map((b) => b.trim())
        .filter(Boolean),
      kafkaPartitions: v.REEL_KAFKA_PARTITIONS,
      s3: v.S3_BUCKET
        ? {
            endpoint: v.S3_ENDPOINT,
            region: v.S3_REGION,
            bucket: v.S3_BUCKET,
            accessKeyId: v.S3_ACCESS_KEY_ID,
            secretAccessKey: v.S3_SECRET_ACCESS_KEY,
          }
        : undefined,
      redisUrl: v.REDIS_URL,
      opensearchUrl: v.OPENSEARCH_URL,
      cdnBaseUrl: v.REEL_CDN_BASE_URL?.replace(/\/$/, ''),
    },
    rateLimits: {
      perKey: v.REEL_RATE_LIMIT_PER_KEY,
      perIp: v.REEL_RATE_LIMIT_PER_IP,
      commentsPerViewer: v.REEL_COMMENT_RATE_LIMIT,
      chatMessagesPerViewer: v.REEL_CHAT_RATE_LIMIT,
      reportsPerViewer: v.REEL_REPORT_RATE_LIMIT,
    },
    metrics: { enabled: v.REEL_METRICS ?? true, port: v.REEL_METRICS_PORT },
    tracing: {
      // As the OTLP exporters do: the traces endpoint as given, or `/v1/traces` under the base.
      tracesEndpoint: v.OTEL_SDK_DISABLED
        ? undefined
        : (v.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ??
          (v.OTEL_EXPORTER_OTLP_ENDPOINT &&
            `${v.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/traces`)),
    },
    shutdownDrainMs: v.REEL_SHUTDOWN_DRAIN_MS,
    maxEventLoopDelayMs: v.REEL_MAX_EVENT_LOOP_DELAY_MS,
    analytics: { engagedSec: v.REEL_ANALYTICS_ENGAGED_SEC },
    videoCacheTtlSec: v.REEL_VIDEO_CACHE_TTL_SEC,
    trustProxy: trustedProxies.length > 0 ? trustedProxies : undefined,
    viewerCountry: {
      header: v.REEL_COUNTRY_HEADER?.trim().toLowerCase() || undefined,
      trustedProxies,
    },
    logLevel: v.LOG_LEVEL,
    logFormat: v.REEL_LOG_FORMAT ?? (process.stdout.isTTY ? 'pretty' : 'json'),
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
