import { badRequest } from './errors.js';
import { isUuid } from './uuid.js';

export type ChannelVideosSort = 'newest' | 'most_viewed';

/** Where a channel page ended: its sort and the last video's sort values. */
export type ChannelVideosPosition =
  | { sort: 'newest'; publishedAt: string; id: string }
  | { sort: 'most_viewed'; views: number; publishedAt: string; id: string };

export function encodeChannelVideosCursor(position: ChannelVideosPosition): string {
  const values =
    position.sort === 'newest'
      ? ['c1', 'newest', position.publishedAt, position.id]
      : ['c1', 'most_viewed', position.views, position.publishedAt, position.id];
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const invalid = () =>
  badRequest(
    'invalid_cursor',
    'The cursor is not one this list returned for this sort; start again without it',
  );

/** Reads a cursor made by `encodeChannelVideosCursor` for the same sort; anything else is a 400. */
export function decodeChannelVideosCursor(
  cursor: string,
  sort: ChannelVideosSort,
): ChannelVideosPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed[0] !== 'c1' || parsed[1] !== sort) throw invalid();
  const [publishedAt, id] = parsed.slice(-2) as unknown[];
  if (typeof publishedAt !== 'string' || Number.isNaN(Date.parse(publishedAt))) throw invalid();
  if (!isUuid(id)) throw invalid();
  if (sort === 'newest') {
    if (parsed.length !== 4) throw invalid();
    return { sort, publishedAt, id };
  }
  const views = parsed[2] as unknown;
  if (parsed.length !== 5 || !Number.isSafeInteger(views) || (views as number) < 0) {
    throw invalid();
  }
  return { sort, views: views as number, publishedAt, id };
}
