import { sendDueDeliveries } from '../app/webhooks/send-due-deliveries.js';
import type { Context } from '../context.js';
import { startBatchLoop } from './batch-loop.js';

const BATCH = 10;
const POLL_MS = 250;

/** Sends due deliveries in batches, polling while there are none. */
export function startWebhookSender(ctx: Context, onError: (error: unknown) => void) {
  return startBatchLoop({
    runBatch: () => sendDueDeliveries(ctx, BATCH, onError),
    batchSize: BATCH,
    idleMs: POLL_MS,
    onError,
  });
}
