import { randomUUID } from 'node:crypto';
import { ReelOperator, signViewerToken } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness, TEST_OPERATOR_TOKEN } from '../support/harness.js';
import { until } from '../support/polling.js';

// Two API replicas on one Redis: what one revokes, the other refuses within a second.

let first: Harness;
let second: Harness;
beforeAll(async () => {
  // One after the other: the first applies the migrations.
  first = await startHarness({ roles: [] });
  second = await startHarness({ roles: [] });
});
afterAll(async () => {
  await first?.stop();
  await second?.stop();
});

const status = async (base: string, path: string, bearer: string) =>
  (await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${bearer}` } })).status;

/** Milliseconds from `since` until `probe` answers `expected`; polled every 20 ms. */
async function refusedWithin(since: number, probe: () => Promise<number>, expected = 401) {
  await until('the other replica to refuse', async () => (await probe()) === expected, 10_000);
  return Date.now() - since;
}

describe('revocation reaches every replica', () => {
  it('a revoked API key is refused by the other replica within a second', async () => {
    const { sdk } = await first.tenant();
    const extra = await sdk.apiKeys.create({ name: `replica-${randomUUID()}` });
    // Both replicas have it in memory.
    expect(await status(first.url, '/v1/videos', extra.key)).toBe(200);
    expect(await status(second.url, '/v1/videos', extra.key)).toBe(200);
    const since = Date.now();
    await sdk.apiKeys.revoke(extra.key_id);
    const took = await refusedWithin(since, () => status(second.url, '/v1/videos', extra.key));
    console.log(`revoked key refused by the second replica after ${took} ms`);
    expect(took).toBeLessThan(1_000);
  });

  it('a suspended tenant is refused by the other replica within a second', async () => {
    const { apiKey, tenantId } = await first.tenant();
    expect(await status(second.url, '/v1/videos', apiKey)).toBe(200);
    const operator = new ReelOperator({ operatorToken: TEST_OPERATOR_TOKEN, baseUrl: first.url });
    const since = Date.now();
    await operator.tenants.suspend(tenantId);
    const took = await refusedWithin(since, () => status(second.url, '/v1/videos', apiKey));
    console.log(`suspended tenant refused by the second replica after ${took} ms`);
    expect(took).toBeLessThan(1_000);
  });

  it("a deleted signing key's viewer tokens are refused by the other replica within a second", async () => {
    const { sdk } = await first.tenant();
    const key = await sdk.signingKeys.create();
    const token = await signViewerToken(
      { keyId: key.key_id, privateKey: key.private_key },
      { viewerId: 'viewer-1' },
    );
    expect(await status(second.url, '/v1/viewer', token)).toBe(200);
    const since = Date.now();
    await sdk.signingKeys.delete(key.key_id);
    const took = await refusedWithin(since, () => status(second.url, '/v1/viewer', token));
    console.log(`deleted signing key refused by the second replica after ${took} ms`);
    expect(took).toBeLessThan(1_000);
  });
});
