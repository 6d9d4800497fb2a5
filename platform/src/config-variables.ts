import { isIP } from 'node:net';
import { z } from 'zod';

const GiB = 1024 ** 3;

const count = (fallback: number, min = 1) => z.coerce.number().int().min(min).default(fallback);
const text = () => z.string().optional();
const flag = () => z.stringbool().optional();

/** `10.0.0.1`, `::1`, `10.0.0.0/8` or `fd00::/8`. */
function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.trim().split('/');
  const family = isIP(address);
  if (family === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (family === 4 ? 32 : 128);
}

/**
 * Every environment variable Reel reads, with its type, bounds and default: the one place they
 * are parsed. docs/operations.md lists each (a test keeps the two in step).
 */
export const VARIABLES = z.object({
  PORT: count(4000).pipe(z.number().max(65535)),
  HOST: z.string().default('127.0.0.1'),
  REEL_PUBLIC_URL: z.url().optional(),
  REEL_DATA_DIR: z.string().default('.reel'),
  DATABASE_URL: text(),
  REEL_EMBEDDED_PG_PORT: count(54329).pipe(z.number().max(65535)),
  REEL_URL_SIGNING_SECRET: text(),
  REEL_OPERATOR_TOKEN: text(),
  REEL_MAX_UPLOAD_BYTES: count(20 * GiB),
  REEL_UPLOAD_TTL_SECONDS: count(7 * 24 * 3600),
  REEL_PART_URL_TTL_SECONDS: count(6 * 3600),
  REEL_UPLOAD_SWEEP_INTERVAL_MS: count(30_000),
  REEL_EVENT_RETENTION_DAYS: count(7),
  REEL_NOTIFICATION_READ_RETENTION_DAYS: count(30),
  REEL_NOTIFICATION_RETENTION_DAYS: count(180),
  REEL_SSE_HEARTBEAT_MS: count(15_000),
  REEL_COUNTER_FLUSH_INTERVAL_MS: count(1_000),
  REEL_COUNTER_RECONCILE_INTERVAL_SEC: count(300),
  REEL_MAX_PIXELS: count(4096 * 4096),
  REEL_MAX_DURATION_SEC: count(6 * 3600),
  REEL_MAX_OUTPUT_BYTES: count(50 * GiB),
  REEL_TRANSCODE_TIMEOUT_SEC: count(4 * 3600),
  REEL_JOB_LEASE_SEC: count(60),
  REEL_JOB_MAX_ATTEMPTS: count(3),
  REEL_WEBHOOK_RETRY_SCHEDULE: text(),
  REEL_WEBHOOK_TIMEOUT_MS: count(15_000),
  REEL_WEBHOOK_ALLOW_LOOPBACK: flag(),
  KAFKA_BROKERS: text(),
  REEL_KAFKA_PARTITIONS: count(6),
  S3_BUCKET: text(),
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().default('us-east-1'),
  S3_ACCESS_KEY_ID: text(),
  S3_SECRET_ACCESS_KEY: text(),
  REDIS_URL: z.url().optional(),
  OPENSEARCH_URL: z.url().optional(),
  REEL_CDN_BASE_URL: z.url().optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: z.url().optional(),
  OTEL_SDK_DISABLED: flag(),
  REEL_RATE_LIMIT_PER_KEY: count(1200),
  REEL_RATE_LIMIT_PER_IP: count(6000),
  REEL_COMMENT_RATE_LIMIT: count(10),
  REEL_CHAT_RATE_LIMIT: count(20),
  REEL_REPORT_RATE_LIMIT: count(10),
  REEL_VIDEO_CACHE_TTL_SEC: count(60),
  REEL_ANALYTICS_ENGAGED_SEC: count(10),
  /** The header a CDN or proxy puts the viewer's country in, such as `cf-ipcountry`. */
  REEL_COUNTRY_HEADER: text(),
  /** Comma-separated addresses and CIDR ranges of the proxies in front of Reel. */
  REEL_TRUSTED_PROXIES: z
    .string()
    .refine(
      (list) => list.split(',').every((entry) => entry.trim() === '' || isAddressOrRange(entry)),
      'expected comma-separated IP addresses or CIDR ranges',
    )
    .optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `pretty` for short coloured lines, `json` for one object a line; default: pretty on a TTY. */
  REEL_LOG_FORMAT: z.enum(['pretty', 'json']).optional(),
  REEL_DEBUG_FFMPEG: flag(),
  REEL_METRICS: flag(),
  REEL_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  REEL_SHUTDOWN_DRAIN_MS: count(0, 0),
  REEL_MAX_EVENT_LOOP_DELAY_MS: count(1000),
  /** For the `reel upload` and `reel tenants` clients: which Reel, and as whom. */
  REEL_API_URL: z.url().optional(),
  REEL_API_KEY: text(),
  /** The port the live role takes RTMP publishers on. */
  REEL_RTMP_PORT: count(1935).pipe(z.number().max(65535)),
  /** The `rtmp_url` publishers are given; default `rtmp://HOST:REEL_RTMP_PORT/live`. */
  REEL_RTMP_PUBLIC_URL: z
    .string()
    .regex(/^rtmps?:\/\/\S+$/)
    .optional(),
  /** The UDP port the live role takes SRT callers on; unset or 0, no SRT. */
  REEL_LIVE_SRT_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** The `srt_url` publishers are given; default `srt://HOST:REEL_LIVE_SRT_PORT`. */
  REEL_LIVE_SRT_PUBLIC_URL: z
    .string()
    .regex(/^srt:\/\/[^\s?]+$/)
    .optional(),
  /** How long a live stream waits for its publisher to come back before the session ends. */
  REEL_LIVE_RECONNECT_WINDOW_MS: count(60_000),
  FFMPEG_PATH: text(),
  FFPROBE_PATH: text(),
});

export type Variables = z.infer<typeof VARIABLES>;

/** Names the variables that are wrong and why, all at once, so one restart fixes them all. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Reel's configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Reads and checks the environment; an empty variable counts as unset. */
export function readVariables(env: NodeJS.ProcessEnv): Variables {
  const given = Object.fromEntries(
    Object.keys(VARIABLES.shape)
      .map((name) => [name, env[name]] as const)
      .filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = VARIABLES.safeParse(given);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `${name}: ${issue.message} (got "${given[name]}")`;
    }),
  );
}
