import { randomUUID } from 'node:crypto';
import { ReelError, ReelViewer, type Report } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { startReceiver } from '../support/webhook-receiver.js';
import { call, tenantWithVideos } from './likes-and-comments-world.js';

/** Reports a viewer may file a minute on each report route, in this suite. */
const REPORTS_PER_MINUTE = 5;

let harness: Harness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let world: Awaited<ReturnType<typeof tenantWithVideos>>;

const viewerClient = async (viewerId: string) =>
  new ReelViewer({
    viewerToken: await world.viewer(viewerId),
    baseUrl: harness.url,
    fetch: contractFetch,
    maxRetries: 0,
  });

const refusal = (pending: Promise<unknown>) =>
  pending.then(
    () => undefined,
    (error: unknown) => {
      expect(error).toBeInstanceOf(ReelError);
      return error as ReelError;
    },
  );

beforeAll(async () => {
  receiver = await startReceiver();
  harness = await startHarness({
    env: {
      REEL_REPORT_RATE_LIMIT: String(REPORTS_PER_MINUTE),
      REEL_WEBHOOK_ALLOW_LOOPBACK: 'true',
    },
  });
  world = await tenantWithVideos(harness);
  await world.sdk.webhookEndpoints.create({
    url: receiver.url,
    event_types: ['report.created', 'report.resolved'],
  });
});
afterAll(async () => {
  await harness?.stop();
  await receiver?.close();
  expect(violations).toEqual([]);
});

/** The webhooks received about one report; deliveries may arrive in any order, as in Svix's. */
const webhooksOf = (reportId: string) =>
  receiver.received
    .map((r) => JSON.parse(r.body) as { type: string; data: { report: Report } })
    .filter((event) => event.data.report.report_id === reportId);

