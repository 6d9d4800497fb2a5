import { describe, expect, it } from 'vitest';
import {
  decodeFingerprint,
  encodeFingerprint,
  FLAT_FRAME,
  FRAME_SIDE,
  fingerprintOf,
  frameHash,
  matchFingerprint,
} from '../../src/domain/perceptual-fingerprint.js';

/** A grey frame whose pattern depends on `seed`: stripes at an angle and a spacing of its own. */
function frame(seed: number, brightness = 0) {
  const grey = new Uint8Array(FRAME_SIDE * FRAME_SIDE);
  for (let y = 0; y < FRAME_SIDE; y++) {
    for (let x = 0; x < FRAME_SIDE; x++) {
      const wave = Math.sin((x * Math.cos(seed) + y * Math.sin(seed)) / (1 + (seed % 5)));
      grey[y * FRAME_SIDE + x] = Math.max(0, Math.min(255, 128 + 100 * wave + brightness));
    }
  }
  return grey;
}

const sequence = (seeds: number[], brightness = 0) =>
  seeds.map((seed) => frameHash(frame(seed, brightness)));

describe('perceptual fingerprints', () => {
  it('gives a flat frame no hash, and a brighter copy of a frame the same one', () => {
    expect(frameHash(new Uint8Array(FRAME_SIDE * FRAME_SIDE).fill(17))).toBe(FLAT_FRAME);
    expect(frameHash(frame(3, 20))).toBe(frameHash(frame(3)));
    expect(frameHash(frame(3))).not.toBe(frameHash(frame(4)));
    expect(() => frameHash(new Uint8Array(10))).toThrow();
  });

  it('matches a trimmed copy at its offset, and not another sequence', () => {
    const blocked = sequence([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const trimmed = sequence([4, 5, 6, 7, 8, 9, 10], 15);
    expect(matchFingerprint(trimmed, blocked)).toMatchObject({ offsetFrames: 3, close: 7 });
    expect(matchFingerprint(sequence([21, 22, 23, 24, 25, 26]), blocked)).toBeUndefined();
    // Too little in common (under 2 s) is no match, nor are flat frames.
    expect(matchFingerprint(sequence([9, 10]), blocked)).toBeUndefined();
    expect(
      matchFingerprint(
        [FLAT_FRAME, FLAT_FRAME, FLAT_FRAME, FLAT_FRAME, FLAT_FRAME],
        [FLAT_FRAME, FLAT_FRAME, FLAT_FRAME, FLAT_FRAME, FLAT_FRAME],
      ),
    ).toBeUndefined();
    expect(matchFingerprint([], blocked)).toBeUndefined();
  });

  it('stores hashes as 8 bytes each and reads them back', () => {
    const hashes = [...sequence([1, 2]), FLAT_FRAME, 2n ** 64n - 1n];
    expect(decodeFingerprint(encodeFingerprint(hashes))).toEqual(hashes);
    const frames = new Uint8Array(FRAME_SIDE * FRAME_SIDE * 2 + 5);
    frames.set(frame(1));
    expect(fingerprintOf(frames)).toEqual([frameHash(frame(1)), FLAT_FRAME]);
  });
});
