import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { LOUDNESS_TARGET, type LoudnessMeasurement } from '../../domain/loudness.js';

const run = promisify(execFile);

const { integratedLufs: I, truePeakDbtp: TP, rangeLu: LRA } = LOUDNESS_TARGET;

interface LoudnormJson {
  input_i?: string;
  input_tp?: string;
  input_lra?: string;
  input_thresh?: string;
  target_offset?: string;
}

/** loudnorm's figures, from the JSON block it prints last on stderr. */
function parseLoudnorm(stderr: string): LoudnessMeasurement | undefined {
  const block = /\{[^{}]*"input_i"[^{}]*\}/.exec(stderr)?.[0];
  const json = block ? (JSON.parse(block) as LoudnormJson) : {};
  const figures = [json.input_i, json.input_tp, json.input_lra, json.input_thresh].map(Number);
  const [integratedLufs, truePeakDbtp, rangeLu, thresholdLufs] = figures;
  if (
    integratedLufs === undefined ||
    truePeakDbtp === undefined ||
    rangeLu === undefined ||
    thresholdLufs === undefined ||
    !figures.every(Number.isFinite)
  ) {
    // Silence measures -inf: nothing to bring up, and no figures loudnorm would take.
    return undefined;
  }
  return {
    integratedLufs,
    truePeakDbtp,
    rangeLu,
    thresholdLufs,
    targetOffsetLu: Number(json.target_offset ?? 0) || 0,
  };
}

/** Decodes the first audio stream through loudnorm in measuring mode; undefined for silence. */
export async function measureLoudness(
  ffmpegPath: string,
  inputOptions: string[],
  input: string,
  timeoutSec: number,
): Promise<LoudnessMeasurement | undefined> {
  const filter = `loudnorm=I=${I}:TP=${TP}:LRA=${LRA}:print_format=json`;
  const args = [...inputOptions, '-i', input, '-map', '0:a:0', '-af', filter, '-f', 'null', '-'];
  const { stderr } = await run(ffmpegPath, ['-hide_banner', '-nostdin', ...args], {
    timeout: timeoutSec * 1000,
    maxBuffer: 16 * 1024 * 1024,
  });
  return parseLoudnorm(stderr);
}

/**
 * The second pass's filter. When one gain reaches the target without pushing the true peak
 * over its ceiling (R128's linear normalisation), a plain `volume`: loudnorm would do the same
 * but through a 192 kHz true-peak limiter, several times the cost. Otherwise loudnorm's dynamic
 * mode with the measured figures, then back to 48 kHz.
 */
export function loudnessFilter(m: LoudnessMeasurement): string {
  const gain = I - m.integratedLufs;
  if (m.truePeakDbtp + gain <= TP) return `volume=${gain.toFixed(2)}dB`;
  return [
    `loudnorm=I=${I}:TP=${TP}:LRA=${LRA}`,
    `measured_I=${m.integratedLufs}:measured_TP=${m.truePeakDbtp}`,
    `measured_LRA=${m.rangeLu}:measured_thresh=${m.thresholdLufs}`,
    `offset=${m.targetOffsetLu},aresample=48000`,
  ].join(':');
}
