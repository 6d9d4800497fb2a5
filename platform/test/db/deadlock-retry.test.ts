import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isConnectionLoss, rootMessage } from '../../src/db/postgres-errors.js';
import { videos } from '../../src/db/schema.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

let harness: Harness;
let first: string;
let second: string;

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  const { sdk } = await harness.tenant();
  const body = {
    filename: 'lock.mp4',
    size_bytes: 1_000,
    mime: 'video/mp4',
    sha256: 'b'.repeat(64),
  };
  first = (await sdk.uploads.create(body)).video_id;
  second = (await sdk.uploads.create(body)).video_id;
});
afterAll(() => harness?.stop());

describe('transactions', () => {
  it('that deadlock both finish: Postgres fails one, and it runs again', async () => {
    const { db } = harness.reel.ctx.database;
    const locked = new Set<string>();
    const attempts = { a: 0, b: 0 };
    const bump = (id: string) =>
      db
        .update(videos)
        .set({ title: sql`${videos.title} || '+'` })
        .where(eq(videos.id, id));
    // Each takes one row, waits (on its first attempt) until the other has its row, then asks
    // for the other's: a deadlock Postgres breaks by failing one of them.
    const crossing = (name: 'a' | 'b', mine: string, theirs: string) =>
      db.transaction(async (tx) => {
        attempts[name]++;
        await tx
          .update(videos)
          .set({ title: sql`${videos.title} || '+'` })
          .where(eq(videos.id, mine));
        locked.add(name);
        if (attempts[name] === 1)
          await until('the other lock', () => locked.size === 2 || undefined);
        await tx
          .update(videos)
          .set({ title: sql`${videos.title} || '+'` })
          .where(eq(videos.id, theirs));
      });
    await Promise.all([crossing('a', first, second), crossing('b', second, first)]);
    expect(attempts.a + attempts.b).toBe(3);
    await bump(first);
    const titles = await db
      .select({ title: videos.title })
      .from(videos)
      .where(sql`${videos.id} in (${first}, ${second})`);
    // Two updates each from the transactions that committed, and one more on the first row.
    expect(titles.map((t) => t.title.match(/\+/g)?.length).sort()).toEqual([2, 3]);
  });

  it('cut short by Postgres ending the connection read as a connection loss, not a bad query', async () => {
    const { db } = harness.reel.ctx.database;
    const cut = db.transaction(async (tx) => {
      // What an operator's shutdown does to every backend: this one ends itself.
      await tx.execute(sql`select pg_terminate_backend(pg_backend_pid())`);
    });
    const error = await cut.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isConnectionLoss(error)).toBe(true);
    expect(rootMessage(error)).toMatch(/terminat/i);
    // A query Postgres refuses is not one.
    const refused = await db.execute(sql`select 1/0`).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isConnectionLoss(refused)).toBe(false);
    expect(rootMessage(refused)).toBe('division by zero');
  });
});
