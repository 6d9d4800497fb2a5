/** One HLS video rendition: what the transcoder encodes and the master playlist lists. */
export interface Rung {
  id: string;
  width: number;
  height: number;
  videoKbps: number;
}

/** Short-side heights and their bitrates for 16:9 content (H.264, medium motion). */
const RUNGS: readonly { short: number; kbps: number }[] = [
  { short: 240, kbps: 400 },
  { short: 360, kbps: 800 },
  { short: 480, kbps: 1400 },
  { short: 720, kbps: 2800 },
  { short: 1080, kbps: 5000 },
  { short: 1440, kbps: 9000 },
  { short: 2160, kbps: 16000 },
];

const even = (n: number) => Math.max(2, 2 * Math.round(n / 2));

/**
 * The ladder for a source of the given display size: every rung up to the source's short side
 * (2160 at most), never upscaled, even dimensions, the source's aspect ratio kept. A source
 * smaller than the lowest rung gets one rendition at its own size.
 */
export function chooseLadder(width: number, height: number): Rung[] {
  const short = Math.min(width, height);
  const landscape = width >= height;
  const fitting = RUNGS.filter((r) => r.short <= short);
  const rungs =
    fitting.length > 0 ? fitting : [{ short: even(short), kbps: RUNGS[0]?.kbps ?? 400 }];
  return rungs.map(({ short: s, kbps }) => {
    const long = even((s * Math.max(width, height)) / short);
    const [w, h] = landscape ? [long, s] : [s, long];
    // Scale the bitrate with the picture area relative to 16:9 at this height.
    const area = (w * h) / (((s * 16) / 9) * s);
    return { id: `${s}p`, width: w, height: h, videoKbps: Math.round(kbps * Math.min(area, 1.5)) };
  });
}

export const AUDIO_KBPS = 128;
