import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { LocalDiskStore } from '../../src/adapters/object-store/local-disk.js';
import { until } from '../support/polling.js';

const MiB = 1024 * 1024;

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

describe('local disk completion and part writes', () => {
  it('waits for a part write under way, refuses writes that start meanwhile, keeps what it hashed', async () => {
    const store = new LocalDiskStore(
      await mkdtemp(join(tmpdir(), 'reel-objects-')),
      'http://127.0.0.1:1',
      'secret',
    );
    const key = `raw-uploads/${randomUUID()}/original`;
    const multipartId = await store.createMultipart(key, randomUUID());
    const parts = [randomBytes(5 * MiB), randomBytes(2 * MiB)] as const;
    const send = (n: 1 | 2, body?: Readable) => {
      const bytes = parts[n - 1] as Buffer;
      return store.receivePart(multipartId, n, body ?? Readable.from([bytes]), {
        offset: (n - 1) * 5 * MiB,
        bytes: bytes.length,
      });
    };
    await send(1);
    await send(2);
    const listed = await store.listParts(key, multipartId);

    // Part 2 sent again, slowly: half of it is on its way when completing starts.
    const slow = new PassThrough();
    const resend = send(2, slow);
    slow.write(parts[1].subarray(0, MiB));
    await until('the resend to be writing', async () =>
      (await store.listParts(key, multipartId)).every((p) => p.partNumber !== 2),
    );
    const completing = store.completeMultipart(key, multipartId, listed);

    // A write that starts now is refused; until completing has begun, it just stores part 1 again.
    const refused = await until('a part write to be refused', () =>
      send(1).then(
        () => undefined,
        (error: unknown) => error,
      ),
    );
    expect(refused).toMatchObject({ status: 409, code: 'upload_completing' });

    slow.end(parts[1].subarray(MiB));
    expect((await resend).etag).toBe(listed[1]?.etag);
    const whole = Buffer.concat(parts);
    expect(await completing).toEqual({
      size: whole.length,
      sha256: createHash('sha256').update(whole).digest('hex'),
    });
    expect((await readAll(await store.read(key))).equals(whole)).toBe(true);
  });

  const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

  async function upload(store: LocalDiskStore) {
    const key = `raw-uploads/${randomUUID()}/original`;
    const multipartId = await store.createMultipart(key, randomUUID());
    const send = (n: number, bytes: Buffer) =>
      store.receivePart(multipartId, n, Readable.from([bytes]), {
        offset: (n - 1) * 5 * MiB,
        bytes: bytes.length,
      });
    return { key, multipartId, send };
  }

  const newStore = async (root?: string) =>
    new LocalDiskStore(
      root ?? (await mkdtemp(join(tmpdir(), 'reel-objects-'))),
      'http://127.0.0.1:1',
      'secret',
    );

  it('hashes parts that arrive out of order to the SHA-256 of the whole file', async () => {
    const store = await newStore();
    const { key, multipartId, send } = await upload(store);
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB), randomBytes(3 * MiB)];
    await Promise.all([send(3, parts[2] as Buffer), send(2, parts[1] as Buffer)]);
    await send(1, parts[0] as Buffer);
    const whole = Buffer.concat(parts);
    const listed = await store.listParts(key, multipartId);
    expect(await store.completeMultipart(key, multipartId, listed)).toEqual({
      size: whole.length,
      sha256: sha256(whole),
    });
    expect((await readAll(await store.read(key))).equals(whole)).toBe(true);
  });

  it('answers the hash of the bytes kept when a part is sent again with other bytes', async () => {
    const store = await newStore();
    const { key, multipartId, send } = await upload(store);
    const first = randomBytes(5 * MiB);
    const second = randomBytes(2 * MiB);
    await send(1, first);
    await send(2, second);
    const replaced = randomBytes(5 * MiB);
    await send(1, replaced);
    const listed = await store.listParts(key, multipartId);
    const kept = Buffer.concat([replaced, second]);
    expect(await store.completeMultipart(key, multipartId, listed)).toEqual({
      size: kept.length,
      sha256: sha256(kept),
    });
  });

  it('hashes the whole file when another process received the parts', async () => {
    const root = await mkdtemp(join(tmpdir(), 'reel-objects-'));
    const receiver = await newStore(root);
    const { key, multipartId, send } = await upload(receiver);
    const parts = [randomBytes(5 * MiB), randomBytes(MiB)];
    await send(1, parts[0] as Buffer);
    await send(2, parts[1] as Buffer);
    const completer = await newStore(root);
    const listed = await completer.listParts(key, multipartId);
    const whole = Buffer.concat(parts);
    expect(await completer.completeMultipart(key, multipartId, listed)).toEqual({
      size: whole.length,
      sha256: sha256(whole),
    });
  });
});
