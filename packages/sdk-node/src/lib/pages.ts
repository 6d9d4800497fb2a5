/** A paginated list: `for await` walks every item across pages; `pages()` walks the pages. */
export class Paginated<T> implements AsyncIterable<T> {
  constructor(
    private readonly fetchPage: (
      cursor?: string,
    ) => Promise<{ data: T[]; next_cursor: string | null }>,
  ) {}

  /**
   * One page, from `cursor` (the `next_cursor` of the page before; none for the first): for a
   * "more" link that carries the cursor from one request to the next.
   */
  page(cursor?: string): Promise<{ data: T[]; next_cursor: string | null }> {
    return this.fetchPage(cursor);
  }

  async *pages(): AsyncGenerator<T[]> {
    let cursor: string | undefined;
    do {
      const page = await this.fetchPage(cursor);
      yield page.data;
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    for await (const page of this.pages()) yield* page;
  }

  /** Every item, in order (mind the size of what you ask for). */
  async all(): Promise<T[]> {
    const items: T[] = [];
    for await (const item of this) items.push(item);
    return items;
  }
}
