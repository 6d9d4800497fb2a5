import { stat } from 'node:fs/promises';
import type { Reel } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { loadContract } from '../../src/contract/contract.js';
import { startReel } from '../../src/process.js';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { freePort } from '../support/free-port.js';
import { type Harness, startHarness, TEST_OPERATOR_TOKEN, testEnv } from '../support/harness.js';
import { until } from '../support/polling.js';
import { Exposition } from '../support/prometheus.js';

let harness: Harness;
let tenant: { sdk: Reel; apiKey: string };

beforeAll(async () => {
  harness = await startHarness({ env: { REEL_METRICS_PORT: String(await freePort()) } });
  tenant = await harness.tenant();
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const scrape = async () => {
  const response = await contractFetch(`${harness.url}/metrics`, {
    headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return new Exposition(await response.text());
};

describe('GET /metrics', () => {
  it('is for the operator only', async () => {
    for (const authorization of [
      undefined,
      `Bearer ${tenant.apiKey}`,
      `Bearer ${TEST_OPERATOR_TOKEN}x`,
      `Bearer ${'reel_op_'.padEnd(5000, 'z')}`,
      `Basic ${Buffer.from('operator:secret').toString('base64')}`,
    ]) {
      const response = await contractFetch(`${harness.url}/metrics`, {
        headers: authorization ? { authorization } : {},
      });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { code: string }).code).toBe('unauthorized');
    }
  });

  it('counts requests by operation id and status class, never by raw path', async () => {
    const before = await scrape();
    const ids = Array.from({ length: 12 }, () => crypto.randomUUID());
    for (const id of ids)
      await contractFetch(`${harness.url}/v1/videos/${id}`, {
        headers: { authorization: `Bearer ${tenant.apiKey}` },
      });
    await contractFetch(`${harness.url}/v1/videos`, {
      headers: { authorization: `Bearer ${tenant.apiKey}` },
    });
    await fetch(`${harness.url}/no/such/${ids[0]}`);
    const after = await until('the requests to be counted', async () => {
      const now = await scrape();
      const missed = now.sum('reel_http_request_duration_seconds', {
        operation: 'getVideo',
        status: '4xx',
      });
      return missed -
        before.sum('reel_http_request_duration_seconds', {
          operation: 'getVideo',
          status: '4xx',
        }) >=
        ids.length
        ? now
        : undefined;
    });
    expect(
      after.sum('reel_http_request_duration_seconds', { operation: 'listVideos', status: '2xx' }),
    ).toBeGreaterThanOrEqual(1);
    expect(
      after.sum('reel_http_request_duration_seconds', { operation: 'unmatched' }),
    ).toBeGreaterThanOrEqual(1);
    const known = new Set([...loadContract().operations.map((op) => op.operationId), 'unmatched']);
    const labelled = after.labelValues('reel_http_request_duration_seconds', 'operation');
    expect([...labelled].filter((op) => !known.has(op))).toEqual([]);
    const statuses = [...after.labelValues('reel_http_request_duration_seconds', 'status')];
    expect(statuses.filter((s) => !/^[1-5]xx$/.test(s))).toEqual([]);
  });

  it('moves as an upload is transcoded: bus, job, upload bytes, cache, pool, event loop', async () => {
    const before = await scrape();
    const file = await clip('silent.mp4');
    const uploaded = await uploadFile(tenant.sdk, file, { title: 'Measured' });
    const ready = await tenant.sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
    expect(ready.status).toBe('ready');
    await tenant.sdk.videos.get(ready.video_id);
    await tenant.sdk.videos.get(ready.video_id);
    const grew = (now: Exposition, name: string, labels: Record<string, string> = {}) =>
      now.sum(name, labels) - before.sum(name, labels);
    const after = await until('the publish to be counted', async () => {
      const now = await scrape();
      return grew(now, 'reel_bus_events_total', { role: 'publish', outcome: 'ok' }) >= 1
        ? now
        : undefined;
    });
    expect(
      grew(after, 'reel_bus_events_total', {
        role: 'transcode',
        topic: 'transcode.requested',
        outcome: 'ok',
      }),
    ).toBe(1);
    expect(grew(after, 'reel_bus_lag_seconds', { role: 'transcode' })).toBe(1);
    expect(grew(after, 'reel_bus_handle_duration_seconds', { role: 'transcode' })).toBe(1);
    expect(grew(after, 'reel_transcode_seconds', { rendition: '360p' })).toBe(1);
    expect(grew(after, 'reel_transcode_speed_ratio', { rendition: '360p' })).toBe(1);
    expect(grew(after, 'reel_upload_bytes_total')).toBe((await stat(file)).size);
    expect(grew(after, 'reel_cache_lookups_total', { cache: 'video' })).toBeGreaterThanOrEqual(2);
    expect(after.sum('reel_db_pool_connections', { state: 'total' })).toBeGreaterThanOrEqual(1);
    expect(after.family('nodejs_eventloop_lag_seconds')?.type).toBe('GAUGE');
    expect(after.family('reel_bus_lag_seconds')?.type).toBe('HISTOGRAM');
  });

  it('counts a video the transcoder refuses, by its reason', async () => {
    const before = await scrape();
    const uploaded = await uploadFile(tenant.sdk, await clip('garbage.mp4'), { title: 'Noise' });
    const failed = await tenant.sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
    expect(failed.status).toBe('failed');
    const after = await scrape();
    expect(
      after.sum('reel_transcode_failures_total') - before.sum('reel_transcode_failures_total'),
    ).toBe(1);
  });
});

describe('the metrics port', () => {
  it('serves the same exposition without a token, and nothing else', async () => {
    const base = harness.reel.metricsUrl ?? '';
    const response = await fetch(`${base}/metrics`);
    expect(response.status).toBe(200);
    const exposition = new Exposition(await response.text());
    expect(exposition.family('reel_http_request_duration_seconds')?.type).toBe('HISTOGRAM');
    for (const [method, path] of [
      ['GET', '/'],
      ['POST', '/metrics'],
      ['GET', '/v1/videos'],
    ] as const) {
      const other = await fetch(`${base}${path}`, { method });
      expect(other.status).toBe(404);
      expect(((await other.json()) as { code: string }).code).toBe('not_found');
    }
  });

  it('is how a worker-only process (no API) shows its own metrics', async () => {
    const env = testEnv({ REEL_METRICS_PORT: String(await freePort()) });
    const worker = await startReel(loadConfig(env), { http: false, roles: ['publish'] });
    try {
      expect(worker.app).toBeUndefined();
      const response = await fetch(`${worker.metricsUrl}/metrics`);
      expect(response.status).toBe(200);
      const exposition = new Exposition(await response.text());
      expect(exposition.family('reel_bus_events_total')?.type).toBe('COUNTER');
      expect(exposition.family('nodejs_eventloop_lag_seconds')?.type).toBe('GAUGE');
    } finally {
      await worker.stop();
    }
  });
});
