import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { BatchSpanProcessor } from '@opentelemetry/sdk-trace';
import { InProcessCache } from './adapters/cache/in-process.js';
import { MeasuredCache } from './adapters/cache/measured.js';
import { RedisCache } from './adapters/cache/redis.js';
import { KafkaBus } from './adapters/event-bus/kafka.js';
import { PostgresQueueBus } from './adapters/event-bus/postgres-queue.js';
import { nodeMediaServerIngest } from './adapters/live-ingest/node-media-server.js';
import { srtGatewayIngest } from './adapters/live-ingest/srt-gateway.js';
import { ffmpegLiveLadder } from './adapters/live-ladder/ffmpeg.js';
import { MetricsOff } from './adapters/metrics/off.js';
import { PrometheusMetrics } from './adapters/metrics/prometheus.js';
import { InProcessNotificationHub } from './adapters/notification-hub/in-process.js';
import { RedisNotificationHub } from './adapters/notification-hub/redis.js';
import { LocalDiskStore } from './adapters/object-store/local-disk.js';
import { S3Store } from './adapters/object-store/s3.js';
import { OpenSearchIndex } from './adapters/search-index/opensearch.js';
import { PostgresSearchIndex } from './adapters/search-index/postgres.js';
import { TracingOff } from './adapters/tracing/off.js';
import { OpenTelemetryTracing } from './adapters/tracing/opentelemetry.js';
import { FfmpegTranscoder } from './adapters/transcoder/ffmpeg.js';
import { findFfmpeg } from './adapters/transcoder/ffmpeg-binaries.js';
import { CredentialMemo } from './app/auth/credential-memo.js';
import { PlaylistMemory } from './app/playback/playlist-memory.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/connection.js';
import { groupsByTopic } from './domain/event-routes.js';
import type { Cache } from './ports/cache.js';
import type { EventBus } from './ports/event-bus.js';
import type { LiveIngest, LiveLadder } from './ports/live-ingest.js';
import type { Metrics } from './ports/metrics.js';
import type { NotificationHub } from './ports/notification-hub.js';
import type { ObjectStore } from './ports/object-store.js';
import type { SearchIndex } from './ports/search-index.js';
import type { Tracing } from './ports/tracing.js';
import type { Transcoder } from './ports/transcoder.js';

/** Everything a request or a worker needs, with an adapter chosen for each port. */
export interface Context {
  config: Config;
  database: Database;
  store: ObjectStore;
  bus: EventBus;
  cache: Cache;
  search: SearchIndex;
  transcoder: Transcoder;
  /** RTMP (and SRT) ingest, made only by the live role, which listens; and the live ladder. */
  live: { ingest: () => LiveIngest; ladder: LiveLadder };
  /** Carries stored notifications to the replicas streaming them. */
  notifications: NotificationHub;
  /** Credentials this process remembers for a few seconds; emptied by every revocation. */
  credentials: CredentialMemo;
  /** Playlists already read from the store (immutable by key). */
  playlists: PlaylistMemory;
  metrics: Metrics;
  tracing: Tracing;
  /** Set when the process is stopping: `/readyz` answers 503 so balancers stop sending work. */
  lifecycle: { draining: boolean };
  close(): Promise<void>;
}

/** Where adapters report trouble that does not stop the process (a Redis outage, a bucket rule). */
export type Warn = (message: string, error?: unknown) => void;

/**
 * Picks an adapter per port from configuration: a port whose service is configured (Kafka, S3,
 * Redis, OpenSearch) uses it, every other port its embedded default.
 */
export async function createContext(
  config: Config,
  warn: Warn = () => {},
  /** A tracing the caller made (a test's in-memory exporter) instead of the configured one. */
  given: { tracing?: Tracing } = {},
): Promise<Context> {
  const { tracesEndpoint } = config.tracing;
  const tracing: Tracing =
    given.tracing ??
    (tracesEndpoint
      ? new OpenTelemetryTracing(
          new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: tracesEndpoint }) }),
        )
      : new TracingOff());
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedPort: config.embeddedPostgresPort,
  });
  const { services } = config;
  let store: ObjectStore;
  if (services.s3) {
    const s3 = new S3Store({
      ...services.s3,
      abandonedUploadDays: Math.max(1, Math.ceil(config.uploadTtlSeconds / 86400) + 1),
      cdnBaseUrl: services.cdnBaseUrl,
    });
    for (const problem of await s3.prepareBucket()) warn(`S3 bucket: could not set ${problem}`);
    store = s3;
  } else {
    store = new LocalDiskStore(
      join(config.dataDir, 'objects'),
      config.publicUrl,
      config.urlSigningSecret,
    );
  }
  const bus: EventBus = services.kafkaBrokers
    ? new KafkaBus(database.db, {
        brokers: services.kafkaBrokers,
        partitions: services.kafkaPartitions,
        onError: warn,
      })
    : new PostgresQueueBus(database.db, database.url, groupsByTopic());
  const { pool } = database;
  const metrics: Metrics = config.metrics.enabled
    ? new PrometheusMetrics(() => ({
        total: pool.totalCount,
        idle: pool.idleCount,
        waiting: pool.waitingCount,
      }))
    : new MetricsOff();
  const engineCache: Cache = services.redisUrl
    ? new RedisCache(
        services.redisUrl,
        (error) => warn('redis unavailable; reading Postgres', error),
        // One deployment is one database: its pending counts are its own.
        `reel:counts:${createHash('sha256').update(database.url).digest('hex').slice(0, 16)}`,
      )
    : new InProcessCache();
  // Counting hits costs a counter per read, so only when metrics are on.
  const cache = config.metrics.enabled ? new MeasuredCache(engineCache, metrics) : engineCache;
  const deployment = createHash('sha256').update(database.url).digest('hex').slice(0, 16);
  const notifications: NotificationHub = services.redisUrl
    ? new RedisNotificationHub(services.redisUrl, `reel:notifications:${deployment}`, (error) =>
        warn('redis unavailable; notification streams catch up on reconnect', error),
      )
    : new InProcessNotificationHub();
  const search: SearchIndex = services.opensearchUrl
    ? new OpenSearchIndex(services.opensearchUrl)
    : new PostgresSearchIndex(database.db);
  const binaries = findFfmpeg(config.transcode);
  const { ffmpeg } = binaries;
  const transcoder = new FfmpegTranscoder(binaries, config.transcode.debug);
  return {
    config,
    database,
    store,
    bus,
    cache,
    search,
    transcoder,
    live: {
      ingest: () => {
        const rtmp = nodeMediaServerIngest({ host: config.host, port: config.live.rtmpPort });
        const { srtPort } = config.live;
        return srtPort === null
          ? rtmp
          : srtGatewayIngest(rtmp, { host: config.host, port: srtPort, ffmpeg });
      },
      ladder: ffmpegLiveLadder(ffmpeg),
    },
    notifications,
    credentials: new CredentialMemo(cache),
    playlists: new PlaylistMemory(),
    metrics,
    tracing,
    lifecycle: { draining: false },
    async close() {
      await bus.close();
      await cache.close();
      await notifications.close();
      await search.close();
      if (store instanceof S3Store) await store.close();
      await database.close();
      await tracing.shutdown();
    },
  };
}

/** One line per port, for the startup log. */
export const describeAdapters = (ctx: Context) =>
  `database=${ctx.database.kind} objects=${ctx.store.name} events=${ctx.bus.name} cache=${ctx.cache.name} search=${ctx.search.name} transcoder=${ctx.transcoder.name} tracing=${ctx.tracing.name}`;
