import { createHash, randomBytes } from 'node:crypto';
import { request } from 'node:http';
import type { Reel } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mediaKeys } from '../../src/domain/media-keys.js';
import { type Harness, startHarness } from '../support/harness.js';

const MiB = 1024 * 1024;
/** One part, big enough that two PUTs of it are still writing when the other starts. */
const PART_BYTES = 16 * MiB;

let harness: Harness;
let sdk: Reel;

beforeAll(async () => {
  harness = await startHarness({ roles: ['relay'] });
  sdk = (await harness.tenant()).sdk;
});
afterAll(() => harness?.stop());

const md5 = (bytes: Uint8Array) => createHash('md5').update(bytes).digest('hex');
const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const oneLargePart = () =>
  sdk.uploads.create({
    filename: 'race.mp4',
    size_bytes: PART_BYTES,
    mime: 'video/mp4',
    part_size_bytes: PART_BYTES,
  });

async function storedOriginal(uploadId: string): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of await harness.reel.ctx.store.read(mediaKeys.original(uploadId)))
    chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Sends `sent` of a body announced as `length` bytes, then drops the connection. */
function cutOffPut(url: string, length: number, sent: Buffer): Promise<void> {
  return new Promise((resolve) => {
    const put = request(url, { method: 'PUT', headers: { 'content-length': length } });
    put.on('error', () => resolve());
    put.on('response', () => resolve());
    put.write(sent, () => put.destroy());
  });
}

describe('one part number holds one whole part', () => {
  it('two PUTs of different bytes at once: one listed, stored whole, and it completes', async () => {
    for (let round = 0; round < 3; round++) {
      const upload = await oneLargePart();
      const url = upload.parts[0]?.url ?? '';
      const bodies = [randomBytes(PART_BYTES), randomBytes(PART_BYTES)];
      const answers = await Promise.all(bodies.map((body) => fetch(url, { method: 'PUT', body })));
      expect(answers.map((a) => a.status)).toEqual([200, 200]);

      const listed = await sdk.uploads.listParts(upload.upload_id).all();
      expect(listed).toHaveLength(1);
      const winner = bodies.find((body) => md5(body) === listed[0]?.etag);
      expect(winner).toBeDefined();
      expect(listed[0]?.size_bytes).toBe(PART_BYTES);

      const done = await sdk.uploads.complete(upload.upload_id, { sha256: sha(winner as Buffer) });
      expect(done.status).toBe('processing');
      expect((await storedOriginal(upload.upload_id)).equals(winner as Buffer)).toBe(true);
    }
  });

  it('a PUT cut off mid-body leaves no part listed, and the part can be sent again', async () => {
    const upload = await oneLargePart();
    const url = upload.parts[0]?.url ?? '';
    const body = randomBytes(PART_BYTES);
    await cutOffPut(url, PART_BYTES, body.subarray(0, 3 * MiB));
    expect(await sdk.uploads.listParts(upload.upload_id).all()).toEqual([]);
    expect((await fetch(url, { method: 'PUT', body })).status).toBe(200);
    const listed = await sdk.uploads.listParts(upload.upload_id).all();
    expect(listed.map((p) => [p.part_number, p.etag])).toEqual([[1, md5(body)]]);
    const done = await sdk.uploads.complete(upload.upload_id, { sha256: sha(body) });
    expect(done.status).toBe('processing');
    expect((await storedOriginal(upload.upload_id)).equals(body)).toBe(true);
  });

  it('a PUT while a complete request holds the upload is refused, and the file kept is the one checked', async () => {
    const upload = await oneLargePart();
    const url = upload.parts[0]?.url ?? '';
    const body = randomBytes(PART_BYTES);
    expect((await fetch(url, { method: 'PUT', body })).status).toBe(200);
    // As if another complete were hashing the file right now.
    const claim = (interval: string) =>
      harness.reel.ctx.database.pool.query(
        'update uploads set completing_until = now() + $2::interval where id = $1',
        [upload.upload_id, interval],
      );
    await claim('1 minute');
    const refused = await fetch(url, { method: 'PUT', body: randomBytes(PART_BYTES) });
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'upload_completing' });
    await claim('-1 second');
    const done = await sdk.uploads.complete(upload.upload_id, { sha256: sha(body) });
    expect(done.status).toBe('processing');
    expect((await storedOriginal(upload.upload_id)).equals(body)).toBe(true);
  });
});
