import { badRequest } from './errors.js';
import { isUuid } from './uuid.js';

/** A comment list's cursor names the last comment seen; its row holds the exact position. */
export const encodeCommentCursor = (commentId: string) =>
  Buffer.from(`c:${commentId}`).toString('base64url');

export function decodeCommentCursor(cursor: string): string {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const id = text.startsWith('c:') ? text.slice(2) : '';
  if (!isUuid(id)) throw invalidCommentCursor();
  return id;
}

export const invalidCommentCursor = () =>
  badRequest('invalid_cursor', 'The cursor is not one this list returned; start again without it');
