import { describe, expect, it } from 'vitest';
import { latencyLabel, livePosition } from '../../src/live-edge.js';

describe('livePosition', () => {
  it('calls a playhead within its hold-back and a segment of the edge live', () => {
    expect(livePosition({ latency: 1.3, targetLatency: 1.002, segmentTarget: 1 })).toEqual({
      latency: 1.3,
      atEdge: true,
    });
    expect(livePosition({ latency: 3, targetLatency: 1.002, segmentTarget: 1 })?.atEdge).toBe(true);
  });

  it('calls a viewer who sought back or paused behind', () => {
    expect(livePosition({ latency: 9.4, targetLatency: 1.002, segmentTarget: 1 })).toEqual({
      latency: 9.4,
      atEdge: false,
    });
  });

  it('allows a whole segment for standard latency, whose hold-back is three of them', () => {
    const standard = { targetLatency: 12, segmentTarget: 4 };
    expect(livePosition({ latency: 15.5, ...standard })?.atEdge).toBe(true);
    expect(livePosition({ latency: 16.5, ...standard })?.atEdge).toBe(false);
  });

  it('knows nothing before the engine has measured a latency', () => {
    for (const latency of [null, 0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(livePosition({ latency, targetLatency: 1, segmentTarget: 1 })).toBeUndefined();
    }
  });

  it('takes an unknown target as zero', () => {
    expect(livePosition({ latency: 1.9, targetLatency: null, segmentTarget: 1 })?.atEdge).toBe(
      true,
    );
    expect(livePosition({ latency: 2.1, targetLatency: null, segmentTarget: 1 })?.atEdge).toBe(
      false,
    );
  });
});

describe('latencyLabel', () => {
  it('reads to a tenth of a second', () => {
    expect(latencyLabel(1.3456)).toBe('1.3 s behind live');
    expect(latencyLabel(12)).toBe('12.0 s behind live');
  });
});
