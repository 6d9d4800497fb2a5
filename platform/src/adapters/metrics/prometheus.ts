import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from '../../ports/metrics.js';

export interface PoolUse {
  total: number;
  idle: number;
  waiting: number;
}

// The SLO thresholds (250 ms API, 120 ms manifests) are bucket bounds, so alerts read them exactly.
const REQUEST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.12, 0.25, 0.5, 1, 2.5, 10];
const LAG_BUCKETS = [0.05, 0.25, 1, 5, 15, 60, 300, 1800];
const TRANSCODE_BUCKETS = [1, 5, 15, 60, 300, 900, 3600, 4 * 3600];
const SPEED_BUCKETS = [0.25, 0.5, 1, 2, 4, 8, 16, 32];

const statusClass = (status: number) => `${Math.floor(status / 100)}xx`;

/**
 * prom-client over a registry of its own, so two Reels in one process (tests) never share
 * counters. Label values are operation ids, roles, topics and codes: a bounded set.
 */
export class PrometheusMetrics implements Metrics {
  readonly name = 'prometheus';
  private readonly registry = new Registry();
  private readonly requests = new Histogram({
    name: 'reel_http_request_duration_seconds',
    help: 'Time to answer a request, by contract operation id and status class',
    labelNames: ['operation', 'status'],
    buckets: REQUEST_BUCKETS,
    registers: [this.registry],
  });
  // Children by "operation status": the label lookup hashes its labels on every call.
  private readonly requestSeries = new Map<string, { observe(value: number): void }>();
  private readonly events = new Counter({
    name: 'reel_bus_events_total',
    help: 'Events a worker role handled, by topic and outcome',
    labelNames: ['role', 'topic', 'outcome'],
    registers: [this.registry],
  });
  private readonly handling = new Histogram({
    name: 'reel_bus_handle_duration_seconds',
    help: 'Time a worker role took to handle one event or one batch',
    labelNames: ['role', 'topic'],
    buckets: [...REQUEST_BUCKETS, 60, 600, 3600],
    registers: [this.registry],
  });
  private readonly lag = new Histogram({
    name: 'reel_bus_lag_seconds',
    help: 'Time from an event being emitted to a worker role handling it',
    labelNames: ['role', 'topic'],
    buckets: LAG_BUCKETS,
    registers: [this.registry],
  });
  private readonly transcodes = new Histogram({
    name: 'reel_transcode_seconds',
    help: 'Wall time of one ffmpeg run, by the top rendition of its ladder',
    labelNames: ['rendition'],
    buckets: TRANSCODE_BUCKETS,
    registers: [this.registry],
  });
  private readonly speed = new Histogram({
    name: 'reel_transcode_speed_ratio',
    help: 'Seconds of source transcoded per second of wall time (above 1: faster than real time)',
    labelNames: ['rendition'],
    buckets: SPEED_BUCKETS,
    registers: [this.registry],
  });
  private readonly transcodeFailures = new Counter({
    name: 'reel_transcode_failures_total',
    help: 'Videos the transcoder failed, by the reason they show',
    labelNames: ['reason'],
    registers: [this.registry],
  });
  private readonly webhooks = new Histogram({
    name: 'reel_webhook_attempt_duration_seconds',
    help: 'Webhook POSTs by outcome (succeeded, retry, gone, exhausted) and their time',
    labelNames: ['outcome'],
    buckets: [0.05, 0.25, 1, 5, 15],
    registers: [this.registry],
  });
  private readonly uploadBytes = new Counter({
    name: 'reel_upload_bytes_total',
    help: 'Bytes of completed uploads',
    registers: [this.registry],
  });
  private readonly cacheLookups = new Counter({
    name: 'reel_cache_lookups_total',
    help: 'Cache-aside reads by cache and result (hit, miss)',
    labelNames: ['cache', 'result'],
    registers: [this.registry],
  });

  constructor(poolUse: () => PoolUse) {
    // nodejs_eventloop_lag_*, heap, GC, CPU and file descriptors.
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
    new Gauge({
      name: 'reel_db_pool_connections',
      help: 'Postgres pool connections: total open, idle, and requests waiting for one',
      labelNames: ['state'],
      registers: [this.registry],
      collect() {
        const use = poolUse();
        this.set({ state: 'total' }, use.total);
        this.set({ state: 'idle' }, use.idle);
        this.set({ state: 'waiting' }, use.waiting);
      },
    });
  }

  observeRequest(operationId: string, status: number, seconds: number) {
    const key = `${operationId} ${status}`;
    let series = this.requestSeries.get(key);
    if (!series) {
      series = this.requests.labels(operationId, statusClass(status));
      this.requestSeries.set(key, series);
    }
    series.observe(seconds);
  }

  observeEvents(
    role: string,
    topic: string,
    outcome: 'ok' | 'failed',
    events: { handledSeconds: number; lagSeconds: readonly number[] },
  ) {
    this.events.labels(role, topic, outcome).inc(events.lagSeconds.length);
    this.handling.labels(role, topic).observe(events.handledSeconds);
    const lag = this.lag.labels(role, topic);
    for (const seconds of events.lagSeconds) lag.observe(seconds);
  }

  observeTranscode(rendition: string, seconds: number, mediaSeconds: number) {
    this.transcodes.labels(rendition).observe(seconds);
    if (seconds > 0) this.speed.labels(rendition).observe(mediaSeconds / seconds);
  }

  countTranscodeFailure(reason: string) {
    this.transcodeFailures.labels(reason).inc();
  }

  observeWebhookAttempt(outcome: string, seconds: number) {
    this.webhooks.labels(outcome).observe(seconds);
  }

  countUploadBytes(bytes: number) {
    this.uploadBytes.inc(bytes);
  }

  countCacheLookup(cache: string, hit: boolean) {
    this.cacheLookups.labels(cache, hit ? 'hit' : 'miss').inc();
  }

  async exposition() {
    return { contentType: this.registry.contentType, text: await this.registry.metrics() };
  }
}
