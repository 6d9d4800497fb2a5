import { createHash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/checksum.js';

describe('sha256Hex', () => {
  it('hashes a file slice by slice to the same digest as hashing it whole', async () => {
    const bytes = randomBytes(1_000_003);
    const expected = createHash('sha256').update(bytes).digest('hex');
    const seen: number[] = [];
    const digest = await sha256Hex(new Blob([new Uint8Array(bytes)]), {
      sliceBytes: 65_536,
      onProgress: (n) => seen.push(n),
    });
    expect(digest).toBe(expected);
    expect(seen.at(-1)).toBe(bytes.length);
    expect(seen.length).toBe(Math.ceil(bytes.length / 65_536));
  });

  it('hashes an empty file and stops when aborted', async () => {
    expect(await sha256Hex(new Blob([]))).toBe(createHash('sha256').digest('hex'));
    const controller = new AbortController();
    controller.abort();
    await expect(
      sha256Hex(new Blob([new Uint8Array(10)]), { signal: controller.signal }),
    ).rejects.toThrow();
  });
});
