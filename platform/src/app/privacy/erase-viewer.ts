import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { holdsAnything } from '../../db/viewer-erasure-batches.js';
import {
  findErasure,
  insertErasure,
  latestErasure,
  lockOpenErasure,
} from '../../db/viewer-erasures.js';
import { analyticsViewerKey } from '../../domain/analytics-sessions.js';
import { notFound } from '../../domain/errors.js';
import { erasureView } from './erasure-view.js';

type ViewerErasure = components['schemas']['ViewerErasure'];

/**
 * Asks for one of the tenant's viewers to be erased; the cleanup role does it in batches. A
 * request while one is pending or running answers that one; a viewer Reel holds nothing about
 * answers their last erasure, or 404 if there never was one.
 */
export async function eraseViewer(
  ctx: Context,
  input: { tenantId: string; viewerId: string },
): Promise<ViewerErasure> {
  const { tenantId, viewerId } = input;
  const row = await ctx.database.db.transaction(async (tx) => {
    const open = await lockOpenErasure(tx, tenantId, viewerId);
    if (open) return open;
    const viewerKey = analyticsViewerKey({ viewerId });
    if (!(await holdsAnything(tx, { tenantId, viewerId, viewerKey }))) {
      const last = await latestErasure(tx, tenantId, viewerId);
      if (!last) throw notFound('Viewer');
      return last;
    }
    return (
      (await insertErasure(tx, tenantId, viewerId)) ??
      // A concurrent request inserted it first: answer that one.
      (await lockOpenErasure(tx, tenantId, viewerId))
    );
  });
  if (!row) throw notFound('Viewer');
  return erasureView(row);
}

export async function getViewerErasure(
  ctx: Context,
  input: { tenantId: string; erasureId: string },
): Promise<ViewerErasure> {
  const row = await findErasure(ctx.database.db, input.tenantId, input.erasureId);
  if (!row) throw notFound('Viewer erasure');
  return erasureView(row);
}
