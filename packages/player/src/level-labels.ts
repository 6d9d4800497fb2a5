/** The parts of an hls.js Level (one rendition) that name it. */
export interface RenditionLevel {
  height?: number;
  width?: number;
  bitrate: number;
}

export interface QualityOption {
  /** hls.js level index; -1 is automatic (adaptive) selection. */
  level: number;
  label: string;
}

function formatBitrate(bitsPerSecond: number): string {
  if (bitsPerSecond >= 1_000_000) return `${(bitsPerSecond / 1_000_000).toFixed(1)} Mbps`;
  return `${Math.round(bitsPerSecond / 1000)} kbps`;
}

/**
 * "720p" for a rendition; the bitrate joins the label only when two renditions share a height, so
 * every menu entry stays distinguishable. Audio-only or unknown sizes fall back to the bitrate.
 */
export function levelLabel(
  level: RenditionLevel,
  allLevels: readonly RenditionLevel[] = [],
): string {
  if (!level.height) return formatBitrate(level.bitrate);
  const sameHeight = allLevels.filter((other) => other.height === level.height).length;
  return sameHeight > 1 ? `${level.height}p (${formatBitrate(level.bitrate)})` : `${level.height}p`;
}

/** The rendition a view report names, such as `720p`; none for an audio-only or unsized one. */
export const renditionName = (level: RenditionLevel | undefined) =>
  level?.height ? `${level.height}p` : undefined;

/** Quality menu entries: "Auto" first, then renditions from the highest to the lowest. */
export function qualityOptions(levels: readonly RenditionLevel[]): QualityOption[] {
  const renditions = levels
    .map((level, index) => ({ level: index, label: levelLabel(level, levels), source: level }))
    .sort(
      (a, b) =>
        (b.source.height ?? 0) - (a.source.height ?? 0) || b.source.bitrate - a.source.bitrate,
    )
    .map(({ level, label }) => ({ level, label }));
  return [{ level: -1, label: 'Auto' }, ...renditions];
}

/** "Auto (480p)": what automatic selection is playing right now, when known. */
export function autoQualityLabel(
  playingLevel: RenditionLevel | undefined,
  levels: readonly RenditionLevel[],
): string {
  return playingLevel ? `Auto (${levelLabel(playingLevel, levels)})` : 'Auto';
}
