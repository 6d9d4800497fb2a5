import { badRequest } from './errors.js';

// Newline and tab are text; every other control character is not, and is refused.
const CONTROL = /(?![\n\t])\p{Cc}/u;

/** Checks a comment's text: plain text, stored and shown as written. */
export function checkCommentText(text: string): string {
  if (CONTROL.test(text)) {
    throw badRequest('invalid_request', 'text must not contain control characters', {
      errors: [
        { path: 'body/text', message: 'must not contain control characters but \\n and \\t' },
      ],
    });
  }
  return text;
}
