import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Reel } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { transitionUpload } from '../../src/app/uploads/transition-upload.js';
import { transitionVideo } from '../../src/app/videos/transition-video.js';
import type { Db } from '../../src/db/connection.js';
import {
  insertUpload,
  lockUpload,
  type NewUpload,
  setUpload,
  type UploadChange,
} from '../../src/db/uploads.js';
import {
  insertVideo,
  lockVideo,
  type NewVideo,
  setVideo,
  type VideoChange,
} from '../../src/db/videos.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let db: Db;
let sdk: Reel;
let tenantId: string;

beforeAll(async () => {
  // No workers: nothing but this test moves the video and the upload.
  harness = await startHarness({ roles: [] });
  db = harness.reel.ctx.database.ownerDb;
  ({ sdk, tenantId } = await harness.tenant());
});
afterAll(() => harness?.stop());

const newUpload = () =>
  sdk.uploads.create({ filename: 'a.mp4', size_bytes: 1024, mime: 'video/mp4' });

const outboxCount = async (topic: string, videoId: string) => {
  const result = await harness.reel.ctx.database.pool.query(
    'select count(*)::int as n from outbox where topic = $1 and key = $2',
    [topic, videoId],
  );
  return result.rows[0].n as number;
};

describe('a video status moves only through transitionVideo, along its table', () => {
  it('refuses a move the table has no arrow for, and a repeated move changes nothing', async () => {
    const { video_id } = await newUpload();
    const move = (to: Parameters<typeof transitionVideo>[2]) =>
      db.transaction(async (tx) => {
        const video = await lockVideo(tx, video_id, tenantId);
        if (!video) throw new Error('the video is missing');
        return transitionVideo(tx, video, to);
      });
    await expect(move({ to: 'ready' })).rejects.toMatchObject({
      status: 409,
      code: 'invalid_video_status',
    });
    const failed = { to: 'failed', code: 'test_failure', message: 'Failed by a test' } as const;
    expect(await move(failed)).toBe(true);
    expect(await move(failed)).toBe(false);
    expect(await sdk.videos.get(video_id)).toMatchObject({
      status: 'failed',
      error: { code: 'test_failure', message: 'Failed by a test' },
    });
    expect(await outboxCount('video.failed', video_id)).toBe(1);
    await expect(move({ to: 'processing' })).rejects.toMatchObject({ status: 409 });
  });
});

describe('an upload status moves only through transitionUpload, along its table', () => {
  it('refuses a move the table has no arrow for, and a repeated move changes nothing', async () => {
    const { upload_id } = await newUpload();
    const move = (to: Parameters<typeof transitionUpload>[2]) =>
      db.transaction(async (tx) => {
        const upload = await lockUpload(tx, tenantId, upload_id);
        if (!upload) throw new Error('the upload is missing');
        return transitionUpload(tx, upload, to);
      });
    expect((await move({ to: 'aborted' })).status).toBe('aborted');
    expect((await move({ to: 'aborted' })).status).toBe('aborted');
    await expect(move({ to: 'completed', sha256: 'a'.repeat(64) })).rejects.toMatchObject({
      status: 409,
      code: 'invalid_upload_status',
    });
    expect((await sdk.uploads.get(upload_id)).status).toBe('aborted');
  });
});

describe('no other writer of a status', () => {
  it('keeps a status write out of the general helpers (checked by the type-check step)', () => {
    // Built, never called: each line compiles only because it is expected to fail to.
    const writesElsewhere = [
      (videoId: string) =>
        // @ts-expect-error setVideo changes anything but the status
        setVideo(db, videoId, { status: 'ready', publishedAt: new Date() }),
      (videoId: string, change: { status: 'failed'; errorCode: string }) =>
        // @ts-expect-error nor through a variable, where no excess-property check applies
        setVideo(db, videoId, change),
      (video: NewVideo) =>
        // @ts-expect-error a new video starts waiting for its upload, whatever its inserter wants
        insertVideo(db, { ...video, status: 'ready' }),
      (uploadId: string) =>
        // @ts-expect-error setUpload changes anything but the status
        setUpload(db, uploadId, { status: 'completed', completedAt: new Date() }),
      (uploadId: string, change: { status: 'aborted' }) =>
        // @ts-expect-error nor through a variable
        setUpload(db, uploadId, change),
      (upload: NewUpload) =>
        // @ts-expect-error a new upload starts pending
        insertUpload(db, { ...upload, status: 'completed' }),
    ];
    const allowed: [VideoChange, UploadChange] = [
      { title: 'still fine' },
      { completingUntil: null },
    ];
    expect(writesElsewhere).toHaveLength(6);
    expect(allowed).toHaveLength(2);
  });

  it('leaves the raw status writers to the transition functions alone', async () => {
    const src = join(import.meta.dirname, '../../src');
    const importers: string[] = [];
    for (const entry of await readdir(src, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !entry.name.endsWith('.ts')) continue;
      const path = join(entry.parentPath, entry.name);
      const text = await readFile(path, 'utf8');
      if (/\bwrite(Video|Upload)Status\b/.test(text)) importers.push(relative(src, path));
    }
    expect(importers.sort()).toEqual([
      'app/uploads/transition-upload.ts',
      'app/videos/transition-video.ts',
      'db/uploads.ts',
      'db/videos.ts',
    ]);
  });
});
