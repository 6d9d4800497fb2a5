import { describe, expect, it } from 'vitest';
import { Paginated } from '../src/lib/pages';

describe('Paginated', () => {
  const pages: Record<string, { data: number[]; next_cursor: string | null }> = {
    start: { data: [1, 2], next_cursor: 'b' },
    b: { data: [3, 4], next_cursor: 'c' },
    c: { data: [5], next_cursor: null },
  };
  const list = () =>
    new Paginated<number>(
      async (cursor) => pages[cursor ?? 'start'] ?? { data: [], next_cursor: null },
    );

  it('walks every item across pages with for await', async () => {
    const items: number[] = [];
    for await (const n of list()) items.push(n);
    expect(items).toEqual([1, 2, 3, 4, 5]);
  });

  it('walks pages, and stops early without fetching the rest', async () => {
    let fetched = 0;
    const counted = new Paginated<number>(async (cursor) => {
      fetched++;
      return pages[cursor ?? 'start'] ?? { data: [], next_cursor: null };
    });
    for await (const page of counted.pages()) {
      expect(page).toEqual([1, 2]);
      break;
    }
    expect(fetched).toBe(1);
    expect(await list().all()).toEqual([1, 2, 3, 4, 5]);
  });

  it('fetches one page at a cursor, as a "more" link carried across requests does', async () => {
    expect(await list().page()).toEqual({ data: [1, 2], next_cursor: 'b' });
    expect(await list().page('c')).toEqual({ data: [5], next_cursor: null });
  });
});
