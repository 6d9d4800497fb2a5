import { badRequest } from './errors.js';
import type { LiveStreamStatus } from './live-stream-status.js';

// One line of text: no control character at all, newlines included.
const CONTROL = /\p{Cc}/u;

/** Checks a chat message's text: one line, not only blanks. */
export function checkChatText(text: string): string {
  const refuse = (message: string) =>
    badRequest('invalid_request', `text ${message}`, {
      errors: [{ path: 'body/text', message }],
    });
  if (CONTROL.test(text)) throw refuse('must not contain control characters');
  if (text.trim() === '') throw refuse('must not be only blanks');
  return text;
}

/** A stream takes chat before its first session and while one runs, not once ended or disabled. */
export const chatIsOpen = (status: LiveStreamStatus) => status === 'idle' || status === 'active';

/** Seconds from the session's start, to the millisecond; null before any session. */
export function secondsIntoSession(sessionStartedAt: Date | null, at: Date): number | null {
  if (!sessionStartedAt) return null;
  return Math.max(0, Math.round(at.getTime() - sessionStartedAt.getTime()) / 1000);
}
