import { type Answer, answer } from './answer.js';

const serialised = new WeakMap<object, string>();

/**
 * A 200 with `value` as JSON, serialised once per object: a use case that hands out the same
 * object again (a cached view) gets its bytes back instead of paying for serialisation again.
 */
export function jsonOnce(value: object): Answer {
  let bytes = serialised.get(value);
  if (bytes === undefined) {
    bytes = JSON.stringify(value);
    serialised.set(value, bytes);
  }
  return answer(200, bytes, { 'content-type': 'application/json; charset=utf-8' });
}
