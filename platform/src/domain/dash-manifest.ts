/** One rendition as the MPD lists it, with its stored media playlist's text. */
export interface DashRendition {
  id: string;
  width: number;
  height: number;
  bitrateKbps: number;
  /** As stored for the HLS variant: the video codec, then the audio's when muxed beside it. */
  codecs: string;
  playlist: string;
}

/** Milliseconds: EXTINF gives durations to the microsecond, players need no finer. */
const TIMESCALE = 1000;

/** The segment numbers and durations of a media playlist, in order. */
export function playlistSegments(playlist: string): { firstNumber: number; durations: number[] } {
  const durations: number[] = [];
  let firstNumber: number | undefined;
  let pending: number | undefined;
  for (const raw of playlist.split('\n')) {
    const line = raw.trim();
    const extinf = /^#EXTINF:(\d+(?:\.\d+)?)/.exec(line);
    if (extinf) pending = Number(extinf[1]);
    else if (pending !== undefined && line !== '' && !line.startsWith('#')) {
      firstNumber ??= Number(/seg_(\d+)\.m4s/.exec(line)?.[1] ?? 0);
      durations.push(pending);
      pending = undefined;
    }
  }
  return { firstNumber: firstNumber ?? 0, durations };
}

/**
 * `<S>` elements for the durations: start times rounded from the running sum (so no drift
 * builds up), runs of equal durations folded into `r`.
 */
function segmentTimeline(durations: number[]): string {
  const runs: { t: number; d: number; r: number }[] = [];
  let sum = 0;
  for (const seconds of durations) {
    const t = Math.round(sum * TIMESCALE);
    sum += seconds;
    const d = Math.round(sum * TIMESCALE) - t;
    const last = runs.at(-1);
    if (last && last.d === d) last.r++;
    else runs.push({ t, d, r: 0 });
  }
  return runs.map(({ t, d, r }) => `<S t="${t}" d="${d}"${r > 0 ? ` r="${r}"` : ''}/>`).join('');
}

const xmlAttr = (value: string) =>
  value.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** ISO 8601 duration, as MPD attributes take it. */
const isoDuration = (seconds: number) => `PT${(Math.round(seconds * 1000) / 1000).toFixed(3)}S`;

function representation(r: DashRendition, query: string, video: boolean): string {
  const { firstNumber, durations } = playlistSegments(r.playlist);
  const codec = r.codecs
    .split(',')
    .map((c) => c.trim())
    .find((c) => (video ? !c.startsWith('mp4a') : c.startsWith('mp4a')));
  const base = `renditions/${r.id}/segments`;
  const size = video ? ` width="${r.width}" height="${r.height}"` : '';
  return [
    `<Representation id="${xmlAttr(r.id)}" bandwidth="${r.bitrateKbps * 1000}"${size} codecs="${xmlAttr(codec ?? (video ? 'avc1.640028' : 'mp4a.40.2'))}">`,
    `<SegmentTemplate timescale="${TIMESCALE}" startNumber="${firstNumber}"`,
    ` initialization="${xmlAttr(`${base}/init.mp4${query}`)}"`,
    ` media="${xmlAttr(`${base}/seg_$Number%05d$.m4s${query}`)}">`,
    `<SegmentTimeline>${segmentTimeline(durations)}</SegmentTimeline>`,
    '</SegmentTemplate></Representation>',
  ].join('');
}

/** A caption track as DASH lists it: a WebVTT sidecar file, one adaptation set per track. */
export interface DashCaption {
  id: string;
  language: string;
  label: string;
  kind: 'subtitles' | 'captions';
  isDefault: boolean;
}

function captionSet(c: DashCaption, index: number, query: string): string {
  // DASH's role scheme: `caption` for tracks that describe sounds, `subtitle` for dialogue.
  const role = c.kind === 'captions' ? 'caption' : 'subtitle';
  return [
    `<AdaptationSet id="${index}" contentType="text" mimeType="text/vtt" lang="${xmlAttr(c.language)}" label="${xmlAttr(c.label)}">`,
    `<Role schemeIdUri="urn:mpeg:dash:role:2011" value="${role}"/>`,
    c.isDefault ? '<Role schemeIdUri="urn:mpeg:dash:role:2011" value="main"/>' : '',
    `<Representation id="${xmlAttr(`caption-${c.id}`)}" bandwidth="256">`,
    `<BaseURL>${xmlAttr(`captions/${c.id}/track.vtt${query}`)}</BaseURL>`,
    '</Representation></AdaptationSet>',
  ].join('');
}

/**
 * A static MPD over the renditions HLS serves: video renditions in one adaptation set (the
 * `audio` rendition in another), each addressed with a template over the stored segment names
 * and a timeline from its media playlist. URLs are relative to the MPD's own, and carry `st`
 * when given, as a signed video's HLS playlists do. Caption tracks follow as WebVTT sidecars.
 */
export function dashManifest(
  renditions: readonly DashRendition[],
  durationSec: number,
  st: string | undefined,
  captions: readonly DashCaption[] = [],
): string {
  const query = st === undefined ? '' : `?st=${encodeURIComponent(st)}`;
  const videos = renditions.filter((r) => r.id !== 'audio').sort((a, b) => a.height - b.height);
  const audio = renditions.filter((r) => r.id === 'audio');
  const sets = [
    videos.length > 0 &&
      `<AdaptationSet id="0" contentType="video" mimeType="video/mp4" segmentAlignment="true" startWithSAP="1">${videos.map((r) => representation(r, query, true)).join('')}</AdaptationSet>`,
    audio.length > 0 &&
      `<AdaptationSet id="1" contentType="audio" mimeType="audio/mp4" lang="und" segmentAlignment="true" startWithSAP="1">${audio.map((r) => representation(r, query, false)).join('')}</AdaptationSet>`,
    ...captions.map((c, i) => captionSet(c, i + 2, query)),
  ].filter((s): s is string => typeof s === 'string');
  const duration = isoDuration(durationSec);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<MPD xmlns="urn:mpeg:dash:schema:mpd:2011" profiles="urn:mpeg:dash:profile:isoff-live:2011" type="static" mediaPresentationDuration="${duration}" minBufferTime="PT2S">`,
    `<Period id="0" start="PT0S">${sets.join('')}</Period>`,
    '</MPD>',
    '',
  ].join('\n');
}
