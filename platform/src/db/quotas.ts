import { eq, sql } from 'drizzle-orm';
import type { QuotaLimits, QuotaUsage } from '../domain/quotas.js';
import type { Queryable } from './connection.js';
import { tenants } from './schema.js';

export async function tenantLimits(db: Queryable, tenantId: string): Promise<QuotaLimits> {
  const [row] = await db
    .select({ quotas: tenants.quotas })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  return row?.quotas ?? {};
}

export async function setTenantLimits(db: Queryable, tenantId: string, quotas: QuotaLimits) {
  const [row] = await db
    .update(tenants)
    .set({ quotas })
    .where(eq(tenants.id, tenantId))
    .returning();
  return row;
}

/** Locks the tenant's row, so two changes to its limits apply one after the other. */
export async function lockTenant(db: Queryable, tenantId: string) {
  const [row] = await db.select().from(tenants).where(eq(tenants.id, tenantId)).for('update');
  return row;
}

/**
 * What a tenant uses of each quota, from its rows: sources of videos kept, videos kept,
 * minutes transcoded since midnight UTC, its largest upload kept, endpoints kept, and its
 * transcode jobs leased now on the Postgres queue (Kafka's are not counted).
 */
export async function tenantUsage(db: Queryable, tenantId: string): Promise<QuotaUsage> {
  const result = await db.execute<{
    storage_bytes: string;
    videos: string;
    encoded_minutes_per_day: string;
    upload_bytes: string;
    webhook_endpoints: string;
    concurrent_transcodes: string;
  }>(sql`select
      (select coalesce(sum(u.size_bytes), 0) from uploads u join videos v on v.id = u.video_id
        where u.tenant_id = ${tenantId} and v.deleted_at is null
          and u.status in ('pending', 'completed')) as storage_bytes,
      (select count(*) from videos where tenant_id = ${tenantId} and deleted_at is null) as videos,
      (select coalesce(ceil(sum(duration_sec) / 60), 0) from videos
        where tenant_id = ${tenantId} and manifest_key is not null
          and updated_at >= date_trunc('day', now() at time zone 'utc') at time zone 'utc')
        as encoded_minutes_per_day,
      (select coalesce(max(u.size_bytes), 0) from uploads u join videos v on v.id = u.video_id
        where u.tenant_id = ${tenantId} and v.deleted_at is null
          and u.status in ('pending', 'completed')) as upload_bytes,
      (select count(*) from webhook_endpoints where tenant_id = ${tenantId} and deleted_at is null)
        as webhook_endpoints,
      (select count(*) from queue_jobs where group_name = 'transcode' and tenant_id = ${tenantId}
        and done_at is null and dead_at is null and locked_until >= now())
        as concurrent_transcodes`);
  const row = result.rows[0];
  return {
    storage_bytes: Number(row?.storage_bytes ?? 0),
    videos: Number(row?.videos ?? 0),
    encoded_minutes_per_day: Number(row?.encoded_minutes_per_day ?? 0),
    upload_bytes: Number(row?.upload_bytes ?? 0),
    webhook_endpoints: Number(row?.webhook_endpoints ?? 0),
    concurrent_transcodes: Number(row?.concurrent_transcodes ?? 0),
  };
}
