import type { components } from '../../contract/openapi.gen.js';
import type { ViewerErasureRow } from '../../db/viewer-erasures.js';

export const erasureView = (row: ViewerErasureRow): components['schemas']['ViewerErasure'] => ({
  erasure_id: row.id,
  viewer_id: row.viewerId,
  status: row.status,
  requested_at: row.requestedAt.toISOString(),
  finished_at: row.finishedAt?.toISOString() ?? null,
});
