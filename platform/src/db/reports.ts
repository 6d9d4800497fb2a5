import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { ListPosition } from '../domain/cursor.js';
import type { ReportReason, ReportState } from '../domain/report-state.js';
import type { Queryable } from './connection.js';
import { reports } from './schema.js';

export type ReportRow = typeof reports.$inferSelect;
export type NewReport = Omit<typeof reports.$inferInsert, 'id' | 'state'>;

/**
 * Files a report unless the viewer has an open one on the item: answers the new row (`created`)
 * or the one already open. The partial unique index settles concurrent repeats.
 */
export async function fileReport(
  tx: Queryable,
  report: NewReport,
): Promise<{ row: ReportRow; created: boolean }> {
  const [inserted] = await tx.insert(reports).values(report).onConflictDoNothing().returning();
  if (inserted) return { row: inserted, created: true };
  const [open] = await tx
    .select()
    .from(reports)
    .where(
      and(
        eq(reports.tenantId, report.tenantId),
        eq(reports.reporterViewerId, report.reporterViewerId),
        eq(reports.targetId, report.targetId),
        eq(reports.state, 'open'),
      ),
    );
  if (!open) throw new Error('an open report vanished while it was being filed again');
  return { row: open, created: false };
}

export interface ReportFilter {
  state?: ReportState;
  target?: 'video' | 'comment';
  reason?: ReportReason;
  videoId?: string;
}

/** A tenant's reports, newest first, after a keyset position. */
export async function listReports(
  db: Queryable,
  tenantId: string,
  options: { filter: ReportFilter; after?: ListPosition; limit: number },
): Promise<ReportRow[]> {
  const { filter, after } = options;
  return db
    .select()
    .from(reports)
    .where(
      and(
        eq(reports.tenantId, tenantId),
        filter.state ? eq(reports.state, filter.state) : undefined,
        filter.target ? eq(reports.targetKind, filter.target) : undefined,
        filter.reason ? eq(reports.reason, filter.reason) : undefined,
        filter.videoId ? eq(reports.videoId, filter.videoId) : undefined,
        after
          ? or(
              lt(reports.createdAt, new Date(after.createdAt)),
              and(eq(reports.createdAt, new Date(after.createdAt)), lt(reports.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(reports.createdAt), desc(reports.id))
    .limit(options.limit);
}

/** A tenant's report, locked for its resolution. */
export async function lockReport(tx: Queryable, tenantId: string, reportId: string) {
  const [row] = await tx
    .select()
    .from(reports)
    .where(and(eq(reports.id, reportId), eq(reports.tenantId, tenantId)))
    .for('update');
  return row;
}

export async function writeResolution(
  tx: Queryable,
  reportId: string,
  resolution: { state: Exclude<ReportState, 'open'>; reply: string | null },
): Promise<ReportRow> {
  const [row] = await tx
    .update(reports)
    .set({ ...resolution, resolvedAt: sql`now()` })
    .where(eq(reports.id, reportId))
    .returning();
  if (!row) throw new Error(`report ${reportId} vanished during its resolution`);
  return row;
}
