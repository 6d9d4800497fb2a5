import { describe, expect, it } from 'vitest';
import { plannedDownloads } from '../../src/domain/downloads.js';

const renditions = [
  { renditionId: '240p', width: 426, height: 240 },
  { renditionId: 'audio', width: 0, height: 0 },
  { renditionId: '720p', width: 1280, height: 720 },
  { renditionId: '360p', width: 640, height: 360 },
];

describe('plannedDownloads', () => {
  it('makes none for none, and none of a video without renditions', () => {
    expect(plannedDownloads('none', renditions)).toEqual([]);
    expect(plannedDownloads('highest', [])).toEqual([]);
    expect(plannedDownloads('all', [{ renditionId: 'audio', width: 0, height: 0 }])).toEqual([]);
  });

  it('takes the largest picture for highest, named highest', () => {
    expect(plannedDownloads('highest', renditions)).toEqual([
      { name: 'highest', renditionId: '720p', width: 1280, height: 720 },
    ]);
  });

  it('takes every rendition with a picture for all, named by its id', () => {
    expect(plannedDownloads('all', renditions).map((d) => d.name)).toEqual([
      '720p',
      '360p',
      '240p',
    ]);
  });
});
