import type { AddressInfo } from 'node:net';
import type { WebhookEvent } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createConsumer } from '../../../examples/webhook-consumer/consumer.js';
import { clip } from '../support/clips.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({
    env: { REEL_WEBHOOK_ALLOW_LOOPBACK: 'true', REEL_WEBHOOK_RETRY_SCHEDULE: '200ms,200ms' },
  });
});
afterAll(() => harness?.stop());

describe('examples/webhook-consumer', () => {
  it('receives one verified video.published for an upload, and refuses a forgery', async () => {
    const { sdk } = await harness.tenant();
    const events: WebhookEvent[] = [];
    const { secret, endpoint_id } = await (async () => {
      // The endpoint needs the consumer's URL, and the consumer needs the endpoint's secret.
      const placeholder = await sdk.webhookEndpoints.create({
        url: 'http://127.0.0.1:9/',
        event_types: ['video.published'],
      });
      return { secret: placeholder.secret, endpoint_id: placeholder.endpoint_id };
    })();
    const consumer = createConsumer({ secret, onEvent: (event) => void events.push(event) });
    await consumer.listen({ port: 0, host: '127.0.0.1' });
    const { port } = consumer.server.address() as AddressInfo;
    await sdk.webhookEndpoints.update(endpoint_id, {
      url: `http://127.0.0.1:${port}/webhooks/reel`,
    });

    const published = Date.now();
    const uploaded = await uploadFile(sdk, await clip('tiny.mp4'));
    for (let i = 0; i < 300 && events.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    const videoOf = (e: WebhookEvent | undefined) =>
      e && 'video' in e.data ? e.data.video : undefined;
    expect(events.map((e) => [e.type, videoOf(e)?.video_id])).toEqual([
      ['video.published', uploaded.video_id],
    ]);
    expect(videoOf(events[0])?.playback?.manifest_url).toContain('/manifest.m3u8');
    console.log(`upload start → video.published received: ${Date.now() - published} ms`);

    const forged = await fetch(`http://127.0.0.1:${port}/webhooks/reel`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'x',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,Zm9yZ2Vk',
      },
      body: JSON.stringify({ id: 'x', type: 'video.published' }),
    });
    expect(forged.status).toBe(400);
    expect(events).toHaveLength(1);
    await consumer.close();
  });
});