describe('reporting a video', () => {
  it('files one open report per viewer, which the tenant accepts and takes the video down with', async () => {
    const token = await world.viewer(`ada-${randomUUID().slice(0, 6)}`);
    const videoId = world.videos.other.video_id;
    const body = { reason: 'violent' as const, text: 'At the end', at_sec: 1.5 };
    const first = await call(harness, 'POST', `/v1/videos/${videoId}/reports`, { token, body });
    expect(first.status).toBe(201);
    const report = (await first.json()) as Report;
    expect(report).toMatchObject({
      target: 'video',
      video_id: videoId,
      comment_id: null,
      reason: 'violent',
      text: 'At the end',
      at_sec: 1.5,
      state: 'open',
      reply: null,
    });
    // Again while it is open: the same report, 200, whatever the new body says.
    const again = await call(harness, 'POST', `/v1/videos/${videoId}/reports`, {
      token,
      body: { reason: 'spam' },
    });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual(report);

    const listed = await world.sdk.reports.list({ state: 'open', video_id: videoId }).all();
    expect(listed.map((r) => r.report_id)).toEqual([report.report_id]);

    const resolved = await world.sdk.reports.resolve(report.report_id, {
      state: 'accepted',
      reply: 'Thank you, it is down',
      take_down: true,
    });
    expect(resolved).toMatchObject({ state: 'accepted', reply: 'Thank you, it is down' });
    expect(resolved.resolved_at).not.toBeNull();
    const video = await world.sdk.videos.get(videoId);
    expect(video).toMatchObject({ status: 'taken_down', takedown: { reason: 'violent' } });
    const manifest = await contractFetch(`${harness.url}/v1/videos/${videoId}/manifest.m3u8`);
    expect(manifest.status).toBe(451);

    // The same resolution again changes nothing; the other one is refused.
    expect(await world.sdk.reports.resolve(report.report_id, { state: 'accepted' })).toEqual(
      resolved,
    );
    const other = await refusal(world.sdk.reports.resolve(report.report_id, { state: 'rejected' }));
    expect(other).toMatchObject({ status: 409, code: 'report_resolved' });

    const events = await until('report.created and report.resolved', () => {
      const mine = webhooksOf(report.report_id);
      return mine.length >= 2 ? mine : undefined;
    });
    expect(events.map((e) => [e.type, e.data.report.state]).sort()).toEqual([
      ['report.created', 'open'],
      ['report.resolved', 'accepted'],
    ]);
    await world.sdk.videos.restore(videoId);
  });

  it('lets the viewer report again once the first was resolved, and pages through filters', async () => {
    const videoId = world.videos.open.video_id;
    const viewers = await Promise.all(
      ['p1', 'p2', 'p3'].map((name) => viewerClient(`${name}-${randomUUID().slice(0, 6)}`)),
    );
    const made = [];
    for (const viewer of viewers) {
      made.push(await viewer.reportVideo(videoId, { reason: 'copyright' }));
    }
    const pages = world.sdk.reports.list({ reason: 'copyright', video_id: videoId, limit: 2 });
    const all = await pages.all();
    expect(all.map((r) => r.report_id)).toEqual(made.map((r) => r.report_id).reverse());

    const [first] = made;
    await world.sdk.reports.resolve(first?.report_id ?? '', {
      state: 'rejected',
      reply: 'Fair use',
    });
    const rejected = await world.sdk.reports.list({ state: 'rejected', video_id: videoId }).all();
    expect(rejected.map((r) => [r.report_id, r.reply])).toEqual([[first?.report_id, 'Fair use']]);
    const renewed = await viewers[0]?.reportVideo(videoId, { reason: 'copyright' });
    expect(renewed?.report_id).not.toBe(first?.report_id);
    expect(renewed?.state).toBe('open');
  });

  it('refuses bad input, other tenants’ and unseen videos, and forged tokens', async () => {
    const token = await world.viewer(`probe-${randomUUID().slice(0, 6)}`);
    const videoId = world.videos.open.video_id;
    const post = (body: unknown, path = `/v1/videos/${videoId}/reports`, as = token) =>
      call(harness, 'POST', path, { token: as, body });
    for (const body of [
      {},
      { reason: 'boring' },
      { reason: 'spam', text: '' },
      { reason: 'spam', text: 'x'.repeat(2001) },
      { reason: 'spam', at_sec: -1 },
      { reason: 'spam', at_sec: 1e308 },
      { reason: 'spam', at_sec: 'soon' },
      { reason: 'spam', text: 'a\u0000b' },
      { reason: 'spam', viewer: 'someone-else' },
    ]) {
      const answer = await post(body);
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(await answer.json()).toMatchObject({ code: 'invalid_request' });
    }
    const spam = { reason: 'spam' };
    expect((await post(spam, `/v1/videos/${randomUUID()}/reports`)).status).toBe(404);
    expect((await post(spam, '/v1/videos/not-a-uuid/reports')).status).toBe(400);
    expect((await post(spam, `/v1/videos/${world.videos.hidden.video_id}/reports`)).status).toBe(
      404,
    );
    const stranger = await readyVideoOfAnotherTenant();
    expect((await post(spam, `/v1/videos/${stranger}/reports`)).status).toBe(404);
    expect((await post(spam, undefined, `${token.slice(0, -4)}AAAA`)).status).toBe(401);
    expect((await post(spam, undefined, 'reel_sk_not-a-viewer-token')).status).toBe(401);
    expect(await world.sdk.reports.list({ video_id: stranger }).all()).toEqual([]);
  });

  it('limits a viewer’s reports a minute, apart from everything else', async () => {
    const token = await world.viewer(`flood-${randomUUID().slice(0, 6)}`);
    const statuses = [];
    for (let i = 0; i <= REPORTS_PER_MINUTE; i++) {
      const answer = await call(
        harness,
        'POST',
        `/v1/videos/${world.videos.open.video_id}/reports`,
        {
          token,
          body: { reason: 'spam' },
        },
      );
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([201, 200, 200, 200, 200, 429]);
    const liked = await call(harness, 'POST', `/v1/videos/${world.videos.open.video_id}/like`, {
      token,
    });
    expect(liked.status).toBe(200);
  });
});

describe('reporting a comment', () => {
  it('files a comment report, which the tenant rejects with a reply; take_down needs a video', async () => {
    const author = await viewerClient(`author-${randomUUID().slice(0, 6)}`);
    const reporter = await viewerClient(`reporter-${randomUUID().slice(0, 6)}`);
    const comment = await author.comments.create(world.videos.open.video_id, 'Buy cheap pills');
    const report = await reporter.reportComment(comment.comment_id, {
      reason: 'spam',
      text: 'An advert',
    });
    expect(report).toMatchObject({
      target: 'comment',
      comment_id: comment.comment_id,
      video_id: world.videos.open.video_id,
      at_sec: null,
    });
    const listed = await world.sdk.reports.list({ target: 'comment', state: 'open' }).all();
    expect(listed.map((r) => r.report_id)).toContain(report.report_id);

    const takeDown = await refusal(
      world.sdk.reports.resolve(report.report_id, { state: 'accepted', take_down: true }),
    );
    expect(takeDown).toMatchObject({ status: 409, code: 'take_down_not_allowed' });
    const withReject = await refusal(
      world.sdk.reports.resolve(report.report_id, { state: 'rejected', take_down: true }),
    );
    expect(withReject).toMatchObject({ status: 409, code: 'take_down_not_allowed' });
    const rejected = await world.sdk.reports.resolve(report.report_id, {
      state: 'rejected',
      reply: 'Not spam',
    });
    expect(rejected).toMatchObject({ state: 'rejected', reply: 'Not spam' });

    // at_sec belongs to videos; an unknown or unpublished comment reads as missing.
    const atSec = await call(harness, 'POST', `/v1/comments/${comment.comment_id}/reports`, {
      token: await world.viewer('x'),
      body: { reason: 'spam', at_sec: 3 },
    });
    expect(atSec.status).toBe(400);
    const unknown = await refusal(reporter.reportComment(randomUUID(), { reason: 'spam' }));
    expect(unknown).toMatchObject({ status: 404 });
    await author.comments.delete(comment.comment_id);
    const deleted = await refusal(reporter.reportComment(comment.comment_id, { reason: 'other' }));
    expect(deleted).toMatchObject({ status: 404 });
  });

  it('answers 404 for another tenant’s report and 400 for a bad cursor or filter', async () => {
    const other = await harness.tenant();
    const [report] = await world.sdk.reports.list({ limit: 1 }).all();
    const foreign = await refusal(
      other.sdk.reports.resolve(report?.report_id ?? randomUUID(), { state: 'accepted' }),
    );
    expect(foreign).toMatchObject({ status: 404 });
    for (const query of [
      'cursor=garbage',
      'state=closed',
      'target=channel',
      'video_id=x',
      'limit=0',
    ]) {
      const answer = await contractFetch(`${harness.url}/v1/reports?${query}`, {
        headers: { authorization: `Bearer ${other.apiKey}` },
      });
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
    }
  });
});

/** A ready, public video of another tenant, by id. */
async function readyVideoOfAnotherTenant() {
  const { tenantId } = await harness.tenant();
  const id = randomUUID();
  await harness.reel.ctx.database.db.insert(videos).values({
    id,
    tenantId,
    status: 'ready',
    title: 'Elsewhere',
    originalKey: `raw-uploads/${id}/original`,
    publishedAt: new Date(),
  });
  return id;
}
