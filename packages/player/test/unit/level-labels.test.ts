import { describe, expect, it } from 'vitest';
import {
  autoQualityLabel,
  levelLabel,
  qualityOptions,
  renditionName,
} from '../../src/level-labels.js';

const LADDER = [
  { height: 240, width: 426, bitrate: 400_000 },
  { height: 720, width: 1280, bitrate: 2_800_000 },
  { height: 360, width: 640, bitrate: 800_000 },
  { height: 480, width: 854, bitrate: 1_400_000 },
];

describe('levelLabel', () => {
  it('names a rendition by its height', () => {
    expect(levelLabel({ height: 720, bitrate: 2_800_000 }, LADDER)).toBe('720p');
  });

  it('adds the bitrate when two renditions share a height', () => {
    const twins = [
      { height: 720, bitrate: 2_800_000 },
      { height: 720, bitrate: 4_500_000 },
    ];
    expect(twins.map((level) => levelLabel(level, twins))).toEqual([
      '720p (2.8 Mbps)',
      '720p (4.5 Mbps)',
    ]);
  });

  it('falls back to the bitrate when the height is unknown', () => {
    expect(levelLabel({ bitrate: 128_000 })).toBe('128 kbps');
    expect(levelLabel({ height: 0, bitrate: 1_500_000 })).toBe('1.5 Mbps');
  });
});

describe('qualityOptions', () => {
  it('puts Auto first, then renditions from highest to lowest, keeping hls.js indexes', () => {
    expect(qualityOptions(LADDER)).toEqual([
      { level: -1, label: 'Auto' },
      { level: 1, label: '720p' },
      { level: 3, label: '480p' },
      { level: 2, label: '360p' },
      { level: 0, label: '240p' },
    ]);
  });

  it('offers only Auto when there are no renditions to choose', () => {
    expect(qualityOptions([])).toEqual([{ level: -1, label: 'Auto' }]);
  });
});

describe('autoQualityLabel', () => {
  it('says what automatic selection is playing', () => {
    expect(autoQualityLabel(LADDER[3], LADDER)).toBe('Auto (480p)');
    expect(autoQualityLabel(undefined, LADDER)).toBe('Auto');
  });
});

describe('renditionName', () => {
  it('names the rendition a view report carries by its height, none without one', () => {
    expect(renditionName({ height: 720, bitrate: 2_800_000 })).toBe('720p');
    expect(renditionName({ bitrate: 128_000 })).toBeUndefined();
    expect(renditionName(undefined)).toBeUndefined();
  });
});
