import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LocalDiskStore } from '../../src/adapters/object-store/local-disk.js';
import { objectStoreContract } from './object-store-contract.js';

const MiB = 1024 * 1024;

async function localDisk() {
  const root = await mkdtemp(join(tmpdir(), 'reel-objects-'));
  return new LocalDiskStore(root, 'http://127.0.0.1:1', 'secret');
}

objectStoreContract('local disk', localDisk);

/** A body that sends `bytes`, then fails as a dropped connection does. */
function cutOff(bytes: Buffer): Readable {
  return Readable.from(
    (async function* () {
      yield bytes;
      throw new Error('connection reset');
    })(),
  );
}

describe('local disk parts', () => {
  it('stores parts sent all at once in place, and keeps nothing of a part cut short', async () => {
    const store = await localDisk();
    const key = `raw-uploads/${randomUUID()}/original`;
    const multipartId = await store.createMultipart(key, randomUUID());
    const parts = [
      randomBytes(5 * MiB),
      randomBytes(5 * MiB),
      randomBytes(5 * MiB),
      randomBytes(7),
    ];
    const send = (n: number, body?: Readable) => {
      const bytes = parts[n - 1] as Buffer;
      return store.receivePart(multipartId, n, body ?? Readable.from([bytes]), {
        offset: (n - 1) * 5 * MiB,
        bytes: bytes.length,
      });
    };
    // A part cut short is not stored, and a resend cut short unstores the copy it overwrote.
    await expect(send(4, cutOff(Buffer.alloc(3)))).rejects.toThrow('connection reset');
    await send(1);
    await send(2);
    await expect(send(2, cutOff((parts[1] as Buffer).subarray(0, MiB)))).rejects.toThrow(
      'connection reset',
    );
    await expect(send(3, Readable.from([(parts[2] as Buffer).subarray(1)]))).rejects.toMatchObject({
      status: 400,
      code: 'part_size_mismatch',
    });
    await expect(
      send(4, Readable.from([Buffer.concat([parts[3] as Buffer, Buffer.alloc(1)])])),
    ).rejects.toMatchObject({ status: 413, code: 'part_too_large' });
    expect((await store.listParts(key, multipartId)).map((p) => p.partNumber)).toEqual([1]);

    await Promise.all([1, 2, 3, 4].map((n) => send(n)));
    const listed = await store.listParts(key, multipartId);
    expect(listed.map((p) => [p.partNumber, p.sizeBytes])).toEqual([
      [1, 5 * MiB],
      [2, 5 * MiB],
      [3, 5 * MiB],
      [4, 7],
    ]);
    const whole = Buffer.concat(parts);
    expect(await store.completeMultipart(key, multipartId, listed)).toEqual({
      size: whole.length,
      sha256: createHash('sha256').update(whole).digest('hex'),
    });
  });

  it('takes no parts once the multipart upload is gone', async () => {
    const store = await localDisk();
    const key = `raw-uploads/${randomUUID()}/original`;
    const multipartId = await store.createMultipart(key, randomUUID());
    await store.abortMultipart(key, multipartId);
    for (const n of [1, 2]) {
      await expect(
        store.receivePart(multipartId, n, Readable.from([Buffer.alloc(10)]), {
          offset: (n - 1) * 10,
          bytes: 10,
        }),
      ).rejects.toMatchObject({ status: 409, code: 'upload_not_pending' });
    }
  });
});
