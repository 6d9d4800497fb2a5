import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { findSettings, saveSettings, type ViewerKey } from '../../db/viewer-notifications.js';
import { NOTIFICATION_KINDS } from '../../domain/notification-kinds.js';

type Settings = components['schemas']['NotificationSettings'];

export async function getNotificationSettings(ctx: Context, key: ViewerKey): Promise<Settings> {
  const stored = new Map(
    (await findSettings(ctx.database.db, key)).map((r) => [r.kind, r.enabled]),
  );
  const settings = Object.fromEntries(NOTIFICATION_KINDS.map((k) => [k, stored.get(k) ?? true]));
  return settings as Settings;
}

/** Kinds left out keep their setting; the same values again change nothing. */
export async function updateNotificationSettings(
  ctx: Context,
  input: ViewerKey & { change: components['schemas']['NotificationSettingsChange'] },
): Promise<Settings> {
  const changes = NOTIFICATION_KINDS.flatMap((kind) => {
    const enabled = input.change[kind];
    return enabled === undefined ? [] : [{ kind, enabled }];
  });
  await saveSettings(ctx.database.db, input, changes);
  return getNotificationSettings(ctx, input);
}
