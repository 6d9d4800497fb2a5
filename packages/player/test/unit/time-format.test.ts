import { describe, expect, it } from 'vitest';
import { formatTime, formatTimeForSpeech } from '../../src/time-format.js';

describe('formatTime', () => {
  it('shows minutes and zero-padded seconds under an hour', () => {
    expect(formatTime(0)).toBe('0:00');
    expect(formatTime(5.9)).toBe('0:05');
    expect(formatTime(65)).toBe('1:05');
    expect(formatTime(3599)).toBe('59:59');
  });

  it('adds hours, with padded minutes, from an hour on', () => {
    expect(formatTime(3600)).toBe('1:00:00');
    expect(formatTime(3723)).toBe('1:02:03');
  });

  it('keeps the hour field when the reference duration is an hour or longer', () => {
    expect(formatTime(312, 3723)).toBe('0:05:12');
    expect(formatTime(312, 600)).toBe('5:12');
  });

  it('treats unknown, infinite and negative times as zero', () => {
    expect(formatTime(Number.NaN)).toBe('0:00');
    expect(formatTime(Number.POSITIVE_INFINITY)).toBe('0:00');
    expect(formatTime(-3)).toBe('0:00');
    expect(formatTime(10, Number.NaN)).toBe('0:10');
  });
});

describe('formatTimeForSpeech', () => {
  it('spells out units, singular and plural', () => {
    expect(formatTimeForSpeech(0)).toBe('0 seconds');
    expect(formatTimeForSpeech(1)).toBe('1 second');
    expect(formatTimeForSpeech(65)).toBe('1 minute 5 seconds');
    expect(formatTimeForSpeech(7200)).toBe('2 hours');
    expect(formatTimeForSpeech(3661)).toBe('1 hour 1 minute 1 second');
  });
});
