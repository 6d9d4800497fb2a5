import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { recordSpans, traceOf } from '../support/span-recorder.js';
import { startReceiver } from '../support/webhook-receiver.js';

/**
 * One upload's trace, from the complete request to the video.published webhook: run on the
 * Postgres queue (embedded) and on Kafka (services), where the context rides in headers.
 * `more` adds cases that need only one of the two modes.
 */
export function uploadTraceCases(
  mode: string,
  more: (
    reel: () => { harness: Harness; recorder: ReturnType<typeof recordSpans> },
  ) => void = () => {},
) {
  const recorder = recordSpans();
  let harness: Harness;

  beforeAll(async () => {
    harness = await startHarness({
      env: { REEL_WEBHOOK_ALLOW_LOOPBACK: 'true', REEL_WEBHOOK_TIMEOUT_MS: '2000' },
      tracing: recorder.tracing,
    });
  });
  afterAll(async () => {
    await harness?.stop();
    expect(violations).toEqual([]);
  });

  describe(`traces (${mode})`, () => {
    it('follows one upload from the complete request to the video.published webhook in one trace', async () => {
      const { sdk } = await harness.tenant();
      const receiver = await startReceiver();
      await sdk.webhookEndpoints.create({ url: receiver.url, event_types: ['video.published'] });
      const uploaded = await uploadFile(sdk, await clip('tiny.mp4'));
      const [delivered] = await until(
        'the webhook',
        () => receiver.received[0] && receiver.received,
      );
      const webhookSpan = await until('the webhook span', () =>
        recorder
          .spans()
          .find(
            (s) =>
              s.name === 'webhook video.published' &&
              s.attributes['reel.event_id'] === delivered?.headers['webhook-id'],
          ),
      );
      const traceId = webhookSpan.spanContext().traceId;
      const trace = traceOf(recorder.spans(), traceId);
      expect(trace.roots).toEqual(['completeUpload']);
      expect(trace.spans.find((s) => s.name === 'completeUpload')?.attributes).toMatchObject({
        'http.request.method': 'POST',
      });
      // The whole path, in order of cause: request, relay, transcode and its stages, publish, webhook.
      for (const name of [
        'send transcode.requested',
        'transcode transcode.requested',
        'transcode probed',
        'transcode encoding',
        'transcode stored',
        'send video.transcoded',
        'publish video.transcoded',
        'send video.published',
        'webhooks video.published',
        'webhook video.published',
      ])
        expect(trace.names).toContain(name);
      const video = await sdk.videos.get(uploaded.video_id);
      expect(video.status).toBe('ready');
      await receiver.close();
    });

    more(() => ({ harness, recorder }));
  });
}
