import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';

// On the services (vitest.services.config.ts sets REEL_TEST_SERVICES=1): Kafka, MinIO, Redis.
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('operating Reel on the services', () => {
  it('is ready once Kafka, S3 and Postgres answer', async () => {
    expect(harness.reel.ctx.bus.name).toBe('kafka');
    const ready = await contractFetch(`${harness.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({
      status: 'ready',
      checks: { database: 'ok', bus: 'ok', store: 'ok' },
    });
  });
});
