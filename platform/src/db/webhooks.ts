import { and, desc, eq, gte, inArray, isNull, sql } from 'drizzle-orm';
import type { ListPosition } from '../domain/cursor.js';
import type { DeliveryStatus } from '../domain/webhook-delivery-state.js';
import type { Db, Queryable } from './connection.js';
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from './schema.js';
import { newestFirst } from './tenants.js';

export type EndpointRow = typeof webhookEndpoints.$inferSelect;
export type DeliveryRow = typeof webhookDeliveries.$inferSelect;
export type AttemptRow = typeof webhookAttempts.$inferSelect;

const liveEndpoint = isNull(webhookEndpoints.deletedAt);

export async function findEndpoint(db: Queryable, tenantId: string, endpointId: string) {
  const [row] = await db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.id, endpointId),
        eq(webhookEndpoints.tenantId, tenantId),
        liveEndpoint,
      ),
    );
  return row;
}

export async function insertEndpoint(db: Queryable, values: typeof webhookEndpoints.$inferInsert) {
  const [row] = await db.insert(webhookEndpoints).values(values).returning();
  if (!row) throw new Error('endpoint insert returned nothing');
  return row;
}

export async function listEndpoints(
  db: Db,
  tenantId: string,
  position: ListPosition | undefined,
  limit: number,
) {
  return db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.tenantId, tenantId),
        liveEndpoint,
        newestFirst(webhookEndpoints, position),
      ),
    )
    .orderBy(desc(webhookEndpoints.createdAt), desc(webhookEndpoints.id))
    .limit(limit);
}

export async function setEndpoint(db: Queryable, endpointId: string, change: Partial<EndpointRow>) {
  const [row] = await db
    .update(webhookEndpoints)
    .set(change)
    .where(eq(webhookEndpoints.id, endpointId))
    .returning();
  if (!row) throw new Error(`endpoint ${endpointId} vanished during an update`);
  return row;
}

/** The tenant's enabled endpoints that want `eventType`. */
export async function subscribedEndpoints(db: Db, tenantId: string, eventType: string) {
  const rows = await db
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.tenantId, tenantId),
        liveEndpoint,
        isNull(webhookEndpoints.disabledAt),
      ),
    );
  return rows.filter((e) => e.eventTypes.length === 0 || e.eventTypes.includes(eventType));
}

export async function listDeliveries(
  db: Db,
  endpointId: string,
  filter: { status?: DeliveryStatus; eventType?: string },
  position: ListPosition | undefined,
  limit: number,
) {
  const rows = await db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, endpointId),
        filter.status ? eq(webhookDeliveries.status, filter.status) : undefined,
        filter.eventType ? eq(webhookDeliveries.eventType, filter.eventType) : undefined,
        newestFirst(webhookDeliveries, position),
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  return withAttempts(db, rows);
}

/** Deliveries with their attempt log, oldest attempt first. */
export async function withAttempts(db: Db, rows: DeliveryRow[]) {
  const attempts = rows.length
    ? await db
        .select()
        .from(webhookAttempts)
        .where(
          inArray(
            webhookAttempts.deliveryId,
            rows.map((r) => r.id),
          ),
        )
        .orderBy(webhookAttempts.id)
    : [];
  return rows.map((row) => ({
    ...row,
    attemptLog: attempts.filter((a) => a.deliveryId === row.id),
  }));
}

/** Which of an endpoint's deliveries a status write covers: one, or all since a time. */
export interface DeliverySelection {
  endpointId: string;
  deliveryId?: string;
  since?: Date;
}

/**
 * Moves the selected deliveries that are in one of `from` to `to` and releases their lease.
 * The one status write: only app/webhooks/transition-deliveries.ts calls it.
 */
export async function writeDeliveryStatus(
  db: Queryable,
  which: DeliverySelection,
  from: readonly DeliveryStatus[],
  to: DeliveryStatus,
  nextAttemptAt: 'now' | null,
) {
  return db
    .update(webhookDeliveries)
    .set({
      status: to,
      nextAttemptAt: nextAttemptAt === 'now' ? sql`now()` : null,
      lockedUntil: null,
    })
    .where(
      and(
        eq(webhookDeliveries.endpointId, which.endpointId),
        which.deliveryId ? eq(webhookDeliveries.id, which.deliveryId) : undefined,
        which.since ? gte(webhookDeliveries.createdAt, which.since) : undefined,
        inArray(webhookDeliveries.status, [...from]),
      ),
    )
    .returning();
}

/** A new delivery starts pending (the column's default); its status is not the inserter's to pick. */
export type NewDelivery = Omit<typeof webhookDeliveries.$inferInsert, 'status'> & {
  status?: never;
};

export async function insertDeliveries(db: Db, rows: NewDelivery[]) {
  if (rows.length > 0) await db.insert(webhookDeliveries).values(rows).onConflictDoNothing();
}

/** Claims due deliveries under a lease; a sender that dies lets the lease lapse and they go again. */
export async function claimDueDeliveries(db: Db, limit: number, leaseSec: number) {
  const result = await db.execute<{ id: string }>(sql`
    update webhook_deliveries d
       set locked_until = now() + make_interval(secs => ${leaseSec}), attempts = d.attempts + 1
     where d.id in (
       select id from webhook_deliveries
        where status = 'pending' and next_attempt_at <= now()
          and (locked_until is null or locked_until < now())
        order by next_attempt_at limit ${limit} for update skip locked)
    returning d.id`);
  if (result.rows.length === 0) return [];
  return db
    .select({ delivery: webhookDeliveries, endpoint: webhookEndpoints })
    .from(webhookDeliveries)
    .innerJoin(webhookEndpoints, eq(webhookEndpoints.id, webhookDeliveries.endpointId))
    .where(
      inArray(
        webhookDeliveries.id,
        result.rows.map((r) => r.id),
      ),
    );
}

export async function recordAttempt(db: Queryable, attempt: typeof webhookAttempts.$inferInsert) {
  await db.insert(webhookAttempts).values(attempt);
}

/** Any change to a delivery but its status, which moves only through writeDeliveryStatus. */
export type DeliveryChange = Partial<Omit<DeliveryRow, 'id' | 'status'>> & { status?: never };

/** Applies `change` and releases the delivery's lease. */
export async function settleDelivery(db: Queryable, deliveryId: string, change: DeliveryChange) {
  await db
    .update(webhookDeliveries)
    .set({ ...change, lockedUntil: null })
    .where(eq(webhookDeliveries.id, deliveryId));
}

/** Whether the endpoint had any successful attempt since `since`. */
export async function succeededSince(
  db: Queryable,
  endpointId: string,
  since: Date,
): Promise<boolean> {
  const result = await db.execute<{ ok: boolean }>(sql`
    select exists (select 1 from webhook_attempts a join webhook_deliveries d on d.id = a.delivery_id
      where d.endpoint_id = ${endpointId} and a.created_at >= ${since.toISOString()} and a.status_code between 200 and 299) as ok`);
  return Boolean(result.rows[0]?.ok);
}
