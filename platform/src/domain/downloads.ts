/** Which progressive MP4 downloads a video gets (Mux static renditions). */
export type Mp4Support = 'none' | 'highest' | 'all';

export interface DownloadSource {
  /** The download's name in its URL: a rendition id, or `highest`. */
  name: string;
  renditionId: string;
  width: number;
  height: number;
}

/** The downloads `support` asks for, from the video's stored (video) renditions. */
export function plannedDownloads(
  support: Mp4Support,
  renditions: readonly { renditionId: string; width: number; height: number }[],
): DownloadSource[] {
  const video = renditions
    .filter((r) => r.renditionId !== 'audio')
    .toSorted((a, b) => b.width * b.height - a.width * a.height);
  if (support === 'none') return [];
  if (support === 'highest') {
    const top = video[0];
    return top ? [{ name: 'highest', ...pick(top) }] : [];
  }
  return video.map((r) => ({ name: r.renditionId, ...pick(r) }));
}

const pick = (r: { renditionId: string; width: number; height: number }) => ({
  renditionId: r.renditionId,
  width: r.width,
  height: r.height,
});
