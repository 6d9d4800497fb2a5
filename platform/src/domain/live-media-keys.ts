/** Where a live stream's media lives in the object store. */
export const liveKeys = {
  prefix: (streamId: string) => `live/${streamId}/`,
  /** The renditions of the stream's current session, highest first (JSON). */
  renditions: (streamId: string) => `live/${streamId}/renditions.json`,
  /** One rendition's playlist state (JSON, `LiveRenditionIndex`). */
  index: (streamId: string, rendition: string) => `live/${streamId}/${rendition}/index.json`,
  media: (streamId: string, session: string, rendition: string, file: string) =>
    `live/${streamId}/${session}/${rendition}/${file}`,
};

/** The file names a live playlist points at: `init.mp4`, `12.m4s` (a segment), `12.1.m4s` (a part). */
export const liveFiles = {
  init: 'init.mp4',
  segment: (msn: number) => `${msn}.m4s`,
  part: (msn: number, part: number) => `${msn}.${part}.m4s`,
};

const PART_FILE = /^(\d{1,9})\.(\d{1,2})\.m4s$/;

/** The segment and part a part file names, or null for another file. */
export function partOf(file: string): { msn: number; part: number } | null {
  const match = PART_FILE.exec(file);
  return match ? { msn: Number(match[1]), part: Number(match[2]) } : null;
}

/** The renditions of the live ladder, highest first; ffmpeg caps each at the input's height. */
export const LIVE_HEIGHTS = [360, 180] as const;

/** The bandwidth a live rendition is encoded at, bits a second. */
export const liveBitrate = (height: number) => Math.round(height * height * 6);
