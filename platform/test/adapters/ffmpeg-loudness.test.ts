import { describe, expect, it } from 'vitest';
import { loudnessFilter } from '../../src/adapters/transcoder/ffmpeg-loudness.js';

const measured = (integratedLufs: number, truePeakDbtp: number) => ({
  integratedLufs,
  truePeakDbtp,
  rangeLu: 3,
  thresholdLufs: integratedLufs - 10,
  targetOffsetLu: 0,
});

describe('the second loudness pass', () => {
  it('applies one gain when it reaches -23 LUFS with the peak under -1 dBTP', () => {
    expect(loudnessFilter(measured(-30, -28.2))).toBe('volume=7.00dB');
    expect(loudnessFilter(measured(-14, -1))).toBe('volume=-9.00dB');
  });

  it('limits with loudnorm’s dynamic mode when the gain would push the peak over', () => {
    const filter = loudnessFilter(measured(-35, -3));
    expect(filter).toContain('loudnorm=I=-23:TP=-1:LRA=11:measured_I=-35:measured_TP=-3');
    expect(filter).toMatch(/,aresample=48000$/);
  });
});
