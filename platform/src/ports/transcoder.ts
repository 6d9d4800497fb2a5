import type { Rung } from '../domain/ladder.js';
import type { LoudnessMeasurement } from '../domain/loudness.js';
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
  /** Given: the audio is brought to the EBU R128 target with these measured figures. */
  loudness?: LoudnessMeasurement;
  segmentSec: number;
  /** Shorter than the rest, so every rendition has a segment soon and the video plays early. */
  firstSegmentSec: number;
  thumbnailAtSec: number;
  thumbnails: readonly ThumbnailSpec[];
  /** Spans the checked duration: a run that decodes over a segment past it fails `too_long`. */
  storyboard: StoryboardPlan;
  /** Frames a second and side of the grey square frames written to `fingerprint.gray`. */
  fingerprint: { fps: number; side: number };
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

/** One frame of a video file into a JPEG that fits a box. */
export interface FrameGrabJob {
  /** A local fragmented MP4: a rendition's init segment and one media segment. */
  input: string;
  /** Where in `input` the frame is. */
  offsetSec: number;
  width: number;
  height: number;
  fit: 'contain' | 'cover' | 'fill' | 'pad';
  output: string;
  timeoutSec: number;
}

/** Reel-made fMP4 tracks (init segment then media segments each) into one progressive MP4. */
export interface RemuxJob {
  /** A local video file and, when the video has sound, a local audio file. */
  inputs: readonly string[];
  output: string;
  timeoutSec: number;
}

/** How far a run is: the share of the input's duration encoded, and seconds encoded per second. */
export interface EncodeProgress {
  fraction: number;
  speed: number;
}

/**
 * Output layout under `outDir`: `master.m3u8`; per rendition `<id>/index.m3u8`, `<id>/init.mp4`,
 * `<id>/seg_NNNNN.m4s` (audio under `audio/`); `thumb_<size>.jpg`; `storyboard.jpg`;
 * `fingerprint.gray`, the sampled frames as raw 8-bit grey, one after another. While it runs,
 * each media playlist (`EVENT`) is replaced whole as a segment is finished and lists only
 * finished segments; the master appears once every rendition has one.
 */
export interface Transcoder {
  readonly name: string;
  probe(input: string): Promise<MediaProbe>;
  /** `signal` stops ffmpeg at once and rejects with its reason (a worker handing its job back). */
  transcode(
    job: TranscodeJob,
    onProgress?: (progress: EncodeProgress) => void,
    signal?: AbortSignal,
  ): Promise<void>;
  /**
   * The first of two loudness passes: decodes the job's audio and measures it (EBU R128);
   * undefined when there is nothing to measure (silence).
   */
  measureLoudness(job: TranscodeJob): Promise<LoudnessMeasurement | undefined>;
  /**
   * Writes each output as WebP. An input that is not a whole, readable image of the declared
   * type fails `invalid_image`; one over `maxPixels` fails `image_too_large`, before decoding.
   */
  resizeImage(job: ImageResizeJob): Promise<void>;
  /** Writes the frame at `offsetSec` as a JPEG, scaled into the box as `fit` says. */
  grabFrame(job: FrameGrabJob): Promise<void>;
  /** Copies the inputs' streams into one MP4 with its index first (no re-encode). */
  remuxToMp4(job: RemuxJob): Promise<void>;
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
