import type { LiveRenditionIndex, LiveSegment } from './live-playlists.js';

/**
 * What an ended session's recording keeps: the whole segments of its last run. Each run (a
 * publisher's stay) has an init segment of its own, and a video's rendition has one.
 */
export function recordedSegments(index: LiveRenditionIndex): LiveSegment[] {
  const session = index.segments.at(-1)?.session;
  return index.segments.filter(
    (s) => s.session === session && s.parts.length === index.partsPerSegment,
  );
}

/** The name the n-th recorded segment is stored under, as a transcoded video's are. */
export const recordedSegmentName = (n: number) => `seg_${String(n).padStart(5, '0')}.m4s`;

export const segmentSeconds = (segment: LiveSegment) =>
  segment.parts.reduce((total, part) => total + part.duration, 0);

/** A closed (VOD) media playlist of the recorded segments, as Reel serves a video's. */
export function recordedMediaPlaylist(segments: readonly LiveSegment[]): string {
  const longest = Math.max(...segments.map(segmentSeconds));
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    `#EXT-X-TARGETDURATION:${Math.ceil(longest)}`,
    '#EXT-X-MEDIA-SEQUENCE:0',
    '#EXT-X-PLAYLIST-TYPE:VOD',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    '#EXT-X-MAP:URI="segments/init.mp4"',
    ...segments.flatMap((segment, n) => [
      `#EXTINF:${segmentSeconds(segment).toFixed(5)},`,
      `segments/${recordedSegmentName(n)}`,
    ]),
    '#EXT-X-ENDLIST',
    '',
  ].join('\n');
}

/** The master playlist of a recording's renditions, highest first. */
export function recordedMaster(
  renditions: readonly { id: string; width: number; height: number; bandwidth: number }[],
): string {
  return [
    '#EXTM3U',
    '#EXT-X-VERSION:7',
    '#EXT-X-INDEPENDENT-SEGMENTS',
    ...renditions.flatMap((r) => [
      `#EXT-X-STREAM-INF:BANDWIDTH=${r.bandwidth},RESOLUTION=${r.width}x${r.height}`,
      `renditions/${r.id}/index.m3u8`,
    ]),
    '',
  ].join('\n');
}
