import { describe, expect, it } from 'vitest';
import type { ReelError } from '../../src/domain/errors.js';
import { checkPartsComplete, expectedPartSize, planParts } from '../../src/domain/upload-parts.js';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

const errorOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error as ReelError;
  }
  throw new Error('expected an error');
};

describe('planParts', () => {
  it('uses 8 MiB parts by default', () => {
    expect(planParts(100 * MiB, 10 * GiB)).toEqual({ partSize: 8 * MiB, partCount: 13 });
  });
  it('grows parts so a huge file stays under 10,000 parts', () => {
    const plan = planParts(200 * GiB, 1024 * GiB);
    expect(plan.partCount).toBeLessThanOrEqual(10_000);
    expect(plan.partSize % MiB).toBe(0);
  });
  it('refuses a file over the limit with 413', () => {
    const error = errorOf(() => planParts(11 * GiB, 10 * GiB));
    expect(error.status).toBe(413);
    expect(error.code).toBe('upload_too_large');
  });
  it('gives the last part the remainder', () => {
    const plan = planParts(20 * MiB + 5, 10 * GiB);
    expect(expectedPartSize(20 * MiB + 5, plan, 3)).toBe(4 * MiB + 5);
    expect(expectedPartSize(20 * MiB + 5, plan, 1)).toBe(8 * MiB);
  });
});

describe('checkPartsComplete', () => {
  const size = 20 * MiB;
  const plan = { partSize: 8 * MiB, partCount: 3 };
  const part = (n: number, bytes: number) => ({ partNumber: n, sizeBytes: bytes, etag: `e${n}` });

  it('names the missing parts in a 409', () => {
    const error = errorOf(() => checkPartsComplete(size, plan, [part(2, 8 * MiB)]));
    expect(error.status).toBe(409);
    expect(error.details).toEqual({ missing_parts: [1, 3] });
  });
  it('refuses a part of the wrong size with 422', () => {
    const error = errorOf(() =>
      checkPartsComplete(size, plan, [part(1, 8 * MiB), part(2, 7 * MiB), part(3, 4 * MiB)]),
    );
    expect(error.status).toBe(422);
    expect(error.code).toBe('part_size_mismatch');
  });
  it('refuses an ETag the client did not see', () => {
    const stored = [part(1, 8 * MiB), part(2, 8 * MiB), part(3, 4 * MiB)];
    expect(() =>
      checkPartsComplete(size, plan, stored, [{ part_number: 1, etag: '"e1"' }]),
    ).not.toThrow();
    expect(
      errorOf(() => checkPartsComplete(size, plan, stored, [{ part_number: 1, etag: 'other' }]))
        .code,
    ).toBe('etag_mismatch');
  });
});
