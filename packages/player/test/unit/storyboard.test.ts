import { describe, expect, it } from 'vitest';
import { findStoryboardTile, parseStoryboardVtt, parseVttTimestamp } from '../../src/storyboard.js';

const VTT_URL = 'https://api.example.com/v1/videos/vid_1/storyboard.vtt';

const STORYBOARD = `WEBVTT

00:00:00.000 --> 00:00:02.000
storyboard.jpg#xywh=0,0,160,90

00:00:02.000 --> 00:00:04.000
storyboard.jpg#xywh=160,0,160,90

2
00:04.000 --> 00:06.500 line:0
storyboard.jpg#xywh=0,90,160,90
`;

describe('parseVttTimestamp', () => {
  it('reads hours, minutes, seconds and milliseconds', () => {
    expect(parseVttTimestamp('01:02:03.500')).toBe(3723.5);
    expect(parseVttTimestamp('02:03.250')).toBe(123.25);
    expect(parseVttTimestamp('00:00:07')).toBe(7);
    expect(parseVttTimestamp('00:01.5')).toBe(1.5);
  });

  it('rejects what is not a timestamp', () => {
    expect(parseVttTimestamp('soon')).toBeUndefined();
    expect(parseVttTimestamp('1:2:3:4')).toBeUndefined();
  });
});

describe('parseStoryboardVtt', () => {
  it('reads every cue with its tile, resolving the image against the VTT URL', () => {
    const tiles = parseStoryboardVtt(STORYBOARD, VTT_URL);
    expect(tiles).toEqual([
      {
        start: 0,
        end: 2,
        imageUrl: 'https://api.example.com/v1/videos/vid_1/storyboard.jpg',
        x: 0,
        y: 0,
        width: 160,
        height: 90,
      },
      expect.objectContaining({ start: 2, end: 4, x: 160, y: 0 }),
      expect.objectContaining({ start: 4, end: 6.5, x: 0, y: 90 }),
    ]);
  });

  it('keeps absolute and signed image URLs as they are', () => {
    const vtt =
      'WEBVTT\n\n00:00.000 --> 00:01.000\nhttps://cdn.example.com/sb.jpg?sig=abc#xywh=1,2,3,4\n';
    expect(parseStoryboardVtt(vtt, VTT_URL)[0]?.imageUrl).toBe(
      'https://cdn.example.com/sb.jpg?sig=abc',
    );
  });

  it('accepts CRLF line endings', () => {
    expect(parseStoryboardVtt(STORYBOARD.replace(/\n/g, '\r\n'), VTT_URL)).toHaveLength(3);
  });

  it('skips cues without a valid tile instead of failing', () => {
    const vtt = `WEBVTT

00:00.000 --> 00:01.000
storyboard.jpg

00:01.000 --> 00:02.000
storyboard.jpg#xywh=0,0,abc,90

nonsense --> 00:03.000
storyboard.jpg#xywh=0,0,160,90

00:03.000 --> 00:04.000
storyboard.jpg#xywh=0,0,160,90
`;
    expect(parseStoryboardVtt(vtt, VTT_URL).map((tile) => tile.start)).toEqual([3]);
  });

  it('returns nothing for an empty or non-VTT body', () => {
    expect(parseStoryboardVtt('', VTT_URL)).toEqual([]);
    expect(parseStoryboardVtt('{"code":"not_found"}', VTT_URL)).toEqual([]);
  });
});

describe('findStoryboardTile', () => {
  const tiles = parseStoryboardVtt(STORYBOARD, VTT_URL);

  it('finds the tile whose range holds the time', () => {
    expect(findStoryboardTile(tiles, 0)?.x).toBe(0);
    expect(findStoryboardTile(tiles, 1.99)?.start).toBe(0);
    expect(findStoryboardTile(tiles, 2)?.start).toBe(2);
    expect(findStoryboardTile(tiles, 5)?.start).toBe(4);
  });

  it('clamps to the first and last tiles', () => {
    expect(findStoryboardTile(tiles, -1)?.start).toBe(0);
    expect(findStoryboardTile(tiles, 999)?.start).toBe(4);
  });

  it('has nothing to show without tiles', () => {
    expect(findStoryboardTile([], 3)).toBeUndefined();
  });
});
