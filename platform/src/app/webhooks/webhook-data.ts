/**
 * Engagement events carry their webhook's `data`, fixed when the change commits, under one key
 * of the outbox payload: a comment deleted a second later must still arrive as it was posted.
 */
export const withWebhookData = (data: object) => ({ webhook_data: data });

export const webhookDataOf = (payload: Record<string, unknown>): object | undefined => {
  const data = payload.webhook_data;
  return data && typeof data === 'object' ? data : undefined;
};
