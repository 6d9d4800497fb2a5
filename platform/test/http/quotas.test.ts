import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { uploads, videos } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness, TEST_OPERATOR_TOKEN } from '../support/harness.js';

let harness: Harness;
let owner: { tenantId: string; apiKey: string };
let other: { tenantId: string; apiKey: string };

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  owner = await harness.tenant();
  other = await harness.tenant();
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

type Json = Record<string, unknown> & {
  code?: string;
  details?: Record<string, unknown>;
  quotas?: Record<string, { limit: number | null; used: number }>;
};

const call = async (method: string, path: string, token: string | undefined, body?: unknown) => {
  const response = await contractFetch(`${harness.url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
};

const setQuotas = (tenantId: string, quotas: Record<string, unknown>) =>
  call('PATCH', `/v1/tenants/${tenantId}`, TEST_OPERATOR_TOKEN, { quotas });

const createUpload = (apiKey: string, size = 6_000_000) =>
  call('POST', '/v1/uploads', apiKey, {
    filename: 'clip.mp4',
    size_bytes: size,
    mime: 'video/mp4',
  });

const storedFor = async (tenantId: string) => {
  const { db } = harness.reel.ctx.database;
  const [v] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(videos)
    .where(eq(videos.tenantId, tenantId));
  const [u] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(uploads)
    .where(eq(uploads.tenantId, tenantId));
  return { videos: v?.n ?? 0, uploads: u?.n ?? 0 };
};

describe('PATCH /v1/tenants/{id} (quotas)', () => {
  it('sets, keeps and removes limits; the same change twice gives the same tenant', async () => {
    const first = await setQuotas(owner.tenantId, { videos: 10, storage_bytes: 1_000_000_000 });
    expect(first.status).toBe(200);
    expect(first.body.quotas).toEqual({
      storage_bytes: 1_000_000_000,
      videos: 10,
      encoded_minutes_per_day: null,
      upload_bytes: null,
      webhook_endpoints: null,
      concurrent_transcodes: null,
    });
    const again = await setQuotas(owner.tenantId, { videos: 10, storage_bytes: 1_000_000_000 });
    expect(again.body).toEqual(first.body);
    const removed = await setQuotas(owner.tenantId, { storage_bytes: null });
    expect(removed.body.quotas).toMatchObject({ videos: 10, storage_bytes: null });
    await setQuotas(owner.tenantId, { videos: null });
  });

  it('refuses bad limits, unknown quotas and bodies', async () => {
    for (const quotas of [
      { videos: -1 },
      { videos: 1.5 },
      { videos: '10' },
      { videos: 2 ** 60 },
      { live_streams: 1 },
      { videos: 'a\u0000b' },
    ]) {
      const refused = await setQuotas(owner.tenantId, quotas);
      expect(refused.status).toBe(400);
      expect(refused.body.code).toBe('invalid_request');
    }
    const garbage = await call(
      'PATCH',
      `/v1/tenants/${owner.tenantId}`,
      TEST_OPERATOR_TOKEN,
      '{"quotas":',
    );
    expect(garbage.status).toBe(400);
    expect(
      (await call('PATCH', `/v1/tenants/${owner.tenantId}`, TEST_OPERATOR_TOKEN, {})).status,
    ).toBe(400);
  });

  it('is for the operator only, and 404s an unknown tenant', async () => {
    for (const token of [undefined, owner.apiKey, `${TEST_OPERATOR_TOKEN}x`]) {
      const refused = await call('PATCH', `/v1/tenants/${owner.tenantId}`, token, {
        quotas: { videos: 0 },
      });
      expect(refused.status).toBe(401);
    }
    const unknown = await setQuotas(crypto.randomUUID(), { videos: 1 });
    expect(unknown.status).toBe(404);
    expect((await setQuotas('not-a-uuid', { videos: 1 })).status).toBe(400);
  });
});

describe('quotas on uploads and endpoints', () => {
  it('refuses the upload that would pass the videos quota, and stores nothing', async () => {
    expect((await createUpload(owner.apiKey)).status).toBe(201);
    const before = await storedFor(owner.tenantId);
    await setQuotas(owner.tenantId, { videos: before.videos });
    const refused = await createUpload(owner.apiKey);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('quota_exceeded');
    expect(refused.body.details).toEqual({
      quota: 'videos',
      limit: before.videos,
      used: before.videos,
      requested: 1,
    });
    expect(await storedFor(owner.tenantId)).toEqual(before);
    // Another tenant is not bound by it.
    expect((await createUpload(other.apiKey)).status).toBe(201);
    await setQuotas(owner.tenantId, { videos: null });
    expect((await createUpload(owner.apiKey)).status).toBe(201);
  });

  it('lets only as many of a burst of uploads through as the quota has room for', async () => {
    const before = await storedFor(other.tenantId);
    await setQuotas(other.tenantId, { videos: before.videos + 1 });
    const burst = await Promise.all(Array.from({ length: 6 }, () => createUpload(other.apiKey)));
    expect(burst.map((r) => r.status).sort()).toEqual([201, 403, 403, 403, 403, 403]);
    expect((await storedFor(other.tenantId)).videos).toBe(before.videos + 1);
    await setQuotas(other.tenantId, { videos: null });
  });

  it('caps one upload by upload_bytes and all sources by storage_bytes', async () => {
    await setQuotas(owner.tenantId, { upload_bytes: 5_999_999 });
    const big = await createUpload(owner.apiKey);
    expect(big.status).toBe(403);
    expect(big.body.details).toMatchObject({
      quota: 'upload_bytes',
      limit: 5_999_999,
      requested: 6_000_000,
    });
    await setQuotas(owner.tenantId, { upload_bytes: null });
    const usage = await call('GET', '/v1/usage', owner.apiKey);
    const used = usage.body.quotas?.storage_bytes?.used ?? 0;
    expect(used).toBeGreaterThanOrEqual(12_000_000);
    await setQuotas(owner.tenantId, { storage_bytes: used + 5_000_000 });
    const full = await createUpload(owner.apiKey);
    expect(full.status).toBe(403);
    expect(full.body.details).toMatchObject({ quota: 'storage_bytes', used, requested: 6_000_000 });
    expect((await createUpload(owner.apiKey, 5_000_000)).status).toBe(201);
    await setQuotas(owner.tenantId, { storage_bytes: null });
  });

  it('takes no upload once the day has used its encoded minutes', async () => {
    await setQuotas(other.tenantId, { encoded_minutes_per_day: 0 });
    const refused = await createUpload(other.apiKey);
    expect(refused.status).toBe(403);
    expect(refused.body.details).toMatchObject({
      quota: 'encoded_minutes_per_day',
      limit: 0,
      used: 0,
    });
    await setQuotas(other.tenantId, { encoded_minutes_per_day: null });
  });

  it('refuses a webhook endpoint past webhook_endpoints', async () => {
    await setQuotas(other.tenantId, { webhook_endpoints: 0 });
    const refused = await call('POST', '/v1/webhook-endpoints', other.apiKey, {
      url: 'https://hooks.example.com/reel',
    });
    expect(refused.status).toBe(403);
    expect(refused.body.details).toMatchObject({ quota: 'webhook_endpoints', limit: 0, used: 0 });
    await setQuotas(other.tenantId, { webhook_endpoints: null });
  });
});

describe('GET /v1/usage and the operator view', () => {
  it('shows the calling tenant its own quotas and use, never another one', async () => {
    await setQuotas(owner.tenantId, { videos: 50 });
    const mine = await call('GET', '/v1/usage', owner.apiKey);
    expect(mine.status).toBe(200);
    expect(mine.body.tenant_id).toBe(owner.tenantId);
    expect(mine.body.quotas?.videos).toEqual({
      limit: 50,
      used: (await storedFor(owner.tenantId)).videos,
    });
    const theirs = await call('GET', '/v1/usage', other.apiKey);
    expect(theirs.body.tenant_id).toBe(other.tenantId);
    expect(theirs.body.quotas?.videos).toEqual({
      limit: null,
      used: (await storedFor(other.tenantId)).videos,
    });
    expect((await call('GET', '/v1/usage', undefined)).status).toBe(401);
    expect((await call('GET', '/v1/usage', TEST_OPERATOR_TOKEN)).status).toBe(401);
  });

  it('lists every tenant with its use, page by page, for the operator only', async () => {
    const seen = new Map<string, Json>();
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `?limit=1&cursor=${encodeURIComponent(cursor)}` : '?limit=1';
      const page = await call('GET', `/v1/tenant-usage${query}`, TEST_OPERATOR_TOKEN);
      expect(page.status).toBe(200);
      const data = page.body.data as Json[];
      expect(data.length).toBeLessThanOrEqual(1);
      for (const item of data) seen.set(String(item.tenant_id), item);
      cursor = page.body.next_cursor as string | null;
    } while (cursor);
    expect(seen.get(owner.tenantId)?.quotas).toMatchObject({ videos: { limit: 50 } });
    expect(seen.get(other.tenantId)?.quotas).toMatchObject({ videos: { limit: null } });
    expect((await call('GET', '/v1/tenant-usage', owner.apiKey)).status).toBe(401);
    const forged = await call('GET', '/v1/tenant-usage?cursor=garbage', TEST_OPERATOR_TOKEN);
    expect(forged.status).toBe(400);
    expect(forged.body.code).toBe('invalid_cursor');
  });
});
