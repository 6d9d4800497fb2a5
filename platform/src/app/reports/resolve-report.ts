import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { emit } from '../../db/outbox.js';
import { lockReport, writeResolution } from '../../db/reports.js';
import { lockVideo } from '../../db/videos.js';
import { conflict, notFound } from '../../domain/errors.js';
import { TOPICS } from '../../domain/event-routes.js';
import { mustResolve } from '../../domain/report-state.js';
import { transitionVideo } from '../videos/transition-video.js';
import { withWebhookData } from '../webhooks/webhook-data.js';
import { type ApiReport, reportView } from './report-view.js';

/**
 * Accepts or rejects a report, keeping the reply for the reporter (`report.resolved`); an
 * accepted video report with `take_down` takes the video down in the same transaction, with
 * the report's reason. Resolving it the same way again changes nothing.
 */
export async function resolveReport(
  ctx: Context,
  input: {
    tenantId: string;
    reportId: string;
    resolution: components['schemas']['ResolveReportRequest'];
  },
): Promise<ApiReport> {
  const { tenantId, reportId, resolution } = input;
  const takeDown = resolution.take_down === true;
  if (takeDown && resolution.state !== 'accepted') {
    throw conflict('take_down_not_allowed', 'take_down goes with state: accepted only', {
      reason: 'not_accepted',
    });
  }
  let tookDown: string | undefined;
  const report = await ctx.database.db.transaction(async (tx) => {
    const row = await lockReport(tx, tenantId, reportId);
    if (!row) throw notFound('Report');
    if (!mustResolve(row.state, resolution.state)) return reportView(row);
    if (takeDown && row.targetKind !== 'video') {
      throw conflict('take_down_not_allowed', 'take_down goes with a video report only', {
        reason: 'not_a_video',
      });
    }
    const resolved = await writeResolution(tx, row.id, {
      state: resolution.state,
      reply: resolution.reply ?? null,
    });
    const view = reportView(resolved);
    await emit(tx, {
      topic: TOPICS.reportResolved,
      videoId: resolved.videoId,
      tenantId,
      data: withWebhookData({ report: view }),
    });
    const video = takeDown ? await lockVideo(tx, row.videoId, tenantId) : undefined;
    if (video) {
      await transitionVideo(tx, video, { to: 'taken_down', reason: row.reason, notice: null });
      tookDown = video.id;
    }
    return view;
  });
  if (tookDown) await invalidateVideo(ctx, tookDown);
  return report;
}
