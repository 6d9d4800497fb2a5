import { describe, expect, it } from 'vitest';
import type { MediaProbe } from '../../src/domain/media-checks.js';
import { probedInput } from '../../src/domain/processing-stages.js';

const probe = (over: Partial<MediaProbe> = {}): MediaProbe => ({
  formatName: 'mov,mp4,m4a,3gp,3g2,mj2',
  durationSec: 10,
  video: { codec: 'h264', width: 1920, height: 1080, rotation: 0, fps: 29.97 },
  hasAudio: true,
  audioCodec: 'aac',
  ...over,
});

describe('what the probed stage says about an input', () => {
  it('has nothing to note about a standard camera file', () => {
    expect(probedInput(probe())).toEqual({
      container: 'mov,mp4,m4a,3gp,3g2,mj2',
      duration_sec: 10,
      width: 1920,
      height: 1080,
      video_codec: 'h264',
      audio_codec: 'aac',
      fps: 29.97,
      rotation: 0,
      notes: [],
    });
  });

  it('notes rotation, odd sizes and frame rates, rare codecs and a missing audio track', () => {
    const odd = probedInput(
      probe({
        video: { codec: 'mpeg4', width: 425, height: 317, rotation: 90, fps: 12.5 },
        hasAudio: false,
        audioCodec: null,
      }),
    );
    expect(odd.notes).toEqual([
      'Rotated 90°: displayed turned.',
      'Unusual frame rate: 12.5 fps.',
      'Uncommon video codec: mpeg4.',
      'Odd frame dimensions.',
      'No audio stream.',
    ]);
    expect(odd.audio_codec).toBeNull();
  });

  it('keeps what it cannot know as null rather than guessing', () => {
    const bare = probedInput(
      probe({ video: null, durationSec: null, hasAudio: false, audioCodec: null }),
    );
    expect(bare).toMatchObject({
      width: null,
      height: null,
      video_codec: null,
      fps: null,
      duration_sec: null,
    });
    const noRate = probedInput(
      probe({ video: { codec: 'h264', width: 640, height: 360, rotation: 0, fps: null } }),
    );
    expect(noRate.notes).toEqual(['No declared frame rate.']);
  });
});
