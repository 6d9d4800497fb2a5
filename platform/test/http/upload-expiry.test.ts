import { createHash, randomBytes } from 'node:crypto';
import type { Reel } from '@reel/sdk';
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireUploads } from '../../src/app/uploads/expire-uploads.js';
import { outbox, uploads } from '../../src/db/schema.js';
import { TOPICS } from '../../src/domain/event-routes.js';
import { signUploadToken } from '../../src/domain/upload-tokens.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { failure } from '../support/failure.js';
import { type Harness, startHarness, TEST_SIGNING_SECRET } from '../support/harness.js';

const MiB = 1024 * 1024;
let harness: Harness;
let sdk: Reel;

beforeAll(async () => {
  // The cleanup role sweeps often here, as it would every 30 s in production.
  harness = await startHarness({
    roles: ['relay', 'cleanup'],
    env: { REEL_UPLOAD_SWEEP_INTERVAL_MS: '200' },
  });
  sdk = (await harness.tenant()).sdk;
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function newUpload(bytes: Uint8Array, expiresInSeconds?: number) {
  return sdk.uploads.create({
    filename: 'clip.mp4',
    size_bytes: bytes.length,
    mime: 'video/mp4',
    sha256: sha(bytes),
    part_size_bytes: 5 * MiB,
    ...(expiresInSeconds ? { expires_in_seconds: expiresInSeconds } : {}),
  });
}

/** Moves an upload's expiry into the past, as if its time had run out. */
async function runOut(uploadIds: string[]) {
  await harness.reel.ctx.database.ownerDb
    .update(uploads)
    .set({ expiresAt: new Date(Date.now() - 1000) })
    .where(inArray(uploads.id, uploadIds));
}

describe('upload expiry', () => {
  it('lives as long as asked, and neither its token nor its part URLs outlive it', async () => {
    const before = Date.now();
    const upload = await newUpload(randomBytes(6 * MiB), 60);
    const expiresAt = Date.parse(upload.expires_at);
    expect(expiresAt - before).toBeGreaterThanOrEqual(59_000);
    expect(expiresAt - before).toBeLessThan(62_000);
    expect(upload.upload_token_expires_at).toBe(upload.expires_at);
    for (const part of upload.parts) expect(Date.parse(part.expires_at)).toBe(expiresAt);
    const { parts } = await sdk.uploads.signParts(upload.upload_id, [1]);
    expect(Date.parse(parts[0]?.expires_at ?? '')).toBe(expiresAt);
    const tooShort = await failure(
      sdk.uploads.create({
        filename: 'x.mp4',
        size_bytes: 10,
        mime: 'video/mp4',
        expires_in_seconds: 5,
      }),
    );
    expect(tooShort.status).toBe(400);
    expect(tooShort.message).toContain('expires_in_seconds');
  });

  it('an expired upload takes no parts, signatures or complete (410), and reads as expired', async () => {
    const bytes = randomBytes(6 * MiB);
    const upload = await newUpload(bytes);
    await sdk.uploads.putPart(upload.parts[0]?.url ?? '', bytes.subarray(0, 5 * MiB));
    await runOut([upload.upload_id]);
    expect((await sdk.uploads.get(upload.upload_id)).status).toBe('expired');
    const refusals = [
      () => sdk.uploads.putPart(upload.parts[1]?.url ?? '', bytes.subarray(5 * MiB)),
      () => sdk.uploads.signParts(upload.upload_id, [2]),
      () => sdk.uploads.complete(upload.upload_id),
    ];
    for (const refused of refusals) {
      const error = await failure(refused());
      expect(error.status).toBe(410);
      expect(error.code).toBe('upload_expired');
      expect(error.message).toMatch(/create a new upload/);
    }
  });

  it('an expired upload token answers 401 upload_token_expired, a forged one plain 401', async () => {
    const upload = await newUpload(randomBytes(6 * MiB));
    const past = Math.floor(Date.now() / 1000) - 5;
    const expired = signUploadToken(TEST_SIGNING_SECRET, {
      uploadId: upload.upload_id,
      expires: past,
      origin: undefined,
    });
    const forged = signUploadToken('another secret', {
      uploadId: upload.upload_id,
      expires: past,
      origin: undefined,
    });
    const ask = (token: string) =>
      contractFetch(`${harness.url}/v1/uploads/${upload.upload_id}`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const answer = await ask(expired);
    expect(answer.status).toBe(401);
    expect(await answer.json()).toMatchObject({
      code: 'upload_token_expired',
      message: expect.stringMatching(/new upload/),
    });
    const refused = await ask(forged);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ code: 'unauthorized' });
  });

  it('the sweeper drops the parts and fails the video once, however many sweepers run', async () => {
    const bytes = randomBytes(6 * MiB);
    const made = await Promise.all([newUpload(bytes), newUpload(bytes), newUpload(bytes)]);
    for (const upload of made) {
      await sdk.uploads.putPart(upload.parts[0]?.url ?? '', bytes.subarray(0, 5 * MiB));
    }
    const untouched = await newUpload(bytes);
    // One a complete request is hashing as its time runs out: the sweep leaves it to finish.
    const completing = await newUpload(bytes);
    await runOut([...made, completing].map((upload) => upload.upload_id));
    await harness.reel.ctx.database.ownerDb
      .update(uploads)
      .set({ completingUntil: new Date(Date.now() + 60_000) })
      .where(eq(uploads.id, completing.upload_id));
    // Two more sweepers beside the cleanup role's own: row locks let each upload expire once.
    await Promise.all([expireUploads(harness.reel.ctx), expireUploads(harness.reel.ctx)]);
    for (const upload of made) {
      const video = await sdk.videos.waitUntilSettled(upload.video_id, {
        timeoutMs: 10_000,
        intervalMs: 100,
      });
      expect(video.status).toBe('failed');
      expect(video.error).toMatchObject({ code: 'upload_expired' });
      const after = await sdk.uploads.get(upload.upload_id);
      expect(after.status).toBe('expired');
      expect(after.error).toMatchObject({ code: 'upload_expired' });
      expect(await sdk.uploads.listParts(upload.upload_id).all()).toEqual([]);
    }
    const failedEvents = await harness.reel.ctx.database.ownerDb
      .select()
      .from(outbox)
      .where(
        and(
          eq(outbox.topic, TOPICS.videoFailed),
          inArray(
            outbox.key,
            made.map((upload) => upload.video_id),
          ),
        ),
      );
    expect(failedEvents).toHaveLength(made.length);
    expect((await sdk.uploads.get(untouched.upload_id)).status).toBe('pending');
    expect((await sdk.videos.get(untouched.video_id)).status).toBe('waiting_for_upload');
    expect((await sdk.videos.get(completing.video_id)).status).toBe('waiting_for_upload');
  });
});
