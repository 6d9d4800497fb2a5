import { decodeCursor, encodeCursor, type ListPosition } from '../domain/cursor.js';

/**
 * Runs a newest-first keyset query for one page: asks for one row more than `limit` to know
 * whether another page exists, and turns the last row into the next cursor.
 */
export async function listPage<Row extends { id: string; createdAt: Date }, Item>(
  query: { cursor?: string; limit?: number },
  fetchRows: (after: ListPosition | undefined, limit: number) => Promise<Row[]>,
  view: (row: Row) => Item,
) {
  const limit = query.limit ?? 25;
  const rows = await fetchRows(query.cursor ? decodeCursor(query.cursor) : undefined, limit + 1);
  return pageOf(rows, limit, view, (last) =>
    encodeCursor({ createdAt: last.createdAt.toISOString(), id: last.id }),
  );
}

/**
 * One page of rows fetched with one more than `limit`; the last one kept makes the next cursor
 * (none where it has no position to continue from).
 */
export function pageOf<Row, Item>(
  rows: Row[],
  limit: number,
  view: (row: Row) => Item,
  cursorAfter: (last: Row) => string | null,
) {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    data: page.map(view),
    next_cursor: rows.length > limit && last ? cursorAfter(last) : null,
  };
}
