import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ReelError, ReelOperator } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKLIST_REPORTER } from '../../src/app/blocked-media/fail-blocked-video.js';
import { blockedMedia } from '../../src/db/schema.js';
import { openTenantSession } from '../../src/db/tenant-session.js';
import { mediaKeys } from '../../src/domain/media-keys.js';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness, TEST_OPERATOR_TOKEN } from '../support/harness.js';
import { until } from '../support/polling.js';
import { startReceiver } from '../support/webhook-receiver.js';

let harness: Harness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let tenant: Awaited<ReturnType<Harness['tenant']>>;
let clipPath: string;
let clipSha256: string;

beforeAll(async () => {
  receiver = await startReceiver();
  harness = await startHarness({ env: { REEL_WEBHOOK_ALLOW_LOOPBACK: 'true' } });
  tenant = await harness.tenant();
  await tenant.sdk.webhookEndpoints.create({ url: receiver.url, event_types: ['video.failed'] });
  clipPath = await clip('tiny.mp4');
  clipSha256 = await sha256Of(clipPath);
});
afterAll(async () => {
  await harness?.stop();
  await receiver?.close();
  expect(violations).toEqual([]);
});

const sha256Of = async (path: string) =>
  createHash('sha256')
    .update(await readFile(path))
    .digest('hex');

/**
 * The tiny clip with a title of its own: bytes no other suite uploads, since the operator's
 * list blocks them for every tenant of the run's database.
 */
async function uniqueClip() {
  const out = join(tmpdir(), `reel-blocked-${randomUUID()}.mp4`);
  await promisify(execFile)('ffmpeg', [
    ...['-y', '-loglevel', 'error', '-i', clipPath, '-c', 'copy'],
    ...['-metadata', `title=${randomUUID()}`, out],
  ]);
  return out;
}

async function uploadOf(upload: { video_id: string }) {
  const [entry] = await harness.reel.ctx.database.db.query.uploads.findMany({
    where: (u, { eq }) => eq(u.videoId, upload.video_id),
  });
  if (!entry) throw new Error('the upload row is missing');
  return entry;
}

async function post(apiKey: string, body: string) {
  const response = await contractFetch(`${harness.url}/v1/blocked-media`, {
    method: 'POST',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
    body,
  });
  return { status: response.status, body: (await response.json()) as { code?: string } };
}

