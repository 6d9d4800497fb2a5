import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { findSettings, saveSettings } from '../../db/watch-history.js';
import type { ViewerOfTenant } from './list-history.js';

type Settings = components['schemas']['WatchHistorySettings'];

export async function getHistorySettings(ctx: Context, input: ViewerOfTenant): Promise<Settings> {
  const row = await findSettings(ctx.database.db, input.tenantId, input.viewerId);
  return { paused: row?.paused ?? false };
}

/** Pauses or resumes recording; the same value again changes nothing. */
export async function updateHistorySettings(
  ctx: Context,
  input: ViewerOfTenant & Settings,
): Promise<Settings> {
  const row = await saveSettings(ctx.database.db, input);
  return { paused: row.paused };
}
