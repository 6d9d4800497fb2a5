import { badRequest } from './errors.js';
import { isUuid } from './uuid.js';

/** Where a feed page ended: the last video's `published_at` (to the microsecond) and id. */
export interface FeedPosition {
  publishedAt: string;
  id: string;
}

/** Microseconds, as Postgres keeps them: a millisecond cursor would skip videos within one. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export const encodeFeedCursor = (position: FeedPosition) =>
  Buffer.from(JSON.stringify(['f1', position.publishedAt, position.id])).toString('base64url');

/** Reads a cursor made by `encodeFeedCursor`; anything else is a 400. */
export function decodeFeedCursor(cursor: string): FeedPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== 'f1') throw invalid();
  const [, publishedAt, id] = parsed as unknown[];
  if (typeof publishedAt !== 'string' || !INSTANT.test(publishedAt) || !isUuid(id)) {
    throw invalid();
  }
  if (Number.isNaN(Date.parse(publishedAt))) throw invalid();
  return { publishedAt, id };
}

const invalid = () =>
  badRequest('invalid_cursor', 'The cursor is not one this feed returned; start again without it');
