import { describe, expect, it } from 'vitest';
import { choosePlaybackEngine } from '../../src/playback-engine.js';
import { playbackUrls } from '../../src/playback-urls.js';

describe('playbackUrls', () => {
  it('builds the public playback routes, ignoring a trailing slash on the API URL', () => {
    const urls = playbackUrls('http://127.0.0.1:4000/', 'vid_123');
    expect(urls.manifest).toBe('http://127.0.0.1:4000/v1/videos/vid_123/manifest.m3u8');
    expect(urls.thumbnail('medium')).toBe(
      'http://127.0.0.1:4000/v1/videos/vid_123/thumbnails/medium',
    );
    expect(urls.storyboardVtt).toBe('http://127.0.0.1:4000/v1/videos/vid_123/storyboard.vtt');
  });

  it('puts the token on the manifest request only', () => {
    const urls = playbackUrls('https://video.example.com/api', 'vid_1', 'a.b+c/d=');
    expect(urls.manifest).toBe(
      'https://video.example.com/api/v1/videos/vid_1/manifest.m3u8?token=a.b%2Bc%2Fd%3D',
    );
    expect(urls.thumbnail('small')).not.toContain('token');
    expect(urls.storyboardVtt).not.toContain('token');
  });

  it('escapes the video id so it cannot change the path', () => {
    expect(playbackUrls('http://x', '../admin?').manifest).toBe(
      'http://x/v1/videos/..%2Fadmin%3F/manifest.m3u8',
    );
  });
});

describe('choosePlaybackEngine', () => {
  const chromium = { nativeHls: false, mediaSource: true, appleWebKit: false };

  it('uses native HLS on Safari and where there is no MSE', () => {
    expect(choosePlaybackEngine({ nativeHls: true, mediaSource: true, appleWebKit: true })).toBe(
      'native',
    );
    expect(choosePlaybackEngine({ nativeHls: true, mediaSource: false, appleWebKit: false })).toBe(
      'native',
    );
  });

  it('uses hls.js on MSE browsers, even Chromium builds that answer canPlayType for HLS', () => {
    expect(choosePlaybackEngine(chromium)).toBe('hls.js');
    expect(choosePlaybackEngine({ ...chromium, nativeHls: true })).toBe('hls.js');
  });

  it('follows prefer-playback when the preferred engine exists', () => {
    expect(choosePlaybackEngine({ ...chromium, nativeHls: true, preference: 'native' })).toBe(
      'native',
    );
    expect(choosePlaybackEngine({ ...chromium, preference: 'native' })).toBe('hls.js');
    expect(
      choosePlaybackEngine({
        nativeHls: true,
        mediaSource: true,
        appleWebKit: true,
        preference: 'mse',
      }),
    ).toBe('hls.js');
  });

  it('has nothing to play with when neither exists', () => {
    expect(choosePlaybackEngine({ nativeHls: false, mediaSource: false, appleWebKit: false })).toBe(
      'none',
    );
  });
});
