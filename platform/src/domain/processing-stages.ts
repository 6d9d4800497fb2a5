import type { MediaProbe } from './media-checks.js';

/** The stages the transcode path writes; `uploaded` and `published` come from their own rows. */
export type RecordedStage = 'probed' | 'encoding' | 'playable' | 'stored' | 'failed';
export type Stage = 'uploaded' | RecordedStage | 'published';

/** The order a timeline lists its stages in. */
export const STAGE_ORDER: readonly Stage[] = [
  'uploaded',
  'probed',
  'encoding',
  'playable',
  'stored',
  'published',
  'failed',
];

export interface ProbedInput {
  container: string;
  duration_sec: number | null;
  width: number | null;
  height: number | null;
  video_codec: string | null;
  audio_codec: string | null;
  fps: number | null;
  rotation: number;
  notes: string[];
}

export type StageDetail = { input: ProbedInput } | { error: { code: string; message: string } };

const COMMON_FPS = [23.976, 24, 25, 29.97, 30, 48, 50, 59.94, 60];
const COMMON_VIDEO_CODECS = ['h264', 'hevc', 'vp9', 'av1'];

/** What a person would want to know is unusual about an input, one sentence each. */
function unusual(probe: MediaProbe): string[] {
  const notes: string[] = [];
  const v = probe.video;
  if (v && v.rotation !== 0) notes.push(`Rotated ${v.rotation}°: displayed turned.`);
  if (v?.fps != null && !COMMON_FPS.some((f) => Math.abs(f - (v.fps ?? 0)) < 0.01)) {
    notes.push(`Unusual frame rate: ${v.fps} fps.`);
  }
  if (v && v.fps === null) notes.push('No declared frame rate.');
  if (v && !COMMON_VIDEO_CODECS.includes(v.codec)) notes.push(`Uncommon video codec: ${v.codec}.`);
  if (v && (v.width % 2 !== 0 || v.height % 2 !== 0)) notes.push('Odd frame dimensions.');
  if (!probe.hasAudio) notes.push('No audio stream.');
  return notes;
}

export function probedInput(probe: MediaProbe): ProbedInput {
  return {
    container: probe.formatName,
    duration_sec: probe.durationSec,
    width: probe.video?.width ?? null,
    height: probe.video?.height ?? null,
    video_codec: probe.video?.codec ?? null,
    audio_codec: probe.audioCodec,
    fps: probe.video?.fps ?? null,
    rotation: probe.video?.rotation ?? 0,
    notes: unusual(probe),
  };
}

/** Progress writes from one encode come at most this often. */
export const PROGRESS_WRITE_INTERVAL_MS = 1000;
