import { ReelOperator } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BLOCKLIST_REPORTER } from '../../src/app/blocked-media/fail-blocked-video.js';
import { videoFingerprints } from '../../src/db/schema.js';
import { openTenantSession } from '../../src/db/tenant-session.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { blockedClip, variantOf } from '../support/fingerprint-clips.js';
import { type Harness, startHarness, TEST_OPERATOR_TOKEN } from '../support/harness.js';
import { until } from '../support/polling.js';

let harness: Harness;
let owner: Awaited<ReturnType<Harness['tenant']>>;
let original: string;

beforeAll(async () => {
  harness = await startHarness();
  owner = await harness.tenant();
  const uploaded = await uploadFile(owner.sdk, await blockedClip(), { title: 'The original' });
  const video = await owner.sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
  expect(video.status).toBe('ready');
  original = video.video_id;
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const post = async (path: string, token: string, body: unknown) => {
  const response = await contractFetch(`${harness.url}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
};

/** Uploads a file and waits for where the pipeline leaves it. */
async function settled(sdk: typeof owner.sdk, path: string) {
  const uploaded = await uploadFile(sdk, path);
  return sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
}

describe('blocking a video by its picture (perceptual fingerprint)', () => {
  it('fails resized, trimmed and recoloured copies of a blocked video and opens reports', async () => {
    const entry = await owner.sdk.blockedMedia.create({
      video_id: original,
      reason: 'copyright',
      note: 'Claim 7',
    });
    expect(entry).toMatchObject({
      video_id: original,
      reason: 'copyright',
      fingerprint_frames: 16,
    });
    const again = await post('/v1/blocked-media', owner.apiKey, {
      video_id: original,
      reason: 'spam',
    });
    expect(again).toMatchObject({
      status: 200,
      body: { blocked_media_id: entry.blocked_media_id },
    });

    for (const name of ['half-size.mp4', 'trimmed-2s.mp4', 'colour.mp4']) {
      const video = await settled(owner.sdk, await variantOf(name, await blockedClip()));
      expect(video.status, name).toBe('failed');
      expect(video.error?.code, name).toBe('blocked_content');
      const [report] = await owner.sdk.reports.list({ video_id: video.video_id }).all();
      expect(report, name).toMatchObject({
        reason: 'copyright',
        state: 'open',
        reporter_viewer_id: BLOCKLIST_REPORTER,
      });
      expect(report?.text).toContain('Claim 7');
      // Nothing of the copy is kept: no renditions to play, and no original.
      const row = await harness.reel.ctx.database.db.query.videos.findFirst({
        where: (v, { eq }) => eq(v.id, video.video_id),
      });
      expect(row?.manifestKey ?? null).toBeNull();
      // The failure commits first; the media goes right after it.
      await until(
        `the original of ${name} to be deleted`,
        async () => (await harness.reel.ctx.store.head(row?.originalKey ?? '')) === null,
      );
    }

    // Another tenant's list is its own: the same copy plays there.
    const other = await harness.tenant();
    const elsewhere = await settled(
      other.sdk,
      await variantOf('half-size.mp4', await blockedClip()),
    );
    expect(elsewhere.status).toBe('ready');
  });

  it("refuses another tenant's video, one not transcoded, and both or neither of sha256 and video_id", async () => {
    const stranger = await harness.tenant();
    const refused = await post('/v1/blocked-media', stranger.apiKey, {
      video_id: original,
      reason: 'spam',
    });
    expect(refused).toMatchObject({ status: 404, body: { code: 'not_found' } });
    const unknown = await post('/v1/blocked-media', stranger.apiKey, {
      video_id: crypto.randomUUID(),
      reason: 'spam',
    });
    expect(unknown).toMatchObject({ status: 404, body: { code: 'not_found' } });

    const waiting = await stranger.sdk.uploads.create({
      filename: 'clip.mp4',
      size_bytes: 1000,
      mime: 'video/mp4',
      sha256: 'a'.repeat(64),
    });
    const early = await post('/v1/blocked-media', stranger.apiKey, {
      video_id: waiting.video_id,
      reason: 'spam',
    });
    expect(early).toMatchObject({ status: 409, body: { code: 'invalid_video_status' } });

    for (const body of [
      { video_id: original, sha256: 'a'.repeat(64), reason: 'spam' },
      { reason: 'spam' },
      { video_id: 'not-a-uuid', reason: 'spam' },
      { video_id: `${original}\u0000`, reason: 'spam' },
      { video_id: 1e308, reason: 'spam' },
    ]) {
      const answer = await post('/v1/blocked-media', stranger.apiKey, body);
      expect(answer, JSON.stringify(body)).toMatchObject({
        status: 400,
        body: { code: 'invalid_request' },
      });
    }
    expect(await stranger.sdk.blockedMedia.list().all()).toEqual([]);
  });

  it("keeps each tenant's fingerprints to itself under row-level security", async () => {
    const stranger = await harness.tenant();
    const session = openTenantSession(harness.reel.ctx.database.pool, stranger.tenantId);
    try {
      expect(await session.db.select().from(videoFingerprints)).toEqual([]);
    } finally {
      await session.close();
    }
    const mine = openTenantSession(harness.reel.ctx.database.pool, owner.tenantId);
    try {
      const rows = await mine.db.select().from(videoFingerprints);
      expect(rows.map((row) => row.videoId)).toContain(original);
    } finally {
      await mine.close();
    }
  });

  it("the operator blocks a tenant's video for every tenant", async () => {
    const operator = new ReelOperator({
      operatorToken: TEST_OPERATOR_TOKEN,
      baseUrl: harness.url,
      fetch: contractFetch,
    });
    const entry = await operator.blockedMedia.create({
      video_id: original,
      reason: 'child_safety',
    });
    expect(entry.fingerprint_frames).toBe(16);
    try {
      const other = await harness.tenant();
      const copy = await variantOf('trimmed-half-size-crf35.mp4', await blockedClip());
      const video = await settled(other.sdk, copy);
      expect(video.error?.code).toBe('blocked_content');
      const [report] = await other.sdk.reports.list({ video_id: video.video_id }).all();
      expect(report).toMatchObject({ reason: 'child_safety' });
      expect(await other.sdk.blockedMedia.list().all()).toEqual([]);
    } finally {
      await operator.blockedMedia.delete(entry.blocked_media_id);
    }
  });
});
