const THUMBNAIL_WIDTHS = { small: 320, medium: 640, large: 1280 } as const;

export interface ThumbnailPlan {
  size: string;
  width: number;
  height: number;
}

/** Each size at its width, or the source's if narrower: even sides, the aspect ratio kept. */
export function planThumbnails(width: number, height: number): ThumbnailPlan[] {
  return Object.entries(THUMBNAIL_WIDTHS).map(([size, wanted]) => {
    const w = Math.min(wanted, width - (width % 2));
    return { size, width: w, height: Math.max(2, 2 * Math.round((w * height) / width / 2)) };
  });
}

/** The poster frame: halfway in, 10 s at most; a clip under 2 s shows its first frame. */
export const thumbnailAtSec = (durationSec: number): number =>
  durationSec < 2 ? 0 : Math.min(durationSec / 2, 10);
