import { describe, expect, it } from 'vitest';
import { choosePlaybackEngine } from '../../src/playback-engine.js';
import {
  liveManifestUrl,
  playbackUrls,
  streamSignatureIn,
  withStreamSignature,
} from '../../src/playback-urls.js';

describe('liveManifestUrl', () => {
  it("names the live stream's master playlist, with the token when there is one", () => {
    expect(liveManifestUrl('http://127.0.0.1:4000/', 'ls_1')).toBe(
      'http://127.0.0.1:4000/v1/live-streams/ls_1/manifest.m3u8',
    );
    expect(liveManifestUrl('https://video.example.com/api', 'ls/../x', 'a.b+c')).toBe(
      'https://video.example.com/api/v1/live-streams/ls%2F..%2Fx/manifest.m3u8?token=a.b%2Bc',
    );
  });
});

describe('playbackUrls', () => {
  it('builds the public playback routes, ignoring a trailing slash on the API URL', () => {
    const urls = playbackUrls('http://127.0.0.1:4000/', 'vid_123');
    expect(urls.manifest).toBe('http://127.0.0.1:4000/v1/videos/vid_123/manifest.m3u8');
    expect(urls.thumbnail('medium')).toBe(
      'http://127.0.0.1:4000/v1/videos/vid_123/thumbnails/medium',
    );
    expect(urls.storyboardVtt).toBe('http://127.0.0.1:4000/v1/videos/vid_123/storyboard.vtt');
  });

  it('puts the token on the manifests, thumbnail and storyboard requests', () => {
    const urls = playbackUrls('https://video.example.com/api', 'vid_1', 'a.b+c/d=');
    expect(urls.manifest).toBe(
      'https://video.example.com/api/v1/videos/vid_1/manifest.m3u8?token=a.b%2Bc%2Fd%3D',
    );
    expect(urls.dash).toBe(
      'https://video.example.com/api/v1/videos/vid_1/manifest.mpd?token=a.b%2Bc%2Fd%3D',
    );
    expect(urls.thumbnail('small')).toBe(
      'https://video.example.com/api/v1/videos/vid_1/thumbnails/small?token=a.b%2Bc%2Fd%3D',
    );
    expect(urls.storyboardVtt).toBe(
      'https://video.example.com/api/v1/videos/vid_1/storyboard.vtt?token=a.b%2Bc%2Fd%3D',
    );
  });

  it('escapes the video id so it cannot change the path', () => {
    expect(playbackUrls('http://x', '../admin?').manifest).toBe(
      'http://x/v1/videos/..%2Fadmin%3F/manifest.m3u8',
    );
  });
});

describe('stream signatures', () => {
  const master = [
    '#EXTM3U',
    '#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="aud",NAME="audio",URI="renditions/audio/index.m3u8?st=1700000600.0.sig-A_b"',
    '#EXT-X-STREAM-INF:BANDWIDTH=440000,RESOLUTION=320x180,AUDIO="aud"',
    'renditions/180p/index.m3u8?st=1700000600.0.sig-A_b',
  ].join('\n');

  it('reads the st Reel put on a signed master playlist, and nothing from a public one', () => {
    expect(streamSignatureIn(master)).toBe('1700000600.0.sig-A_b');
    expect(streamSignatureIn('#EXTM3U\nrenditions/180p/index.m3u8\n')).toBeUndefined();
  });

  it('swaps the st of a signed URI for a newer one and leaves other URLs alone', () => {
    const segment = 'http://x/v1/videos/v/renditions/180p/segments/seg_00003.m4s?st=1.0.old';
    expect(withStreamSignature(segment, '2.0.new')).toBe(
      'http://x/v1/videos/v/renditions/180p/segments/seg_00003.m4s?st=2.0.new',
    );
    expect(withStreamSignature(segment, undefined)).toBe(segment);
    const manifest = 'http://x/v1/videos/v/manifest.m3u8?token=jwt';
    expect(withStreamSignature(manifest, '2.0.new')).toBe(manifest);
    expect(withStreamSignature('not a url', '2.0.new')).toBe('not a url');
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
