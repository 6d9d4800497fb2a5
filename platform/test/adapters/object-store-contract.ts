import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { type ObjectStore, receivesParts } from '../../src/ports/object-store.js';

const MiB = 1024 * 1024;
/** Every part but the last is this big, as the upload routes plan them here. */
const PART_BYTES = 5 * MiB;

async function text(stream: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function* chunks(bytes: Buffer, size: number) {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

/** Sends one part the way a client does: PUT to the signed URL (or through the receiver). */
async function sendPart(
  store: ObjectStore,
  uploadId: string,
  multipartId: string,
  n: number,
  bytes: Buffer,
) {
  if (receivesParts(store))
    // In 64 KiB chunks, as a socket delivers them, so two sends of one part can interleave.
    return store.receivePart(multipartId, n, Readable.from(chunks(bytes, 64 * 1024)), {
      offset: (n - 1) * PART_BYTES,
      bytes: bytes.length,
    });
  const response = await fetch(
    store.signPartUrl(uploadId, multipartId, n, new Date(Date.now() + 60_000)),
    {
      method: 'PUT',
      body: bytes,
    },
  );
  expect(response.ok).toBe(true);
  return {
    partNumber: n,
    sizeBytes: bytes.length,
    etag: (response.headers.get('etag') ?? '').replaceAll('"', ''),
  };
}

/** What every ObjectStore adapter must do; run against each one. */
export function objectStoreContract(name: string, makeStore: () => Promise<ObjectStore>) {
  describe(`ObjectStore contract: ${name}`, () => {
    it('assembles parts sent out of order into one object with its SHA-256', async () => {
      const store = await makeStore();
      const uploadId = randomUUID();
      const key = `raw-uploads/${uploadId}/original`;
      const multipartId = await store.createMultipart(key, uploadId);
      const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(1234)];
      await sendPart(store, uploadId, multipartId, 3, parts[2] as Buffer);
      await sendPart(store, uploadId, multipartId, 1, parts[0] as Buffer);
      await sendPart(store, uploadId, multipartId, 2, parts[1] as Buffer);
      const listed = await store.listParts(key, multipartId);
      expect(listed.map((p) => [p.partNumber, p.sizeBytes])).toEqual([
        [1, 5 * MiB],
        [2, 5 * MiB],
        [3, 1234],
      ]);
      expect(listed[0]?.etag).toBe(
        createHash('md5')
          .update(parts[0] as Buffer)
          .digest('hex'),
      );
      const whole = Buffer.concat(parts);
      const done = await store.completeMultipart(key, multipartId, listed);
      expect(done).toEqual({
        size: whole.length,
        sha256: createHash('sha256').update(whole).digest('hex'),
      });
      expect((await store.head(key))?.size).toBe(whole.length);
    });

    it('replaces a part sent twice', async () => {
      const store = await makeStore();
      const uploadId = randomUUID();
      const key = `raw-uploads/${uploadId}/original`;
      const multipartId = await store.createMultipart(key, uploadId);
      await sendPart(store, uploadId, multipartId, 1, Buffer.alloc(100, 1));
      const second = await sendPart(store, uploadId, multipartId, 1, Buffer.alloc(100, 2));
      const listed = await store.listParts(key, multipartId);
      expect(listed).toHaveLength(1);
      expect(listed[0]?.etag).toBe(second.etag);
    });

    it('keeps one whole copy of a part sent twice at once', async () => {
      const store = await makeStore();
      const uploadId = randomUUID();
      const key = `raw-uploads/${uploadId}/original`;
      const multipartId = await store.createMultipart(key, uploadId);
      const copies = [randomBytes(PART_BYTES), randomBytes(PART_BYTES)];
      await Promise.all(copies.map((bytes) => sendPart(store, uploadId, multipartId, 1, bytes)));
      const listed = await store.listParts(key, multipartId);
      expect(listed).toHaveLength(1);
      const kept = copies.find(
        (bytes) => createHash('md5').update(bytes).digest('hex') === listed[0]?.etag,
      );
      expect(kept).toBeDefined();
      const done = await store.completeMultipart(key, multipartId, listed);
      expect(done.sha256).toBe(
        createHash('sha256')
          .update(kept as Buffer)
          .digest('hex'),
      );
    });

    it('aborts: the parts are gone', async () => {
      const store = await makeStore();
      const uploadId = randomUUID();
      const key = `raw-uploads/${uploadId}/original`;
      const multipartId = await store.createMultipart(key, uploadId);
      await sendPart(store, uploadId, multipartId, 1, Buffer.alloc(10));
      await store.abortMultipart(key, multipartId);
      expect(await store.listParts(key, multipartId)).toEqual([]);
    });

    it('writes, reads ranges, copies locally and deletes by prefix', async () => {
      const store = await makeStore();
      const prefix = `transcoded/${randomUUID()}`;
      const scratch = await mkdtemp(join(tmpdir(), 'reel-store-'));
      const file = join(scratch, 'seg.m4s');
      await writeFile(file, 'abcdefghij');
      await store.putFile(`${prefix}/720p/seg.m4s`, file);
      await store.putText(`${prefix}/720p/index.m3u8`, '#EXTM3U\n');
      expect(await store.readText(`${prefix}/720p/index.m3u8`)).toBe('#EXTM3U\n');
      expect(await text(await store.read(`${prefix}/720p/seg.m4s`, { start: 2, end: 4 }))).toBe(
        'cde',
      );
      const info = await store.head(`${prefix}/720p/seg.m4s`);
      expect(info?.size).toBe(10);
      expect(info?.etag).toMatch(/\S+/);
      expect(await readFile(await store.localCopy(`${prefix}/720p/seg.m4s`, scratch), 'utf8')).toBe(
        'abcdefghij',
      );
      await store.deletePrefix(prefix);
      expect(await store.head(`${prefix}/720p/seg.m4s`)).toBeNull();
      expect(await store.head(`${prefix}/missing`)).toBeNull();
    });

    it('refuses keys that climb out of the store', async () => {
      const store = await makeStore();
      await expect(store.putText('../../outside.txt', 'x')).rejects.toThrow();
    });
  });
}
