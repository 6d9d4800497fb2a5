import { ReelError } from './errors.js';

const THUMBNAIL_WIDTHS = { small: 320, medium: 640, large: 1280 } as const;

export interface ThumbnailPlan {
  size: string;
  width: number;
  height: number;
}

/** Each size at its width, or the source's if narrower: even sides, the aspect ratio kept. */
export function planThumbnails(width: number, height: number): ThumbnailPlan[] {
  return Object.entries(THUMBNAIL_WIDTHS).map(([size, wanted]) => {
    const w = Math.min(wanted, width - (width % 2));
    return { size, width: w, height: Math.max(2, 2 * Math.round((w * height) / width / 2)) };
  });
}

/** The poster frame: halfway in, 10 s at most; a clip under 2 s shows its first frame. */
export const thumbnailAtSec = (durationSec: number): number =>
  durationSec < 2 ? 0 : Math.min(durationSec / 2, 10);

export type ThumbnailFit = 'contain' | 'cover' | 'fill' | 'pad';

export interface FrameRequest {
  size: keyof typeof THUMBNAIL_WIDTHS;
  time?: number;
  width?: number;
  height?: number;
  fit?: ThumbnailFit;
}

export interface FramePlan {
  atSec: number;
  /** The box the frame goes into; with `contain` the image may come out smaller on one side. */
  width: number;
  height: number;
  fit: ThumbnailFit;
  /** Names the stored image: one per distinct request, so a repeat is read, not made. */
  name: string;
}

/** Requested times are kept to a tenth of a second: finer asks the same frame under more keys. */
const TIME_STEP_SEC = 0.1;

/**
 * What a thumbnail request with `time`, `width`, `height` or `fit` makes: the box (one side
 * given, the other from the source's aspect ratio; none, the size's width), the time (the
 * poster frame's when none is given; past the duration refused).
 */
export function planFrame(
  request: FrameRequest,
  source: { durationSec: number; width: number; height: number },
): FramePlan {
  if (request.time !== undefined && request.time > source.durationSec) {
    throw new ReelError(
      422,
      'invalid_thumbnail_time',
      `time is past the end of the video (${source.durationSec.toFixed(3)} s)`,
      { duration_sec: source.durationSec, time: request.time },
    );
  }
  const wanted = request.time ?? thumbnailAtSec(source.durationSec);
  // The last frame starts a little before the end: a seek to the very end finds none.
  const last = Math.max(0, source.durationSec - 0.1);
  const atSec = Math.round(Math.min(wanted, last) / TIME_STEP_SEC) * TIME_STEP_SEC;
  const ratio = source.width / Math.max(1, source.height);
  const width =
    request.width ??
    (request.height
      ? Math.max(2, Math.round(request.height * ratio))
      : THUMBNAIL_WIDTHS[request.size]);
  const height = request.height ?? Math.max(2, Math.round(width / ratio));
  const fit = request.width && request.height ? (request.fit ?? 'contain') : 'fill';
  return {
    atSec,
    width,
    height,
    fit,
    name: `t${Math.round(atSec * 1000)}-${width}x${height}-${fit}`,
  };
}

/** The rendition to grab from: the smallest that covers the box, else the largest. */
export function renditionForFrame<R extends { renditionId: string; width: number; height: number }>(
  renditions: readonly R[],
  box: { width: number; height: number },
): R | undefined {
  const pictures = [...renditions]
    .filter((r) => r.renditionId !== 'audio' && r.width > 0)
    .sort((a, b) => a.width * a.height - b.width * b.height);
  return pictures.find((r) => r.width >= box.width && r.height >= box.height) ?? pictures.at(-1);
}

/** The media segment of an HLS media playlist that holds `atSec`, and where in it that falls. */
export function segmentAt(
  mediaPlaylist: string,
  atSec: number,
): { init: string | undefined; segment: string; offsetSec: number } | undefined {
  const init = /#EXT-X-MAP:URI="([^"]+)"/.exec(mediaPlaylist)?.[1];
  const lines = mediaPlaylist.split('\n');
  const segments: { uri: string; start: number; duration: number }[] = [];
  let start = 0;
  lines.forEach((line, i) => {
    const extinf = /^#EXTINF:([\d.]+)/.exec(line);
    if (!extinf) return;
    const duration = Number(extinf[1]);
    const uri = lines[i + 1]?.trim();
    if (uri && !uri.startsWith('#')) segments.push({ uri, start, duration });
    start += duration;
  });
  const held = segments.find((s) => atSec < s.start + s.duration) ?? segments.at(-1);
  if (!held) return undefined;
  const offsetSec = Math.min(Math.max(0, atSec - held.start), Math.max(0, held.duration - 0.1));
  return { init, segment: held.uri, offsetSec };
}
