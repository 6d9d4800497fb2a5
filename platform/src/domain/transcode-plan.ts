import type { TranscodeJob } from '../ports/transcoder.js';
import { chooseLadder } from './ladder.js';
import type { AcceptedSource } from './media-checks.js';
import { FINGERPRINT_FPS, FRAME_SIDE } from './perceptual-fingerprint.js';
import { planStoryboard } from './storyboard.js';
import { planThumbnails, thumbnailAtSec } from './thumbnails.js';

const SEGMENT_SEC = 4;
/** A second of every rendition is encoded in about two on 2 cores at 1080p: the first play. */
const FIRST_SEGMENT_SEC = 1;

/** The one ffmpeg run a checked source gets: its ladder, segments, thumbnails and storyboard. */
export function planTranscode(
  source: AcceptedSource,
  files: { input: string; outDir: string },
  limits: Pick<TranscodeJob, 'maxPixels' | 'timeoutSec' | 'maxOutputBytes'>,
): TranscodeJob {
  return {
    ...files,
    demuxer: source.demuxer,
    ladder: chooseLadder(source.width, source.height),
    audio: source.hasAudio,
    segmentSec: SEGMENT_SEC,
    firstSegmentSec: FIRST_SEGMENT_SEC,
    thumbnailAtSec: thumbnailAtSec(source.durationSec),
    thumbnails: planThumbnails(source.width, source.height),
    storyboard: planStoryboard(source.width, source.height, source.durationSec),
    fingerprint: { fps: FINGERPRINT_FPS, side: FRAME_SIDE },
    maxPixels: limits.maxPixels,
    timeoutSec: limits.timeoutSec,
    maxOutputBytes: limits.maxOutputBytes,
  };
}
