import type { Context } from '../../context.js';
import { cachedVideo } from '../../db/cached-videos.js';
import { notFound } from '../../domain/errors.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { mediaAnswer } from './media-answer.js';
import { authorizePlayback } from './playback-access.js';
import type { PlaybackAccess, PlaybackAnswer } from './playback-answer.js';

/** A made MP4 download (`<name>.mp4`) and the file name a browser saves it under. */
export async function getDownload(
  ctx: Context,
  input: { videoId: string; file: string; access: PlaybackAccess },
): Promise<{ answer: PlaybackAnswer; filename: string }> {
  const grant = await authorizePlayback(ctx, input.videoId, 'download', input.access);
  const name = input.file.replace(/\.mp4$/, '');
  const found = await cachedVideo(ctx, grant.video.id);
  if (!found?.downloads?.some((d) => d.name === name)) throw notFound('Download');
  const key = mediaKeys.download(grant.video.id, name);
  const filename = `${grant.video.title || grant.video.id}.mp4`;
  // Served from the store, the file must still be saved under its name.
  const answer = await mediaAnswer(ctx, grant, key, 'video/mp4', filename);
  return { answer, filename };
}
