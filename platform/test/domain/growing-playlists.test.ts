import { describe, expect, it } from 'vitest';
import { closedPlaylist, growingPlaylist } from '../../src/domain/growing-playlists.js';

/** What ffmpeg's EVENT playlist reads once the short first segment and one more are done. */
const FFMPEG_EVENT = [
  '#EXTM3U',
  '#EXT-X-VERSION:7',
  '#EXT-X-TARGETDURATION:1',
  '#EXT-X-PLAYLIST-TYPE:EVENT',
  '#EXT-X-MAP:URI="init_0.mp4"',
  '#EXTINF:1.000000,',
  'seg_00000.m4s',
  '#EXTINF:4.000000,',
  'seg_00001.m4s',
  '',
].join('\n');

describe('growing playlists', () => {
  it('announce the planned target duration from the first segment on, so it never changes', () => {
    const first = growingPlaylist(FFMPEG_EVENT, 1, 4);
    expect(first).toContain('#EXT-X-TARGETDURATION:4');
    expect(first).toContain('seg_00000.m4s');
    expect(first).not.toContain('seg_00001.m4s');
    expect(first).not.toContain('#EXT-X-ENDLIST');
  });

  it('keep a longer target ffmpeg wrote, since a segment may run past the plan', () => {
    const long = FFMPEG_EVENT.replace('TARGETDURATION:1', 'TARGETDURATION:6');
    expect(growingPlaylist(long, 2, 4)).toContain('#EXT-X-TARGETDURATION:6');
  });

  it('close as VOD with the same target a viewer already read, though every segment is shorter', () => {
    const closed = closedPlaylist(FFMPEG_EVENT.replace('seg_00001', 'seg_00002'), 4);
    expect(closed).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(closed).toContain('#EXT-X-TARGETDURATION:4');
    expect(closed.trimEnd().endsWith('#EXT-X-ENDLIST')).toBe(true);
  });
});