describe('blocked media (exact SHA-256)', () => {
  it('fails an upload of blocked bytes, removes its original and opens a report', async () => {
    const entry = await tenant.sdk.blockedMedia.create({
      sha256: clipSha256,
      reason: 'copyright',
      note: 'Claim 42 from the label',
    });
    expect(entry).toMatchObject({ sha256: clipSha256, reason: 'copyright' });

    const video = await uploadFile(tenant.sdk, clipPath, { title: 'Blocked copy' });
    expect(video.status).toBe('failed');
    expect(video.error?.code).toBe('blocked_content');
    expect((await tenant.sdk.videos.get(video.video_id)).status).toBe('failed');

    const upload = await uploadOf(video);
    expect(upload.status).toBe('completed');
    expect(await harness.reel.ctx.store.head(mediaKeys.original(upload.id))).toBeNull();

    const reports = await tenant.sdk.reports.list({ video_id: video.video_id }).all();
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      state: 'open',
      reason: 'copyright',
      target: 'video',
      reporter_viewer_id: BLOCKLIST_REPORTER,
    });
    expect(reports[0]?.text).toContain('Claim 42 from the label');

    const failed = await until('the video.failed webhook', () =>
      receiver.received.find((r) => r.body.includes(video.video_id)),
    );
    expect(JSON.parse(failed.body)).toMatchObject({
      type: 'video.failed',
      data: { error: 'blocked_content' },
    });
  });

  it('lets the same bytes through for a tenant that does not block them', async () => {
    const other = await harness.tenant();
    const uploaded = await uploadFile(other.sdk, clipPath, { title: 'Not blocked here' });
    const video = await other.sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
    expect(video.status).toBe('ready');
    expect(await other.sdk.reports.list().all()).toEqual([]);
  });

  it('lets the bytes through again once the entry is removed', async () => {
    const mine = await harness.tenant();
    const entry = await mine.sdk.blockedMedia.create({ sha256: clipSha256, reason: 'other' });
    const blocked = await uploadFile(mine.sdk, clipPath);
    expect(blocked.status).toBe('failed');

    await mine.sdk.blockedMedia.delete(entry.blocked_media_id);
    expect(await mine.sdk.blockedMedia.list().all()).toEqual([]);
    const uploaded = await uploadFile(mine.sdk, clipPath);
    const video = await mine.sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
    expect(video.status).toBe('ready');
    // The video failed before stays failed.
    expect((await mine.sdk.videos.get(blocked.video_id)).status).toBe('failed');
  });

  it('answers the first entry when a hash is blocked again, and lists entries by cursor', async () => {
    const mine = await harness.tenant();
    const hashes = ['1', '2', '3'].map((digit) => digit.repeat(64));
    const made = [];
    for (const sha256 of hashes) {
      made.push(await mine.sdk.blockedMedia.create({ sha256, reason: 'spam' }));
    }
    const again = await post(mine.apiKey, JSON.stringify({ sha256: hashes[0], reason: 'violent' }));
    expect(again.status).toBe(200);
    expect(again.body).toEqual(made[0]);

    const list = async (query: string) => {
      const response = await contractFetch(`${harness.url}/v1/blocked-media?${query}`, {
        headers: { authorization: `Bearer ${mine.apiKey}` },
      });
      return (await response.json()) as {
        data: { blocked_media_id: string }[];
        next_cursor: string;
      };
    };
    const first = await list('limit=2');
    expect(first.data).toHaveLength(2);
    const second = await list(`limit=2&cursor=${encodeURIComponent(first.next_cursor)}`);
    expect(second).toMatchObject({ next_cursor: null });
    expect([...first.data, ...second.data].map((e) => e.blocked_media_id).sort()).toEqual(
      made.map((e) => e.blocked_media_id).sort(),
    );
    const forged = await list('cursor=not-a-cursor');
    expect(forged).toMatchObject({ code: 'invalid_cursor' });
  });

  it('refuses a sha256 that is not 64 lower-case hex, a bad reason and NUL bytes', async () => {
    const bodies = [
      { sha256: 'a'.repeat(63), reason: 'spam' },
      { sha256: 'a'.repeat(65), reason: 'spam' },
      { sha256: 'G'.repeat(64), reason: 'spam' },
      { sha256: 'A'.repeat(64), reason: 'spam' },
      { sha256: 1e308, reason: 'spam' },
      { sha256: 'a'.repeat(64), reason: 'unknown' },
      { sha256: 'a'.repeat(64), reason: 'spam', note: 'x'.repeat(501) },
      { sha256: 'a'.repeat(64), reason: 'spam', extra: true },
      { reason: 'spam' },
    ];
    for (const body of bodies) {
      const answer = await post(tenant.apiKey, JSON.stringify(body));
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body.code).toBe('invalid_request');
    }
    const nul = await post(
      tenant.apiKey,
      JSON.stringify({ sha256: 'a'.repeat(64), reason: 'spam', note: 'before\u0000after' }),
    );
    expect(nul).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
    const nulHash = await post(
      tenant.apiKey,
      JSON.stringify({ sha256: `${'a'.repeat(63)}\u0000`, reason: 'spam' }),
    );
    expect(nulHash).toMatchObject({ status: 400, body: { code: 'invalid_request' } });
    for (const id of ['not-a-uuid', '%00', '1e308']) {
      const response = await contractFetch(`${harness.url}/v1/blocked-media/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${tenant.apiKey}` },
      });
      expect(response.status, id).toBe(400);
      expect(((await response.json()) as { code: string }).code).toBe('invalid_request');
    }
    const garbage = await post(tenant.apiKey, '{"sha256": ');
    expect(garbage).toMatchObject({ status: 400, body: { code: 'invalid_json' } });
    expect(
      (await tenant.sdk.blockedMedia.list().all()).some((e) => e.sha256 === 'a'.repeat(64)),
    ).toBe(false);
  });

  it("cannot remove another tenant's entry, nor one that is not there", async () => {
    const stranger = await harness.tenant();
    const entry = await tenant.sdk.blockedMedia.create({
      sha256: 'c'.repeat(64),
      reason: 'privacy',
    });
    for (const id of [entry.blocked_media_id, crypto.randomUUID()]) {
      const refused = await stranger.sdk.blockedMedia.delete(id).catch((error: unknown) => error);
      expect(refused).toBeInstanceOf(ReelError);
      expect(refused).toMatchObject({ status: 404, code: 'not_found' });
    }
    expect(await stranger.sdk.blockedMedia.list().all()).toEqual([]);
    const mine = await tenant.sdk.blockedMedia.list().all();
    expect(mine.map((e) => e.blocked_media_id)).toContain(entry.blocked_media_id);

    await tenant.sdk.blockedMedia.delete(entry.blocked_media_id);
    const twice = await tenant.sdk.blockedMedia
      .delete(entry.blocked_media_id)
      .catch((error: unknown) => error);
    expect(twice).toMatchObject({ status: 404 });
    // Adding and removing are changes made with the API key: both are in the audit log, once.
    const audited = (await tenant.sdk.auditLog.list().all())
      .filter(
        (e) => e.resource.includes(entry.blocked_media_id) || e.operation === 'createBlockedMedia',
      )
      .map((e) => e.operation);
    expect(audited).toContain('deleteBlockedMedia');
    expect(audited.filter((op) => op === 'deleteBlockedMedia')).toHaveLength(1);
    expect(audited).toContain('createBlockedMedia');
  });

  it("the operator's list blocks the bytes for every tenant, and only the operator sees it", async () => {
    const operator = new ReelOperator({
      operatorToken: TEST_OPERATOR_TOKEN,
      baseUrl: harness.url,
      fetch: contractFetch,
    });
    const path = await uniqueClip();
    const sha256 = await sha256Of(path);
    const entry = await operator.blockedMedia.create({
      sha256,
      reason: 'child_safety',
      note: 'Operator-only note',
    });
    expect((await operator.blockedMedia.list().all()).map((e) => e.sha256)).toContain(sha256);

    const first = await harness.tenant();
    const second = await harness.tenant();
    for (const { sdk } of [first, second]) {
      const video = await uploadFile(sdk, path);
      expect(video.error?.code).toBe('blocked_content');
      const [report] = await sdk.reports.list({ video_id: video.video_id }).all();
      expect(report).toMatchObject({ reason: 'child_safety', state: 'open' });
      expect(report?.text).not.toContain('Operator-only note');
      // A tenant neither sees nor removes the operator's entries.
      expect(await sdk.blockedMedia.list().all()).toEqual([]);
      await expect(sdk.blockedMedia.delete(entry.blocked_media_id)).rejects.toMatchObject({
        status: 404,
      });
    }
    // An API key is not the operator token.
    const asTenant = await contractFetch(`${harness.url}/v1/operator/blocked-media`, {
      headers: { authorization: `Bearer ${first.apiKey}` },
    });
    expect(asTenant.status).toBe(401);
    const forged = await contractFetch(`${harness.url}/v1/operator/blocked-media`, {
      method: 'POST',
      headers: { authorization: 'Bearer reel_op_forged', 'content-type': 'application/json' },
      body: JSON.stringify({ sha256: 'd'.repeat(64), reason: 'spam' }),
    });
    expect(forged.status).toBe(401);

    await operator.blockedMedia.delete(entry.blocked_media_id);
    await expect(operator.blockedMedia.delete(entry.blocked_media_id)).rejects.toMatchObject({
      status: 404,
    });
    const uploaded = await uploadFile(first.sdk, path);
    const video = await first.sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
    expect(video.status).toBe('ready');
  });

  it("lets a tenant's session read the operator's rows but write none, nor see another tenant's", async () => {
    const owner = harness.reel.ctx.database.db;
    const mine = await harness.tenant();
    const other = await harness.tenant();
    const [operatorRow] = await owner
      .insert(blockedMedia)
      .values({ tenantId: null, sha256: 'e'.repeat(64), reason: 'spam' })
      .returning();
    await owner
      .insert(blockedMedia)
      .values({ tenantId: other.tenantId, sha256: 'f'.repeat(64), reason: 'spam' });
    const session = openTenantSession(harness.reel.ctx.database.pool, mine.tenantId);
    try {
      const seen = await session.db.select().from(blockedMedia);
      expect(seen.every((row) => row.tenantId === null)).toBe(true);
      expect(seen.map((row) => row.id)).toContain(operatorRow?.id);
      const removed = await session.db.execute(
        sql`delete from blocked_media where id = ${operatorRow?.id ?? ''}`,
      );
      expect(removed.rowCount).toBe(0);
      const planted = await session.db
        .insert(blockedMedia)
        .values({ tenantId: null, sha256: '9'.repeat(64), reason: 'spam' })
        .catch((error: { cause?: { message?: string } }) => error);
      expect((planted as { cause?: { message?: string } }).cause?.message).toMatch(
        /row-level security/,
      );
    } finally {
      await session.close();
      await owner.execute(sql`delete from blocked_media where id = ${operatorRow?.id ?? ''}`);
    }
  });
});
