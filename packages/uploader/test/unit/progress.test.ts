import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, ProgressMeter } from '../../src/progress.js';

describe('ProgressMeter', () => {
  it('reports speed over the window and the time left at that speed', () => {
    const meter = new ProgressMeter(100_000_000);
    meter.update(0, 0);
    meter.update(10_000_000, 1000);
    const progress = meter.update(20_000_000, 2000);
    expect(progress.bytesPerSecond).toBeCloseTo(10_000_000);
    expect(progress.secondsLeft).toBeCloseTo(8);
    expect(progress.fraction).toBeCloseTo(0.2);
  });

  it('forgets samples older than the window, so a stall shows as a slower speed', () => {
    const meter = new ProgressMeter(100, { windowMs: 1000 });
    meter.update(0, 0);
    meter.update(50, 500);
    meter.update(50, 3000);
    const progress = meter.update(60, 3500);
    expect(progress.bytesPerSecond).toBeCloseTo(10 / 3); // from the last sample before the window;
  });

  it('does not count bytes found on the server (a resume) as speed', () => {
    const meter = new ProgressMeter(1000);
    meter.update(0, 0);
    const resumed = meter.skipTo(600, 100);
    expect(resumed.bytesUploaded).toBe(600);
    expect(resumed.bytesPerSecond).toBe(0);
    expect(resumed.secondsLeft).toBeNull();
    expect(meter.update(700, 1100).bytesPerSecond).toBeCloseTo(100);
  });

  it('clamps to the file size and reports zero seconds left when done', () => {
    const meter = new ProgressMeter(10);
    expect(meter.update(50, 0)).toMatchObject({ bytesUploaded: 10, fraction: 1, secondsLeft: 0 });
    expect(new ProgressMeter(0).read(0).fraction).toBe(1);
  });
});

describe('formatting', () => {
  it('formats bytes in decimal units', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
    expect(formatBytes(1500)).toBe('1.50 KB');
    expect(formatBytes(31_457_280)).toBe('31.5 MB');
    expect(formatBytes(4_500_000_000)).toBe('4.50 GB');
    expect(formatBytes(Number.NaN)).toBe('–');
  });

  it('formats durations', () => {
    expect(formatDuration(null)).toBe('–');
    expect(formatDuration(4.2)).toBe('5 s');
    expect(formatDuration(185)).toBe('3 min 5 s');
    expect(formatDuration(3720)).toBe('1 h 2 min');
  });
});
