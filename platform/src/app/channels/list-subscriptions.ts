import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { listSubscriptions as listSubscriptionRows } from '../../db/channels.js';
import { listPage } from '../list-page.js';
import { subscriptionView } from './channel-view.js';

/** The viewer's subscriptions, newest first. */
export async function listSubscriptions(
  ctx: Context,
  input: { tenantId: string; viewerId: string; cursor?: string; limit?: number },
): Promise<components['schemas']['SubscriptionList']> {
  return listPage(
    input,
    async (after, limit) =>
      (
        await listSubscriptionRows(ctx.database.db, input.tenantId, input.viewerId, after, limit)
      ).map((row) => ({ ...row, id: row.channel.id, createdAt: row.subscription.createdAt })),
    (row) => subscriptionView(row, ctx.config.publicUrl),
  );
}
