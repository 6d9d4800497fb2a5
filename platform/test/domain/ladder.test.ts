import { describe, expect, it } from 'vitest';
import { chooseLadder } from '../../src/domain/ladder.js';

const sizes = (w: number, h: number) =>
  chooseLadder(w, h).map((r) => `${r.id} ${r.width}x${r.height}`);

describe('chooseLadder', () => {
  it('climbs to the source height for 1080p and stops there', () => {
    expect(sizes(1920, 1080)).toEqual([
      '240p 426x240',
      '360p 640x360',
      '480p 854x480',
      '720p 1280x720',
      '1080p 1920x1080',
    ]);
  });
  it('never goes past 2160p, even for 8K', () => {
    expect(chooseLadder(7680, 4320).at(-1)?.id).toBe('2160p');
  });
  it('uses the short side of portrait video and keeps it portrait', () => {
    expect(sizes(1080, 1920).slice(0, 2)).toEqual(['240p 240x426', '360p 360x640']);
  });
  it('never upscales: a 700-line source stops at 480p', () => {
    expect(chooseLadder(1244, 700).map((r) => r.id)).toEqual(['240p', '360p', '480p']);
  });
  it('keeps every dimension even', () => {
    for (const r of chooseLadder(853, 479)) {
      expect(r.width % 2).toBe(0);
      expect(r.height % 2).toBe(0);
    }
  });
  it('gives a tiny source one rendition at its own size', () => {
    expect(sizes(176, 144)).toEqual(['144p 176x144']);
  });
  it('raises the bitrate with the rung', () => {
    const kbps = chooseLadder(3840, 2160).map((r) => r.videoKbps);
    expect([...kbps].sort((a, b) => a - b)).toEqual(kbps);
  });
});
