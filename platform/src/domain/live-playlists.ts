/**
 * The live playlists Reel writes itself: ffmpeg's HLS muxer knows nothing of LL-HLS parts, so
 * the live ladder cuts the stream into parts (one ffmpeg segment each) and Reel groups them into
 * segments, writing `EXT-X-PART`, `EXT-X-PRELOAD-HINT` and the blocking-reload server control.
 */

export interface LivePart {
  /** Seconds. */
  duration: number;
  /** Starts with a key frame. */
  independent: boolean;
}

export interface LiveSegment {
  msn: number;
  /** The session its parts belong to: a reconnect within the window starts another. */
  session: string;
  /** When its first frame was taken in, by the ladder's clock (ISO 8601). */
  programDateTime: string;
  parts: LivePart[];
  /** All its parts are in. */
  complete: boolean;
}

/** One rendition's playlist state, stored as JSON beside its parts. */
export interface LiveRenditionIndex {
  latency: 'low' | 'standard';
  /** Parts in a complete segment; 1 for `standard`, which advertises no parts. */
  partsPerSegment: number;
  partTarget: number;
  segmentTarget: number;
  segments: LiveSegment[];
  ended: boolean;
  /**
   * How long after its program date the newest part was stored: the ladder's start-up and
   * encoding lag, which viewers at the live edge are behind the dates by.
   */
  storedLagMs?: number;
  /** Whether the parts carry the publisher's sound. */
  audio?: boolean;
}

export interface LadderTiming {
  partSeconds: number;
  partsPerSegment: number;
  /** Key frames this many seconds apart. */
  keyFrameSeconds: number;
}

/** 1 s segments of three parts for `low`; 4 s segments, two GOPs each, for `standard`. */
export const LADDER_TIMING: Record<'low' | 'standard', LadderTiming> = {
  low: { partSeconds: 1 / 3, partsPerSegment: 3, keyFrameSeconds: 1 / 3 },
  standard: { partSeconds: 4, partsPerSegment: 1, keyFrameSeconds: 2 },
};

/** How many complete segments a playlist keeps: the DVR window, about two minutes. */
export const DVR_SEGMENTS = { low: 120, standard: 30 } as const;

export const newRenditionIndex = (latency: 'low' | 'standard'): LiveRenditionIndex => {
  const timing = LADDER_TIMING[latency];
  return {
    latency,
    partsPerSegment: timing.partsPerSegment,
    // Rounded up, so every part (a frame count at the input rate) is within it.
    partTarget: Math.ceil(timing.partSeconds * 1000 + 1) / 1000,
    segmentTarget: Math.ceil(timing.partSeconds * timing.partsPerSegment),
    segments: [],
    ended: false,
  };
};

/** The index after one more part: into the open segment, or a new one. */
export function withPart(
  index: LiveRenditionIndex,
  part: LivePart & { session: string; takenAt: Date },
): LiveRenditionIndex {
  const last = index.segments.at(-1);
  const partEntry = { duration: part.duration, independent: part.independent };
  let segments: LiveSegment[];
  if (last && !last.complete && last.session === part.session) {
    const parts = [...last.parts, partEntry];
    segments = [
      ...index.segments.slice(0, -1),
      { ...last, parts, complete: parts.length >= index.partsPerSegment },
    ];
  } else {
    const closed = last && !last.complete ? [{ ...last, complete: true }] : [];
    segments = [
      ...index.segments.slice(0, last && !last.complete ? -1 : undefined),
      ...closed,
      {
        msn: last ? last.msn + 1 : 0,
        session: part.session,
        programDateTime: new Date(part.takenAt.getTime() - part.duration * 1000).toISOString(),
        parts: [partEntry],
        complete: index.partsPerSegment === 1,
      },
    ];
  }
  const complete = segments.filter((s) => s.complete).length;
  const drop = Math.max(0, complete - DVR_SEGMENTS[index.latency]);
  return { ...index, segments: segments.slice(drop) };
}

/** The index closed: its open segment counts as complete and the playlist ends. */
export const endedIndex = (index: LiveRenditionIndex): LiveRenditionIndex => ({
  ...index,
  ended: true,
  segments: index.segments.map((s) => ({ ...s, complete: true })),
});

/** Whether a blocking reload for `msn`/`part` can be answered from this index. */
export function hasPart(index: LiveRenditionIndex, msn: number, part: number | undefined) {
  if (index.ended) return true;
  const last = index.segments.at(-1);
  if (!last) return false;
  if (msn < last.msn) return true;
  if (msn > last.msn) return false;
  if (part === undefined) return last.complete;
  return last.parts.length > part;
}

export interface LiveUris {
  init(session: string): string;
  part(segment: LiveSegment, part: number): string;
  segment(segment: LiveSegment): string;
}

const seconds = (value: number) => value.toFixed(5).replace(/0+$/, '').replace(/\.$/, '');

/** The media playlist of one rendition; LL-HLS tags for `low`. */
export function renderMediaPlaylist(index: LiveRenditionIndex, uris: LiveUris): string {
  const low = index.latency === 'low';
  const first = index.segments[0];
  const lines = [
    '#EXTM3U',
    '#EXT-X-VERSION:9',
    `#EXT-X-TARGETDURATION:${index.segmentTarget}`,
    `#EXT-X-MEDIA-SEQUENCE:${first?.msn ?? 0}`,
    '#EXT-X-INDEPENDENT-SEGMENTS',
  ];
  if (low) {
    lines.push(
      `#EXT-X-SERVER-CONTROL:CAN-BLOCK-RELOAD=YES,PART-HOLD-BACK=${seconds(index.partTarget * 3)}`,
      `#EXT-X-PART-INF:PART-TARGET=${seconds(index.partTarget)}`,
    );
  }
  let session: string | undefined;
  const newest = index.segments.at(-1)?.msn ?? 0;
  for (const segment of index.segments) {
    if (segment.session !== session) {
      if (session !== undefined) lines.push('#EXT-X-DISCONTINUITY');
      lines.push(`#EXT-X-MAP:URI="${uris.init(segment.session)}"`);
      session = segment.session;
    }
    lines.push(`#EXT-X-PROGRAM-DATE-TIME:${segment.programDateTime}`);
    // Parts are listed only near the live edge, as the spec asks (the last three segments).
    if (low && newest - segment.msn < 3) {
      segment.parts.forEach((part, i) => {
        lines.push(
          `#EXT-X-PART:DURATION=${seconds(part.duration)},URI="${uris.part(segment, i)}"${part.independent ? ',INDEPENDENT=YES' : ''}`,
        );
      });
    }
    if (segment.complete) {
      const duration = segment.parts.reduce((sum, p) => sum + p.duration, 0);
      lines.push(`#EXTINF:${seconds(duration)},`, uris.segment(segment));
    }
  }
  const last = index.segments.at(-1);
  if (index.ended) {
    lines.push('#EXT-X-ENDLIST');
  } else if (low && last) {
    const next = last.complete
      ? { msn: last.msn + 1, part: 0 }
      : { msn: last.msn, part: last.parts.length };
    lines.push(
      `#EXT-X-PRELOAD-HINT:TYPE=PART,URI="${uris.part({ ...last, msn: next.msn }, next.part)}"`,
    );
  }
  return `${lines.join('\n')}\n`;
}
