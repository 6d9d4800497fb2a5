import { decodeCursor, encodeCursor } from './cursor.js';
import { badRequest } from './errors.js';
import { isUuid } from './uuid.js';

export type VideoListSort = 'newest' | 'most_viewed';

/** Where a page of the tenant's videos ended: its sort and the last video's sort values. */
export type VideoListPosition =
  | { sort: 'newest'; createdAt: string; id: string }
  | { sort: 'most_viewed'; views: number; createdAt: string; id: string };

/** Newest-first cursors keep the format they always had, so cursors already handed out still work. */
export function encodeVideoListCursor(position: VideoListPosition): string {
  if (position.sort === 'newest') return encodeCursor(position);
  const values = ['m1', position.views, position.createdAt, position.id];
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

const invalid = () =>
  badRequest(
    'invalid_cursor',
    'The cursor is not one this list returned for this sort; start again without it',
  );

/** Reads a cursor made by `encodeVideoListCursor` for the same sort; anything else is a 400. */
export function decodeVideoListCursor(cursor: string, sort: VideoListSort): VideoListPosition {
  if (sort === 'newest') return { sort, ...decodeCursor(cursor) };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || parsed[0] !== 'm1') throw invalid();
  const [, views, createdAt, id] = parsed as unknown[];
  if (!Number.isSafeInteger(views) || (views as number) < 0) throw invalid();
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) throw invalid();
  if (!isUuid(id)) throw invalid();
  return { sort, views: views as number, createdAt, id };
}
