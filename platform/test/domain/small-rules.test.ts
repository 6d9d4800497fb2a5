import { describe, expect, it } from 'vitest';
import { hashApiKey, looksLikeApiKey, newApiKey } from '../../src/domain/api-keys.js';
import { parseRange } from '../../src/domain/byte-range.js';
import { ReelError } from '../../src/domain/errors.js';
import { planStoryboard, storyboardVtt } from '../../src/domain/storyboard.js';
import { checkUrlSignature, signUrl } from '../../src/domain/url-signature.js';
import {
  awaitsEncode,
  canMove,
  mustMove,
  outcomeUnderTakedown,
  restoredStatus,
  takenDownFrom,
} from '../../src/domain/video-status.js';

describe('video state machine', () => {
  it('moves forward only', () => {
    expect(canMove('waiting_for_upload', 'processing')).toBe(true);
    expect(canMove('ready', 'processing')).toBe(false);
    expect(() => mustMove('failed', 'ready')).toThrow(ReelError);
  });
  it('treats a repeated transition as a no-op', () => {
    expect(mustMove('ready', 'ready')).toBe(false);
  });
  it('takes down a video that plays or waits to be published, and restores it to the status it had', () => {
    for (const from of ['ready', 'transcoded', 'playable'] as const) {
      expect(canMove(from, 'taken_down')).toBe(true);
      expect(restoredStatus(takenDownFrom(from))).toBe(from);
    }
    for (const from of ['waiting_for_upload', 'processing', 'failed'] as const) {
      expect(() => mustMove(from, 'taken_down')).toThrow(ReelError);
    }
    expect(mustMove('taken_down', 'taken_down')).toBe(false);
    // Only a restore leaves a takedown.
    for (const to of ['ready', 'transcoded', 'playable', 'failed'] as const) {
      expect(canMove('taken_down', to)).toBe(false);
    }
    expect(restoredStatus(null)).toBe('ready');
    expect(restoredStatus('garbage\u0000')).toBe('ready');
  });
  it('keeps what the encode of a video taken down while playable made of it, for the restore', () => {
    const midEncode = { status: 'taken_down', statusBeforeTakedown: 'playable' } as const;
    expect(awaitsEncode(midEncode)).toBe(true);
    expect(outcomeUnderTakedown(midEncode, 'ready')).toBe('ready');
    expect(outcomeUnderTakedown(midEncode, 'transcoded')).toBe('transcoded');
    expect(outcomeUnderTakedown(midEncode, 'failed')).toBe('failed');
    expect(outcomeUnderTakedown(midEncode, 'taken_down')).toBeUndefined();
    expect(restoredStatus('failed')).toBe('failed');
    // Once it has an outcome, or was taken down once encoded, the encode has nothing to add.
    for (const before of ['ready', 'transcoded', 'failed'] as const) {
      const settled = { status: 'taken_down', statusBeforeTakedown: before } as const;
      expect(awaitsEncode(settled)).toBe(false);
      expect(outcomeUnderTakedown(settled, 'ready')).toBeUndefined();
    }
    const playing = { status: 'playable', statusBeforeTakedown: null } as const;
    expect(awaitsEncode(playing)).toBe(true);
    expect(outcomeUnderTakedown(playing, 'ready')).toBeUndefined();
  });
});

describe('byte ranges', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=100-', { start: 100, end: 999 }],
    ['bytes=-10', { start: 990, end: 999 }],
    ['bytes=900-5000', { start: 900, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=0-1,5-6', undefined],
    ['items=0-1', undefined],
  ])('%s', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

describe('URL signatures', () => {
  const now = 1_800_000_000;
  it('accepts its own signature until it expires', () => {
    const sig = signUrl('s', 'PUT', '/a', now + 10);
    expect(checkUrlSignature('s', 'PUT', '/a', now + 10, sig, now)).toBe('valid');
    expect(checkUrlSignature('s', 'PUT', '/a', now + 10, sig, now + 11)).toBe('expired');
  });
  it('refuses another path, method, expiry or secret', () => {
    const sig = signUrl('s', 'PUT', '/a', now + 10);
    expect(checkUrlSignature('s', 'PUT', '/b', now + 10, sig, now)).toBe('invalid');
    expect(checkUrlSignature('s', 'GET', '/a', now + 10, sig, now)).toBe('invalid');
    expect(checkUrlSignature('s', 'PUT', '/a', now + 99, sig, now)).toBe('invalid');
    expect(checkUrlSignature('t', 'PUT', '/a', now + 10, sig, now)).toBe('invalid');
  });
});

describe('API keys', () => {
  it('have a scannable prefix and a checksum, and are stored hashed', () => {
    const key = newApiKey();
    expect(key).toMatch(/^reel_sk_[A-Za-z0-9_-]{43}[0-9a-f]{8}$/);
    expect(looksLikeApiKey(key)).toBe(true);
    expect(hashApiKey(key)).not.toContain(key);
  });
  it('tells a leaked key from noise by its checksum', () => {
    const key = newApiKey();
    const typo = `${key.slice(0, 10)}${key[10] === 'a' ? 'b' : 'a'}${key.slice(11)}`;
    expect(looksLikeApiKey(typo)).toBe(false);
    expect(looksLikeApiKey(`reel_sk_${'x'.repeat(51)}`)).toBe(false);
  });
});

describe('storyboard', () => {
  it('caps the tile count and maps each time range to its tile', () => {
    const plan = planStoryboard(1920, 1080, 1000);
    expect(plan.tiles).toBeLessThanOrEqual(100);
    const vtt = storyboardVtt(plan, 1000, 'storyboard.jpg');
    expect(vtt.split('\n').filter((l) => l.includes('-->'))).toHaveLength(plan.tiles);
    expect(vtt).toContain('00:00:10.000 --> 00:00:20.000\nstoryboard.jpg#xywh=160,0,160,90');
  });
});
