import type { Rung } from '../domain/ladder.js';
import type { MediaProbe } from '../domain/media-checks.js';
import type { StoryboardPlan } from '../domain/storyboard.js';

export interface ThumbnailSpec {
  size: string;
  width: number;
  height: number;
}

export interface TranscodeJob {
  input: string;
  /** The demuxer the probe settled on; the only one ffmpeg may use. */
  demuxer: string;
  outDir: string;
  ladder: readonly Rung[];
  audio: boolean;
  segmentSec: number;
  thumbnailAtSec: number;
  thumbnails: readonly ThumbnailSpec[];
  /** Spans the checked duration: a run that decodes over a segment past it fails `too_long`. */
  storyboard: StoryboardPlan;
  /** Per frame, as decoded: a frame over it fails the run `too_many_pixels`. */
  maxPixels: number;
  timeoutSec: number;
  /** On the files written, during the run and once more at its end (`output_too_large`). */
  maxOutputBytes: number;
}

/** One still image into square renditions, cropped to its centre. */
export interface ImageResizeJob {
  /** A local file, read only with `demuxer`. */
  input: string;
  /** The demuxer of the type the client said the image is; a file of another type is refused. */
  demuxer: string;
  outputs: readonly { path: string; side: number }[];
  /** Width × height, as the image declares it and as it decodes. */
  maxPixels: number;
  timeoutSec: number;
}

/** How far a run is: the share of the input's duration encoded, and seconds encoded per second. */
export interface EncodeProgress {
  fraction: number;
  speed: number;
}

/**
 * Output layout under `outDir`: `master.m3u8`; per rendition `<id>/index.m3u8`, `<id>/init.mp4`,
 * `<id>/seg_NNNNN.m4s` (audio under `audio/`); `thumb_<size>.jpg`; `storyboard.jpg`. While it
 * runs, each media playlist (`EVENT`) is replaced whole as a segment is finished and lists only
 * finished segments; the master appears once every rendition has one.
 */
export interface Transcoder {
  readonly name: string;
  probe(input: string): Promise<MediaProbe>;
  transcode(job: TranscodeJob, onProgress?: (progress: EncodeProgress) => void): Promise<void>;
  /**
   * Writes each output as WebP. An input that is not a whole, readable image of the declared
   * type fails `invalid_image`; one over `maxPixels` fails `image_too_large`, before decoding.
   */
  resizeImage(job: ImageResizeJob): Promise<void>;
}

/** Thrown for input the transcoder cannot read: the video fails, it is not retried. */
export class UnreadableMediaError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'UnreadableMediaError';
  }
}
