/** The fields of a video that decide who may see it. */
export interface VideoExposure {
  tenantId: string;
  status: string;
  visibility: string;
  playbackPolicy: string;
  deletedAt: Date | null;
}

/**
 * Whether a reader other than the tenant sees a video: it must play (ready, or playable while
 * it still encodes, since its manifest already plays), be live and not private; one of the
 * tenant's viewers sees signed videos too, a caller with no credential only those that play
 * without a token. Any other video reads as missing. Lists and feeds wait for ready.
 */
export function shownTo(
  video: VideoExposure,
  reader: { kind: 'anyone' } | { kind: 'viewer'; tenantId: string },
): boolean {
  const plays = video.status === 'ready' || video.status === 'playable';
  return plays && wouldBeShownTo(video, reader);
}

/** Whether `shownTo` would show the video were it ready: who is told it was taken down. */
export function wouldBeShownTo(
  video: VideoExposure,
  reader: { kind: 'anyone' } | { kind: 'viewer'; tenantId: string },
): boolean {
  if (video.deletedAt || video.visibility === 'private') return false;
  return reader.kind === 'viewer'
    ? video.tenantId === reader.tenantId
    : video.playbackPolicy === 'public';
}
