import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { RecordedStage, StageDetail } from '../domain/processing-stages.js';
import type { Queryable } from './connection.js';
import { uploads, videoStages } from './schema.js';

export type VideoStageRow = typeof videoStages.$inferSelect;

interface StageKey {
  tenantId: string;
  videoId: string;
  stage: RecordedStage;
}

/** Starts a stage now; a retry starts it over, forgetting the last attempt. */
export async function startStage(db: Queryable, key: StageKey, detail?: StageDetail) {
  const fresh = { startedAt: sql`now()`, endedAt: null, progress: null, speed: null };
  await db
    .insert(videoStages)
    .values({ ...key, ...fresh, detail: detail ?? null })
    .onConflictDoUpdate({
      target: [videoStages.videoId, videoStages.stage],
      set: { ...fresh, detail: detail ?? null },
    });
}

/** Ends a started stage now, with what it learned; ending one never started starts it too. */
export async function endStage(
  db: Queryable,
  key: StageKey,
  end: { detail?: StageDetail; progress?: number } = {},
) {
  const change = {
    endedAt: sql`now()`,
    ...(end.detail && { detail: end.detail }),
    ...(end.progress !== undefined && { progress: end.progress }),
  };
  await db
    .insert(videoStages)
    .values({ ...key, ...change })
    .onConflictDoUpdate({ target: [videoStages.videoId, videoStages.stage], set: change });
}

/** An open stage's progress; a stage already ended keeps the figures it ended with. */
export async function setStageProgress(
  db: Queryable,
  key: StageKey,
  figures: { progress: number; speed: number },
) {
  await db
    .update(videoStages)
    .set(figures)
    .where(
      and(
        eq(videoStages.videoId, key.videoId),
        eq(videoStages.stage, key.stage),
        sql`${videoStages.endedAt} is null`,
      ),
    );
}

export function listStages(db: Queryable, tenantId: string, videoId: string) {
  return db
    .select()
    .from(videoStages)
    .where(and(eq(videoStages.tenantId, tenantId), eq(videoStages.videoId, videoId)))
    .orderBy(asc(videoStages.startedAt));
}

export async function findStage(db: Queryable, key: StageKey) {
  const [row] = await db
    .select()
    .from(videoStages)
    .where(
      and(
        eq(videoStages.tenantId, key.tenantId),
        eq(videoStages.videoId, key.videoId),
        eq(videoStages.stage, key.stage),
      ),
    );
  return row;
}

/** When the video's upload began and finished: the timeline's `uploaded` stage. */
export async function uploadSpanOfVideo(db: Queryable, tenantId: string, videoId: string) {
  const [row] = await db
    .select({ startedAt: uploads.createdAt, endedAt: uploads.completedAt })
    .from(uploads)
    .where(and(eq(uploads.tenantId, tenantId), eq(uploads.videoId, videoId)))
    .orderBy(desc(uploads.createdAt))
    .limit(1);
  return row;
}
