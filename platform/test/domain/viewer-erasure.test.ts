import { describe, expect, it } from 'vitest';
import { erasureAfterBatch } from '../../src/domain/viewer-erasure.js';

describe('erasureAfterBatch', () => {
  it('runs while a batch was full, finishes when none was, and never leaves done', () => {
    expect(erasureAfterBatch('pending', true)).toBe('running');
    expect(erasureAfterBatch('pending', false)).toBe('done');
    expect(erasureAfterBatch('running', true)).toBe('running');
    expect(erasureAfterBatch('running', false)).toBe('done');
    expect(erasureAfterBatch('done', true)).toBeUndefined();
    expect(erasureAfterBatch('done', false)).toBeUndefined();
  });
});
