import { badRequest } from './errors.js';

/**
 * A playlist's positions are dense: 0..n-1. Every change is one run of neighbours moving by
 * one step, plus at most one item placed at its new position.
 */
export interface PositionShift {
  /** First and last position (inclusive) of the run that moves; empty when from > to. */
  from: number;
  to: number;
  delta: 1 | -1;
}

const outOfRange = (max: number) =>
  badRequest('position_out_of_range', `The position must be between 0 and ${max}`, { max });

/** Where a new item goes among `count` items: at the end unless asked, never past it. */
export function insertionPosition(requested: number | undefined, count: number): number {
  if (requested === undefined) return count;
  if (requested > count) throw outOfRange(count);
  return requested;
}

/** Inserting at `position` pushes the items from there on down one. */
export const shiftForInsert = (position: number, count: number): PositionShift => ({
  from: position,
  to: count - 1,
  delta: 1,
});

/** Removing the item at `position` pulls the items after it up one. */
export const shiftForRemove = (position: number, count: number): PositionShift => ({
  from: position + 1,
  to: count - 1,
  delta: -1,
});

/** Moving an item from `current` to `target` shifts the items between them toward `current`. */
export function shiftForMove(current: number, target: number, count: number): PositionShift {
  if (target > count - 1) throw outOfRange(count - 1);
  return target < current
    ? { from: target, to: current - 1, delta: 1 }
    : { from: current + 1, to: target, delta: -1 };
}

/**
 * The value a row holds between the two steps of a shift: negative, so it can never meet a
 * live position under the unique index, and distinct for distinct final positions.
 */
export const parkedPosition = (finalPosition: number) => -finalPosition - 1;

/** Cursor over a playlist's items: the last position seen. */
export const encodeItemCursor = (position: number) =>
  Buffer.from(`i${position}`).toString('base64url');

export function decodeItemCursor(cursor: string): number {
  const match = /^i(\d{1,6})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    throw badRequest(
      'invalid_cursor',
      'The cursor is not one this API returned; start again without it',
    );
  }
  return Number(match[1]);
}
