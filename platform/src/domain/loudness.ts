/**
 * EBU R128: programme loudness -23 LUFS integrated, true peak at most -1 dBTP; the range is
 * allowed wide (11 LU) so music keeps its dynamics and the gain stays one linear step.
 */
export const LOUDNESS_TARGET = { integratedLufs: -23, truePeakDbtp: -1, rangeLu: 11 } as const;

/** What a measuring pass found: ffmpeg loudnorm's `input_*` figures and its offset. */
export interface LoudnessMeasurement {
  integratedLufs: number;
  truePeakDbtp: number;
  rangeLu: number;
  thresholdLufs: number;
  targetOffsetLu: number;
}
