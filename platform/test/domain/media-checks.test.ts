import { describe, expect, it } from 'vitest';
import { checkSource, isRejection, type MediaProbe } from '../../src/domain/media-checks.js';

const limits = { maxPixels: 4096 * 4096, maxDurationSec: 3600 };
const probe = (over: Partial<MediaProbe> = {}): MediaProbe => ({
  formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationSec: 10,
  video: { codec: 'h264', width: 1920, height: 1080, rotation: 0, fps: 30 },
  hasAudio: true,
  audioCodec: 'aac',
  ...over,
});
const code = (p: MediaProbe) => {
  const result = checkSource(p, limits);
  return isRejection(result) ? result.code : 'accepted';
};

describe('checkSource', () => {
  it('accepts an ordinary MP4 and picks the mov demuxer', () => {
    expect(checkSource(probe(), limits)).toMatchObject({
      demuxer: 'mov',
      width: 1920,
      height: 1080,
    });
  });
  it('swaps width and height for a quarter turn', () => {
    expect(
      checkSource(
        probe({ video: { codec: 'h264', width: 1920, height: 1080, rotation: -90, fps: 30 } }),
        limits,
      ),
    ).toMatchObject({ width: 1080, height: 1920 });
  });
  it('refuses playlists and concat lists that could point at other files', () => {
    expect(code(probe({ formatName: 'hls' }))).toBe('unsupported_format');
    expect(code(probe({ formatName: 'concat' }))).toBe('unsupported_format');
    expect(code(probe({ formatName: 'image2' }))).toBe('unsupported_format');
  });
  it('refuses audio alone, pixel bombs, endless and tiny videos', () => {
    expect(code(probe({ video: null }))).toBe('no_video_stream');
    expect(
      code(probe({ video: { codec: 'png', width: 20000, height: 20000, rotation: 0, fps: 1 } })),
    ).toBe('too_many_pixels');
    expect(code(probe({ durationSec: 7200 }))).toBe('too_long');
    expect(code(probe({ durationSec: null }))).toBe('no_duration');
    expect(
      code(probe({ video: { codec: 'h264', width: 8, height: 8, rotation: 0, fps: 30 } })),
    ).toBe('too_small');
  });
});
