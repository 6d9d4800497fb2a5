import { badRequest } from './errors.js';

/** Where a chat page stopped: the last message's `seq`, going back (newest first) or forward. */
export interface ChatPosition {
  direction: 'before' | 'after';
  seq: number;
}

export const encodeChatCursor = (position: ChatPosition) =>
  Buffer.from(`${position.direction === 'after' ? 'a' : 'b'}${position.seq}`).toString('base64url');

/** Reads a cursor made by `encodeChatCursor`; anything else is a 400. */
export function decodeChatCursor(cursor: string): ChatPosition {
  const match = /^([ab])(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw badRequest(
      'invalid_cursor',
      'The cursor is not one this API returned; start again without it',
    );
  }
  return { direction: match[1] === 'a' ? 'after' : 'before', seq: Number(match[2]) };
}
