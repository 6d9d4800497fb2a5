import type { Context } from '../../context.js';
import { findLiveStream, findLiveStreamById } from '../../db/live-streams.js';
import { notFound, unauthorized } from '../../domain/errors.js';
import type { Reader } from '../auth/reader.js';

/** The caller's tenant's live stream whose chat is asked for, or 404 (another tenant's too). */
export async function chattedStream(ctx: Context, tenantId: string, liveStreamId: string) {
  const stream = await findLiveStream(ctx.database.db, tenantId, liveStreamId);
  if (!stream) throw notFound('Live stream');
  return stream;
}

/**
 * How a signed stream's chat answers a caller with no credential: as missing, like a public
 * read of anything it may not see, or with a 401 that asks for a credential where the request
 * can carry one in its query (the event stream's `ticket`), as a signed manifest asks for its token.
 */
export type HiddenChatAnswer = 'missing' | 'ask-for-credential';

/**
 * The stream whose chat a reader reads: the tenant's and its viewers' own streams; with no
 * credential, one that plays without a token, as its manifest does.
 */
export async function readChattedStream(
  ctx: Context,
  reader: Reader,
  liveStreamId: string,
  hidden: HiddenChatAnswer,
) {
  if (reader.kind !== 'anyone') return chattedStream(ctx, reader.tenantId, liveStreamId);
  const stream = await findLiveStreamById(ctx.database.db, liveStreamId);
  if (!stream) throw notFound('Live stream');
  if (stream.playbackPolicy === 'public') return stream;
  throw hidden === 'missing' ? notFound('Live stream') : unauthorized();
}
