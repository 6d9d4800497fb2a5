import { badRequest } from './errors.js';
import { isUuid } from './uuid.js';

/** Keyset position for newest-first lists: the last row's creation time and id. */
export interface ListPosition {
  createdAt: string;
  id: string;
}

export function encodeCursor(position: ListPosition): string {
  return Buffer.from(JSON.stringify([position.createdAt, position.id])).toString('base64url');
}

/** Reads a cursor made by `encodeCursor`; anything else is a 400, never a query error. */
export function decodeCursor(cursor: string): ListPosition {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalid();
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid();
  const [createdAt, id] = parsed as unknown[];
  if (typeof createdAt !== 'string' || Number.isNaN(Date.parse(createdAt))) throw invalid();
  if (!isUuid(id)) throw invalid();
  return { createdAt, id };
}

const invalid = () =>
  badRequest('invalid_cursor', 'The cursor is not one this API returned; start again without it');

/** Cursor over an upload's parts: the last part number seen. */
export const encodePartCursor = (partNumber: number) =>
  Buffer.from(`p${partNumber}`).toString('base64url');

export function decodePartCursor(cursor: string): number {
  const match = /^p(\d{1,5})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalid();
  return Number(match[1]);
}

/** Cursor over the audit log: the last entry's `seq`. */
export const encodeSeqCursor = (seq: number) => Buffer.from(`a${seq}`).toString('base64url');

export function decodeSeqCursor(cursor: string): number {
  const match = /^a(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) throw invalid();
  return Number(match[1]);
}
