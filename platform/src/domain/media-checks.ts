/** What the transcoder learned about an input, before any decoding. */
export interface MediaProbe {
  formatName: string;
  /** What its packets span, read to the end of the file; never just what the header claims. */
  durationSec: number | null;
  video: {
    codec: string;
    width: number;
    height: number;
    rotation: number;
    /** Frames per second, from the stream's average frame rate; null when it declares none. */
    fps: number | null;
  } | null;
  hasAudio: boolean;
  audioCodec: string | null;
}

export interface MediaLimits {
  maxPixels: number;
  maxDurationSec: number;
}

/** A checked source: its display size is after rotation. */
export interface AcceptedSource {
  width: number;
  height: number;
  rotation: number;
  durationSec: number;
  hasAudio: boolean;
  demuxer: string;
}

export interface Rejection {
  code: string;
  message: string;
}

/**
 * Containers we demux, by ffprobe's format name. Playlists (hls, concat), image sequences and
 * anything that can point at other files are absent on purpose: an upload never makes ffmpeg
 * open a second input.
 */
const DEMUXERS: Record<string, string> = {
  mov: 'mov',
  mp4: 'mov',
  matroska: 'matroska',
  webm: 'matroska',
  avi: 'avi',
  mpegts: 'mpegts',
  flv: 'flv',
  mpeg: 'mpeg',
  ogg: 'ogg',
  asf: 'asf',
  mxf: 'mxf',
};

const MIN_SIDE = 16;

export function checkSource(probe: MediaProbe, limits: MediaLimits): AcceptedSource | Rejection {
  const demuxer = probe.formatName
    .split(',')
    .map((name) => DEMUXERS[name])
    .find(Boolean);
  if (!demuxer) {
    return {
      code: 'unsupported_format',
      message: `"${probe.formatName}" is not a video container Reel accepts`,
    };
  }
  if (!probe.video) return { code: 'no_video_stream', message: 'The file has no video stream' };
  const { width, height, rotation } = probe.video;
  if (width < MIN_SIDE || height < MIN_SIDE) {
    return { code: 'too_small', message: `${width}x${height} is below ${MIN_SIDE}x${MIN_SIDE}` };
  }
  if (width * height > limits.maxPixels) {
    return {
      code: 'too_many_pixels',
      message: `${width}x${height} is over the limit of ${limits.maxPixels} pixels per frame`,
    };
  }
  if (probe.durationSec === null || !(probe.durationSec > 0)) {
    return { code: 'no_duration', message: 'The video has no measurable duration' };
  }
  if (probe.durationSec > limits.maxDurationSec) {
    return {
      code: 'too_long',
      message: `${Math.round(probe.durationSec)} s is over the ${limits.maxDurationSec} s limit`,
    };
  }
  const quarterTurn = Math.abs(rotation) % 180 === 90;
  return {
    width: quarterTurn ? height : width,
    height: quarterTurn ? width : height,
    rotation,
    durationSec: probe.durationSec,
    hasAudio: probe.hasAudio,
    demuxer,
  };
}

export const isRejection = (r: AcceptedSource | Rejection): r is Rejection => 'code' in r;
