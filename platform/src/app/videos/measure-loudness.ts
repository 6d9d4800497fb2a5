import type { Context } from '../../context.js';
import type { TranscodeJob } from '../../ports/transcoder.js';

/**
 * The job with the audio's measured loudness when the video asks for normalisation (EBU R128's
 * first pass); the encode then applies one gain from those figures. Silence is left as it is.
 */
export async function withLoudness(
  ctx: Context,
  normalizeAudio: boolean,
  job: TranscodeJob,
): Promise<TranscodeJob> {
  if (!normalizeAudio || !job.audio) return job;
  const loudness = await ctx.transcoder.measureLoudness(job);
  return loudness ? { ...job, loudness } : job;
}
