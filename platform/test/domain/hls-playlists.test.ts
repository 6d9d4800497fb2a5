import { describe, expect, it } from 'vitest';
import {
  masterVariants,
  playlistUris,
  rewritePlaylistUris,
} from '../../src/domain/hls-playlists.js';

const MASTER = `#EXTM3U
#EXT-X-VERSION:7
#EXT-X-MEDIA:TYPE=AUDIO,GROUP-ID="group_aud",NAME="audio_1",DEFAULT=YES,URI="audio/index.m3u8"
#EXT-X-STREAM-INF:BANDWIDTH=579700,RESOLUTION=426x240,CODECS="avc1.640015,mp4a.40.2",AUDIO="group_aud"
240p/index.m3u8

#EXT-X-STREAM-INF:BANDWIDTH=140800,CODECS="mp4a.40.2",AUDIO="group_aud"
audio/index.m3u8
`;

describe('HLS playlists', () => {
  it('reads the audio-only variant ffmpeg lists last, without a resolution', () => {
    expect(masterVariants(MASTER).map((v) => [v.uri, v.resolution, v.codecs])).toEqual([
      ['240p/index.m3u8', '426x240', 'avc1.640015,mp4a.40.2'],
      ['audio/index.m3u8', undefined, 'mp4a.40.2'],
    ]);
  });
  it('reads variant attributes, quoted ones included', () => {
    expect(masterVariants(MASTER)[0]).toEqual({
      uri: '240p/index.m3u8',
      bandwidth: 579700,
      resolution: '426x240',
      codecs: 'avc1.640015,mp4a.40.2',
    });
  });
  it('rewrites URIs in tags and on their own lines', () => {
    const media =
      '#EXTM3U\n#EXT-X-MAP:URI="init_0.mp4"\n#EXTINF:4.0,\nseg_00000.m4s\n#EXT-X-ENDLIST\n';
    expect(playlistUris(media)).toEqual(['init_0.mp4', 'seg_00000.m4s']);
    expect(rewritePlaylistUris(media, (u) => `segments/${u}`)).toBe(
      '#EXTM3U\n#EXT-X-MAP:URI="segments/init_0.mp4"\n#EXTINF:4.0,\nsegments/seg_00000.m4s\n#EXT-X-ENDLIST\n',
    );
  });
});
