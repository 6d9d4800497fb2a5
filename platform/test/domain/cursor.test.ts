import { describe, expect, it } from 'vitest';
import {
  decodeCursor,
  decodePartCursor,
  encodeCursor,
  encodePartCursor,
} from '../../src/domain/cursor.js';
import { ReelError } from '../../src/domain/errors.js';

describe('list cursors', () => {
  it('round-trips a position', () => {
    const position = {
      createdAt: '2026-01-02T03:04:05.678Z',
      id: '0b7a6c5e-1d2f-4a3b-8c9d-0e1f2a3b4c5d',
    };
    expect(decodeCursor(encodeCursor(position))).toEqual(position);
  });
  it.each([
    '',
    'not-base64!!',
    Buffer.from('{"a":1}').toString('base64url'),
    Buffer.from('["x","y"]').toString('base64url'),
    Buffer.from(`["2026-01-01T00:00:00Z","'; drop table videos; --"]`).toString('base64url'),
  ])('refuses a forged cursor %#', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(ReelError);
    try {
      decodeCursor(cursor);
    } catch (error) {
      expect((error as ReelError).status).toBe(400);
      expect((error as ReelError).code).toBe('invalid_cursor');
    }
  });
  it('round-trips a part cursor and refuses others', () => {
    expect(decodePartCursor(encodePartCursor(42))).toBe(42);
    expect(() => decodePartCursor('eA')).toThrow(ReelError);
  });
});
