import { type WebhookEvent, WebhookVerificationError, webhooks } from '@reel/sdk';
import Fastify from 'fastify';

/**
 * A webhook receiver. Verification needs the body exactly as sent, so JSON is read as a raw
 * string, never parsed and re-serialized first (that breaks signatures).
 */
export function createConsumer(options: {
  secret: string;
  onEvent: (event: WebhookEvent) => void | Promise<void>;
}) {
  const app = Fastify();
  const seen = new Set<string>();
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
    done(null, body),
  );
  app.post('/webhooks/reel', async (request, reply) => {
    let event: WebhookEvent;
    try {
      event = await webhooks.unwrap(
        request.body as string,
        request.headers as Record<string, string>,
        options.secret,
      );
    } catch (error) {
      if (error instanceof WebhookVerificationError)
        return reply.status(400).send({ error: error.message });
      throw error;
    }
    // Delivery is at least once: act once per event id (use your database in production).
    if (!seen.has(event.id)) {
      seen.add(event.id);
      await options.onEvent(event);
    }
    return reply.status(204).send();
  });
  return app;
}
