import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import { openTenantSession } from '../../src/db/tenant-session.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let a: { tenantId: string; videoId: string };
let b: { tenantId: string; videoId: string };

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  const body = {
    filename: 'rls.mp4',
    size_bytes: 6_000_000,
    mime: 'video/mp4',
    sha256: 'a'.repeat(64),
  };
  const ta = await harness.tenant();
  const tb = await harness.tenant();
  a = { tenantId: ta.tenantId, videoId: (await ta.sdk.uploads.create(body)).video_id };
  b = { tenantId: tb.tenantId, videoId: (await tb.sdk.uploads.create(body)).video_id };
});
afterAll(() => harness?.stop());

describe('row-level security', () => {
  it('limits a query with no tenant filter at all to the session tenant', async () => {
    const session = openTenantSession(harness.reel.ctx.database.pool, a.tenantId);
    try {
      const rows = await session.db
        .select({ id: videos.id, tenantId: videos.tenantId })
        .from(videos);
      expect(rows.length).toBeGreaterThan(0);
      expect(rows.every((r) => r.tenantId === a.tenantId)).toBe(true);
      expect(rows.map((r) => r.id)).not.toContain(b.videoId);
      const counted = await session.db.execute<{ n: number }>(
        sql`select count(*)::int as n from uploads where video_id = ${b.videoId}`,
      );
      expect(counted.rows[0]?.n).toBe(0);
    } finally {
      await session.close();
    }
  });

  it("refuses to write another tenant's rows, or rows for another tenant", async () => {
    const session = openTenantSession(harness.reel.ctx.database.pool, a.tenantId);
    try {
      const changed = await session.db.execute(
        sql`update videos set title = 'taken' where id = ${b.videoId}`,
      );
      expect(changed.rowCount).toBe(0);
      const planted = await session.db
        .insert(videos)
        .values({
          tenantId: b.tenantId,
          status: 'waiting_for_upload',
          title: 'planted',
          originalKey: 'x',
        })
        .catch((error: { cause?: { message?: string } }) => error);
      expect((planted as { cause?: { message?: string } }).cause?.message).toMatch(
        /row-level security/,
      );
    } finally {
      await session.close();
    }
  });

  it('runs as a role that does not own the tables and cannot bypass the policies', async () => {
    const session = openTenantSession(harness.reel.ctx.database.pool, a.tenantId);
    try {
      const who = await session.db.execute<{
        role: string;
        owner: string;
        bypass: boolean;
        forced: boolean;
      }>(sql`
        select current_user as role, pg_get_userbyid(c.relowner) as owner,
               (select rolbypassrls or rolsuper from pg_roles where rolname = current_user) as bypass,
               c.relforcerowsecurity as forced
          from pg_class c where c.relname = 'videos'`);
      expect(who.rows[0]).toMatchObject({ role: 'reel_app', bypass: false, forced: true });
      expect(who.rows[0]?.owner).not.toBe('reel_app');
    } finally {
      await session.close();
    }
  });

  it('hands connections back to the pool as the owner again', async () => {
    const session = openTenantSession(harness.reel.ctx.database.pool, a.tenantId);
    await session.db.select({ id: videos.id }).from(videos);
    await session.close();
    const pool = harness.reel.ctx.database.pool;
    const clients = await Promise.all(
      Array.from({ length: pool.totalCount }, () => pool.connect()),
    );
    for (const client of clients) {
      const { rows } = await client.query(
        `select current_user as role, current_setting('reel.tenant_id', true) as tenant`,
      );
      expect(rows[0]).toMatchObject({ role: 'reel' });
      expect(rows[0].tenant ?? '').toBe('');
      client.release();
    }
  });
});
