import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { type Blocklist, insertBlockedMedia } from '../../db/blocked-media.js';
import { findBlockableVideo } from '../../db/fingerprints.js';
import { findPlayableVideo, findVideo } from '../../db/videos.js';
import { badRequest, conflict, notFound } from '../../domain/errors.js';
import { type ApiBlockedMedia, blockedMediaView } from './blocked-media-view.js';

/** The hash to block and, for a video, its frame hashes: a tenant names only its own videos. */
async function whatToBlock(
  ctx: Context,
  list: Blocklist,
  input: components['schemas']['CreateBlockedMediaRequest'],
) {
  if ((input.sha256 === undefined) === (input.video_id === undefined)) {
    throw badRequest('invalid_request', 'Give either sha256 or video_id');
  }
  if (input.sha256 !== undefined) return { sha256: input.sha256, videoId: null, frameHashes: null };
  const videoId = input.video_id as string;
  const db = ctx.database.db;
  const owned =
    list === null
      ? await findPlayableVideo(db, videoId)
      : (await findVideo(db, list, videoId))?.video;
  if (!owned) throw notFound('Video');
  const video = await findBlockableVideo(db, owned.tenantId, videoId);
  if (!video) {
    throw conflict('invalid_video_status', 'Block a video once it is transcoded', {
      status: owned.status,
    });
  }
  return { sha256: video.sha256, videoId, frameHashes: video.frameHashes };
}

/**
 * Blocks a hash, or a video's file and picture (its SHA-256 and frame hashes), on a tenant's
 * list, or the operator's (`tenantId` null) for every tenant; blocking it again answers the
 * first entry unchanged.
 */
export async function blockMedia(
  ctx: Context,
  input: { tenantId: Blocklist } & components['schemas']['CreateBlockedMediaRequest'],
): Promise<{ entry: ApiBlockedMedia; created: boolean }> {
  const blocked = await whatToBlock(ctx, input.tenantId, input);
  const { row, created } = await insertBlockedMedia(ctx.database.db, {
    tenantId: input.tenantId,
    ...blocked,
    reason: input.reason,
    note: input.note ?? null,
    // A millisecond time, so the list cursor (which holds milliseconds) names the row exactly.
    createdAt: new Date(),
  });
  return { entry: blockedMediaView(row), created };
}
