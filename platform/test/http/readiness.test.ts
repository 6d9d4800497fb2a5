import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

type ErrorBody = { code: string; details?: { checks?: object; draining?: boolean } };

/** Keeps this thread busy, so the server in it falls behind as under real overload. */
function hogEventLoop(ms: number) {
  const end = performance.now() + ms;
  while (performance.now() < end) {}
}

describe('/readyz', () => {
  it('is ready while the database, bus and store answer; /healthz apart', async () => {
    const ready = await contractFetch(`${harness.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', bus: 'ok', store: 'ok' },
    });
    expect((await contractFetch(`${harness.url}/healthz`)).status).toBe(200);
  });

  it('takes no body, query or other method', async () => {
    expect((await contractFetch(`${harness.url}/readyz`, { method: 'POST' })).status).toBe(405);
    const nul = await contractFetch(`${harness.url}/readyz?x=%00`);
    expect(nul.status).toBe(400);
    expect(((await nul.json()) as ErrorBody).code).toMatch(/^invalid_/);
  });

  it('answers 503 not_ready while a stopping process drains, still alive on /healthz', async () => {
    const stopping = await startHarness({ roles: [], env: { REEL_SHUTDOWN_DRAIN_MS: '3000' } });
    expect((await contractFetch(`${stopping.url}/readyz`)).status).toBe(200);
    const stopped = stopping.stop();
    const refused = await until('readiness to drop', async () => {
      const response = await contractFetch(`${stopping.url}/readyz`);
      return response.status === 503 ? response : undefined;
    });
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    const body = (await refused.json()) as ErrorBody;
    expect(body.code).toBe('not_ready');
    expect(body.details?.draining).toBe(true);
    expect((await contractFetch(`${stopping.url}/healthz`)).status).toBe(200);
    await stopped;
    await expect(fetch(`${stopping.url}/healthz`)).rejects.toThrow();
  });
});

describe('back-pressure', () => {
  it('answers 503 overloaded with Retry-After while the event loop lags; /healthz still 200', async () => {
    const busy = await startHarness({ roles: [], env: { REEL_MAX_EVENT_LOOP_DELAY_MS: '50' } });
    try {
      const { apiKey } = await busy.tenant();
      const shed = await until('a request to be shed', async () => {
        hogEventLoop(400);
        const [health, list] = await Promise.all([
          fetch(`${busy.url}/healthz`),
          fetch(`${busy.url}/v1/videos`, { headers: { authorization: `Bearer ${apiKey}` } }),
        ]);
        return list.status === 503 ? { health, list } : undefined;
      });
      expect(shed.health.status).toBe(200);
      expect(Number(shed.list.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await shed.list.json()) as ErrorBody).code).toBe('overloaded');
      // Once the loop keeps up again, requests are served.
      await until('requests to be served again', async () => {
        const response = await fetch(`${busy.url}/v1/videos`, {
          headers: { authorization: `Bearer ${apiKey}` },
        });
        return response.status === 200;
      });
    } finally {
      await busy.stop();
    }
  });
});
