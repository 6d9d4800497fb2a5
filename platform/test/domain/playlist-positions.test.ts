import { describe, expect, it } from 'vitest';
import { ReelError } from '../../src/domain/errors.js';
import {
  decodeItemCursor,
  encodeItemCursor,
  insertionPosition,
  type PositionShift,
  parkedPosition,
  shiftForInsert,
  shiftForMove,
  shiftForRemove,
} from '../../src/domain/playlist-positions.js';

/** Applies a shift the way db/playlists.ts does: park the moving rows, then unpark them. */
function apply(order: string[], shift: PositionShift, placed?: { id: string; position: number }) {
  const positions = new Map(order.map((id, position) => [id, position]));
  for (const [id, position] of positions) {
    if (placed?.id === id) positions.set(id, parkedPosition(placed.position));
    else if (position >= shift.from && position <= shift.to) {
      positions.set(id, parkedPosition(position + shift.delta));
    }
  }
  const parked = [...positions.values()].filter((p) => p < 0);
  expect(new Set(parked).size).toBe(parked.length);
  for (const [id, position] of positions) if (position < 0) positions.set(id, -position - 1);
  return positions;
}

const asOrder = (positions: Map<string, number>) => {
  const order: string[] = [];
  for (const [id, position] of positions) order[position] = id;
  return order;
};

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return { status: (error as ReelError).status, code: (error as ReelError).code };
  }
  return undefined;
};

describe('dense playlist positions', () => {
  it('appends by default and inserts anywhere up to the end', () => {
    expect(insertionPosition(undefined, 3)).toBe(3);
    expect(insertionPosition(0, 3)).toBe(0);
    expect(insertionPosition(3, 3)).toBe(3);
    expect(refusal(() => insertionPosition(4, 3))).toEqual({
      status: 400,
      code: 'position_out_of_range',
    });
  });

  it('refuses a move past the last item', () => {
    expect(refusal(() => shiftForMove(0, 3, 3))).toEqual({
      status: 400,
      code: 'position_out_of_range',
    });
  });

  it('keeps positions 0..n-1 through 500 random inserts, moves and removes', () => {
    let order: string[] = [];
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    for (let step = 0; step < 500; step++) {
      const choice = order.length === 0 ? 0 : random(3);
      if (choice === 0) {
        const id = `v${step}`;
        const at = insertionPosition(random(order.length + 1), order.length);
        const positions = apply(order, shiftForInsert(at, order.length));
        positions.set(id, at);
        const expected = [...order];
        expected.splice(at, 0, id);
        order = asOrder(positions);
        expect(order).toEqual(expected);
      } else if (choice === 1) {
        const from = random(order.length);
        const to = random(order.length);
        const id = order[from] as string;
        const expected = [...order];
        expected.splice(from, 1);
        expected.splice(to, 0, id);
        order = asOrder(apply(order, shiftForMove(from, to, order.length), { id, position: to }));
        expect(order).toEqual(expected);
      } else {
        const at = random(order.length);
        const expected = order.filter((_, i) => i !== at);
        const positions = apply(
          order.map((id, i) => (i === at ? '' : id)),
          shiftForRemove(at, order.length),
        );
        positions.delete('');
        order = asOrder(positions);
        expect(order).toEqual(expected);
      }
      expect(Object.keys(order).map(Number)).toEqual(order.map((_, i) => i));
    }
  });

  it('round-trips an item cursor and refuses a forged one', () => {
    expect(decodeItemCursor(encodeItemCursor(41))).toBe(41);
    for (const forged of ['', 'nope', Buffer.from('i-1').toString('base64url')]) {
      expect(refusal(() => decodeItemCursor(forged))).toEqual({
        status: 400,
        code: 'invalid_cursor',
      });
    }
    expect(() => decodeItemCursor('x')).toThrow(ReelError);
  });
});
