import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { recordSpans, traceOf } from '../support/span-recorder.js';
import { startReceiver } from '../support/webhook-receiver.js';

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

describe('traces (embedded: the Postgres queue)', () => {
  it('follows one upload from the complete request to the video.published webhook in one trace', async () => {
    const { sdk } = await harness.tenant();
    const receiver = await startReceiver();
    await sdk.webhookEndpoints.create({ url: receiver.url, event_types: ['video.published'] });
    const uploaded = await uploadFile(sdk, await clip('tiny.mp4'));
    const [delivered] = await until('the webhook', () => receiver.received[0] && receiver.received);
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

  it("continues a caller's traceparent, and starts a new trace for a garbage one", async () => {
    const { apiKey } = await harness.tenant();
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const get = (traceparent: string) =>
      fetch(`${harness.url}/v1/videos?limit=1`, {
        headers: { authorization: `Bearer ${apiKey}`, traceparent },
      });
    expect((await get(`00-${callerTrace}-00f067aa0ba902b7-01`)).status).toBe(200);
    expect((await get('00-zz-garbage-\u00ff')).status).toBe(200);
    expect((await get(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`)).status).toBe(200);
    const lists = await until('three list spans', () => {
      const found = recorder.spans().filter((s) => s.name === 'listVideos');
      return found.length >= 3 ? found.slice(-3) : undefined;
    });
    const [continued, garbage, zeros] = lists.map((s) => s.spanContext().traceId);
    expect(continued).toBe(callerTrace);
    expect(garbage).toMatch(/^[0-9a-f]{32}$/);
    expect(garbage).not.toBe(callerTrace);
    // An all-zero trace id is invalid by W3C: a fresh trace, never the zeros.
    expect(zeros).not.toBe('0'.repeat(32));
  });
});
