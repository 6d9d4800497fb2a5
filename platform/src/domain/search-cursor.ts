import type { SearchSort } from '../ports/search-index.js';
import { badRequest } from './errors.js';

/**
 * Where a search page ended: the sort it belongs to, the instant its recency boost was computed
 * against (so page two ranks exactly like page one), and the last hit's sort values.
 */
/**
 * A video search's sort, `channels` (a channel search's one order, relevance) or `related`
 * (related videos, by similarity).
 */
export type CursorOrder = SearchSort | 'channels' | 'related';

export interface SearchPosition {
  sort: CursorOrder;
  asOf: number;
  after: (string | number)[];
}

const SORTS: readonly CursorOrder[] = ['relevance', 'newest', 'most_viewed', 'channels', 'related'];

export const encodeSearchCursor = (position: SearchPosition) =>
  Buffer.from(JSON.stringify(['s1', position.sort, position.asOf, position.after])).toString(
    'base64url',
  );

const invalid = () =>
  badRequest(
    'invalid_cursor',
    'The cursor is not one this search returned; start again without it',
  );

/** Reads a cursor made by `encodeSearchCursor` for the same sort; anything else is a 400. */
export function decodeSearchCursor(
  cursor: string,
  sort: CursorOrder,
  width: number,
): SearchPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 4 || parsed[0] !== 's1') throw invalid();
  const [, cursorSort, asOf, after] = parsed as unknown[];
  if (!SORTS.includes(cursorSort as CursorOrder) || cursorSort !== sort) {
    throw badRequest('invalid_cursor', 'The cursor belongs to another sort order');
  }
  if (typeof asOf !== 'number' || !Number.isFinite(asOf) || asOf <= 0) throw invalid();
  if (
    !Array.isArray(after) ||
    after.length !== width ||
    !after.every(
      (v) =>
        (typeof v === 'number' && Number.isFinite(v)) || (typeof v === 'string' && v.length < 100),
    )
  ) {
    throw invalid();
  }
  return { sort, asOf, after };
}
