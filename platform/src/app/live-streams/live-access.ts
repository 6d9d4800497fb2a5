import type { Context } from '../../context.js';
import { findLiveStreamById } from '../../db/live-streams.js';
import { notFound } from '../../domain/errors.js';
import { type PlaybackResource, tokenRequired } from '../../domain/playback-tokens.js';
import { signedGrant } from '../playback/playback-access.js';
import type { PlaybackAccess } from '../playback/playback-answer.js';

/** What a live playback request may see: the stream, and for signed ones the `st` for URIs. */
export interface LiveGrant {
  streamId: string;
  /** Appended to every URI of a signed stream's playlists; undefined for public streams. */
  st: string | undefined;
  /** Highest rendition allowed (0: any). */
  maxHeight: number;
}

/**
 * A public stream plays for anyone; a signed one through the very checks a signed video's
 * playback goes through, with the stream's id as the subject, so a video's token or `st` opens
 * no stream and one stream's opens no other.
 */
export async function authorizeLivePlayback(
  ctx: Context,
  streamId: string,
  resource: PlaybackResource,
  access: PlaybackAccess,
): Promise<LiveGrant> {
  const stream = await findLiveStreamById(ctx.database.db, streamId);
  if (!stream) throw notFound('Live stream');
  if (stream.playbackPolicy === 'public') return { streamId, st: undefined, maxHeight: 0 };
  const granted = await signedGrant(ctx, stream, resource, access);
  if (!granted) throw tokenRequired();
  return { streamId, st: granted.st, maxHeight: granted.maxHeight };
}
