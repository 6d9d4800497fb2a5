import { describe, expect, it } from 'vitest';
import { checkStream, type StreamGrant, signStream } from '../../src/domain/playback-tokens.js';

const SECRET = 'url-signing-secret';
const NOW = 1_800_000_000;
const KEY = '11111111-1111-4111-8111-111111111111';
const OTHER_KEY = '22222222-2222-4222-8222-222222222222';
const video = { kind: 'v', videoId: 'video-a', maxHeight: 0, keyId: KEY } as const;
const st = (grant: StreamGrant = video, expires = NOW + 60) => signStream(SECRET, grant, expires);

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    const { status, code } = error as { status: number; code: string };
    return { status, code };
  }
  return 'accepted';
};

describe('stream signatures (st)', () => {
  it('open the kind of resource, the video and the cap they were signed for', () => {
    const capped = st({ ...video, maxHeight: 360 });
    expect(
      checkStream(SECRET, capped, { resource: 'media', videoId: 'video-a' }, [KEY], NOW),
    ).toMatchObject({ kind: 'v', maxHeight: 360, keyId: KEY, expires: NOW + 60 });
    const sprite = st({ ...video, kind: 's' });
    expect(
      checkStream(SECRET, sprite, { resource: 'storyboard_image', videoId: 'video-a' }, [KEY], NOW)
        .kind,
    ).toBe('s');
  });

  it('refuse another kind, another video, a dead key, another secret and any edit', () => {
    const forbidden = { status: 403, code: 'invalid_stream_signature' };
    const media = { resource: 'media', videoId: 'video-a' } as const;
    const cases: [string, () => unknown][] = [
      [
        'a storyboard st on media',
        () => checkStream(SECRET, st({ ...video, kind: 's' }), media, [KEY], NOW),
      ],
      [
        'a video st on the sprite',
        () => checkStream(SECRET, st(), { ...media, resource: 'storyboard_image' }, [KEY], NOW),
      ],
      [
        'a thumbnail st on thumbnails',
        () =>
          checkStream(
            SECRET,
            st({ ...video, kind: 't' }),
            { ...media, resource: 'thumbnail' },
            [KEY],
            NOW,
          ),
      ],
      [
        'on the manifest',
        () => checkStream(SECRET, st(), { ...media, resource: 'manifest' }, [KEY], NOW),
      ],
      [
        'another video',
        () => checkStream(SECRET, st(), { ...media, videoId: 'video-b' }, [KEY], NOW),
      ],
      ['its key deleted', () => checkStream(SECRET, st(), media, [OTHER_KEY], NOW)],
      ['its tenant suspended', () => checkStream(SECRET, st(), media, [], NOW)],
      ['another secret', () => checkStream('other', st(), media, [KEY], NOW)],
      [
        'the cap lifted',
        () =>
          checkStream(
            SECRET,
            st({ ...video, maxHeight: 360 }).replace('.360.', '.0.'),
            media,
            [KEY],
            NOW,
          ),
      ],
      [
        'the expiry moved',
        () =>
          checkStream(
            SECRET,
            st().replace(String(NOW + 60), String(NOW + 9999)),
            media,
            [KEY],
            NOW,
          ),
      ],
      ['garbage', () => checkStream(SECRET, 'garbage', media, [KEY], NOW)],
      ['a NUL', () => checkStream(SECRET, `${st()}\0`, media, [KEY], NOW)],
      ['huge', () => checkStream(SECRET, `${st()}${'A'.repeat(100_000)}`, media, [KEY], NOW)],
    ];
    for (const [name, run] of cases)
      expect({ name, got: refusal(run) }).toEqual({ name, got: forbidden });
  });

  it('tell an expired one apart, among several live keys', () => {
    const old = st({ ...video, keyId: OTHER_KEY }, NOW - 1);
    const media = { resource: 'media', videoId: 'video-a' } as const;
    expect(refusal(() => checkStream(SECRET, old, media, [KEY, OTHER_KEY], NOW))).toEqual({
      status: 401,
      code: 'playback_token_expired',
    });
  });
});
