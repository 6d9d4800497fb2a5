import type { WebhookEventType } from '@reel/sdk';
import { freePort, freeUdpPort } from './free-port.js';
import { startHarness } from './harness.js';
import { type Received, startReceiver } from './webhook-receiver.js';

/**
 * A Reel with the live role on an RTMP port of its own (and with `srt`, an SRT one), webhooks to
 * loopback allowed, and the reconnect window given (short, so a test sees sessions end).
 */
export async function startLiveHarness(reconnectWindowMs: number, options: { srt?: boolean } = {}) {
  const rtmpPort = await freePort();
  const srtPort = options.srt ? await freeUdpPort() : undefined;
  return startHarness({
    roles: ['relay', 'webhooks', 'live'],
    env: {
      REEL_WEBHOOK_ALLOW_LOOPBACK: 'true',
      REEL_RTMP_PORT: String(rtmpPort),
      REEL_RTMP_PUBLIC_URL: `rtmp://localhost:${rtmpPort}/live`,
      REEL_LIVE_RECONNECT_WINDOW_MS: String(reconnectWindowMs),
      ...(srtPort
        ? {
            REEL_LIVE_SRT_PORT: String(srtPort),
            REEL_LIVE_SRT_PUBLIC_URL: `srt://localhost:${srtPort}`,
          }
        : {}),
    },
  });
}

/** The live stream webhooks received for a stream, in their sequence, as `type`s. */
export const liveEventTypes = (received: Received[], streamId: string) =>
  received
    .map(
      (r) =>
        JSON.parse(r.body) as {
          type: string;
          sequence: number;
          data: { live_stream?: { live_stream_id: string } };
        },
    )
    .filter((e) => e.data.live_stream?.live_stream_id === streamId)
    .sort((a, b) => a.sequence - b.sequence)
    .map((e) => e.type);

/** A live harness (see `startLiveHarness`), a tenant, and a receiver of its stream's webhooks. */
export async function startLiveHarnessWithWebhooks(
  reconnectWindowMs: number,
  eventTypes: WebhookEventType[],
  options: { srt?: boolean } = {},
) {
  const receiver = await startReceiver();
  const harness = await startLiveHarness(reconnectWindowMs, options);
  const tenant = await harness.tenant();
  await tenant.sdk.webhookEndpoints.create({ url: receiver.url, event_types: eventTypes });
  return { receiver, harness, tenant };
}
