import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let apiKey: string;
let otherKey: string;
const body = {
  filename: 'same.mp4',
  size_bytes: 6_000_000,
  mime: 'video/mp4',
  sha256: 'a'.repeat(64),
};

beforeAll(async () => {
  harness = await startHarness({ roles: ['relay'] });
  apiKey = (await harness.tenant()).apiKey;
  otherKey = (await harness.tenant()).apiKey;
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const post = (key: string, idempotencyKey: string, payload: object = body, signal?: AbortSignal) =>
  fetch(`${harness.url}/v1/uploads`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${key}`,
      'content-type': 'application/json',
      'idempotency-key': idempotencyKey,
    },
    body: JSON.stringify(payload),
    ...(signal && { signal }),
  });
const uploadCount = async (key: string) => {
  const list = await contractFetch(`${harness.url}/v1/videos?limit=100`, {
    headers: { authorization: `Bearer ${key}` },
  });
  return ((await list.json()) as { data: unknown[] }).data.length;
};

describe('Idempotency-Key', () => {
  it('replays the first answer for the same request, marked as a replay', async () => {
    const first = await post(apiKey, 'k-replay');
    const again = await post(apiKey, 'k-replay');
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    const [a, b] = [
      (await first.json()) as { upload_id: string },
      (await again.json()) as { upload_id: string },
    ];
    expect(b.upload_id).toBe(a.upload_id);
  });

  it('refuses the same key for a different request with 422', async () => {
    await post(apiKey, 'k-other');
    const response = await post(apiKey, 'k-other', { ...body, size_bytes: 7_000_000 });
    expect(response.status).toBe(422);
    expect(await response.json()).toMatchObject({ code: 'idempotency_key_reused' });
  });

  it('creates exactly one resource from 50 parallel requests with one key', async () => {
    const before = await uploadCount(apiKey);
    const answers = await Promise.all(Array.from({ length: 50 }, () => post(apiKey, 'k-parallel')));
    const statuses = answers.map((r) => r.status);
    expect(statuses.every((s) => s === 201 || s === 409)).toBe(true);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(1);
    const ids = new Set<string>();
    for (const r of answers)
      if (r.status === 201) ids.add(((await r.json()) as { upload_id: string }).upload_id);
    for (const r of answers)
      if (r.status === 409)
        expect(((await r.json()) as { code: string }).code).toBe('idempotency_key_in_use');
    expect(ids.size).toBe(1);
    expect(await uploadCount(apiKey)).toBe(before + 1);
  });

  it('replays after the client lost the first answer (the key was stored with the effect)', async () => {
    const before = await uploadCount(apiKey);
    const abort = new AbortController();
    const lost = post(apiKey, 'k-lost', body, abort.signal).catch(() => undefined);
    setTimeout(() => abort.abort(), 5);
    await lost;
    await new Promise((resolve) => setTimeout(resolve, 300));
    const retry = await post(apiKey, 'k-lost');
    expect(retry.status).toBe(201);
    expect(await uploadCount(apiKey)).toBe(before + 1);
  });

  it('stores a refusal too: the same request with the same key gets the same 413', async () => {
    const big = { ...body, size_bytes: 10 * 1024 ** 4 };
    const first = await post(apiKey, 'k-413', big);
    const again = await post(apiKey, 'k-413', big);
    expect([first.status, again.status]).toEqual([413, 413]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
  });

  it('keeps keys per tenant', async () => {
    const mine = (await (await post(apiKey, 'k-shared')).json()) as { upload_id: string };
    const theirs = await post(otherKey, 'k-shared');
    expect(theirs.status).toBe(201);
    expect(((await theirs.json()) as { upload_id: string }).upload_id).not.toBe(mine.upload_id);
  });
});
