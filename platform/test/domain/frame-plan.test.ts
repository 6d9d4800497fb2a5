import { describe, expect, it } from 'vitest';
import type { ReelError } from '../../src/domain/errors.js';
import { planFrame, renditionForFrame, segmentAt } from '../../src/domain/thumbnails.js';

const source = { durationSec: 8, width: 1280, height: 720 };

describe('planFrame', () => {
  it('fills in the side not given from the aspect ratio, and names the request', () => {
    expect(planFrame({ size: 'small', width: 400 }, source)).toMatchObject({
      width: 400,
      height: 225,
      fit: 'fill',
      atSec: 4,
    });
    expect(planFrame({ size: 'medium', time: 2.345 }, source)).toMatchObject({
      width: 640,
      height: 360,
      name: 't2300-640x360-fill',
    });
    expect(planFrame({ size: 'large', width: 100, height: 100, fit: 'pad' }, source).name).toBe(
      't4000-100x100-pad',
    );
  });

  it('keeps the very end a frame before it, and refuses a time past it', () => {
    expect(planFrame({ size: 'small', time: 8 }, source).atSec).toBeCloseTo(7.9);
    let refused: ReelError | undefined;
    try {
      planFrame({ size: 'small', time: 8.01 }, source);
    } catch (error) {
      refused = error as ReelError;
    }
    expect(refused).toMatchObject({ status: 422, code: 'invalid_thumbnail_time' });
  });
});

describe('segmentAt and renditionForFrame', () => {
  const playlist =
    '#EXTM3U\n#EXT-X-MAP:URI="init.mp4"\n#EXTINF:4.000,\nseg_00000.m4s\n#EXTINF:4.000,\nseg_00001.m4s\n#EXTINF:0.5,\nseg_00002.m4s\n#EXT-X-ENDLIST\n';

  it('finds the segment that holds a time, and the offset in it', () => {
    expect(segmentAt(playlist, 5.5)).toEqual({
      init: 'init.mp4',
      segment: 'seg_00001.m4s',
      offsetSec: 1.5,
    });
    expect(segmentAt(playlist, 0)).toMatchObject({ segment: 'seg_00000.m4s', offsetSec: 0 });
    expect(segmentAt(playlist, 99)).toMatchObject({ segment: 'seg_00002.m4s', offsetSec: 0.4 });
    expect(segmentAt('#EXTM3U\n', 1)).toBeUndefined();
  });

  it('takes the smallest rendition covering the box, else the largest, never audio', () => {
    const ladder = [
      { renditionId: 'audio', width: 0, height: 0 },
      { renditionId: '720p', width: 1280, height: 720 },
      { renditionId: '240p', width: 426, height: 240 },
      { renditionId: '480p', width: 854, height: 480 },
    ];
    expect(renditionForFrame(ladder, { width: 400, height: 225 })?.renditionId).toBe('240p');
    expect(renditionForFrame(ladder, { width: 500, height: 100 })?.renditionId).toBe('480p');
    expect(renditionForFrame(ladder, { width: 1920, height: 1080 })?.renditionId).toBe('720p');
    expect(renditionForFrame([], { width: 1, height: 1 })).toBeUndefined();
  });
});
