import type { Queryable } from './connection.js';
import { videoRenditions, videos } from './schema.js';
import type { NewVideo, RenditionRow } from './videos.js';

/**
 * A video made from a live recording, with its renditions: it starts `processing` (its media is
 * stored, nothing to upload or transcode) and the caller moves it on with `transitionVideo`.
 */
export async function insertRecordedVideo(
  tx: Queryable,
  video: NewVideo & { id: string },
  renditions: RenditionRow[],
): Promise<void> {
  await tx.insert(videos).values({ ...video, status: 'processing' });
  await tx.insert(videoRenditions).values(renditions);
}
