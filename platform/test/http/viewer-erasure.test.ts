import { randomUUID } from 'node:crypto';
import { type Reel, webhooks } from '@reel/sdk';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsSessions } from '../../src/db/schema.js';
import { analyticsViewerKey } from '../../src/domain/analytics-sessions.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { readyVideo, refusal, viewerOf, viewerWithOneOfEach } from '../support/viewer-client.js';
import { startReceiver } from '../support/webhook-receiver.js';

let harness: Harness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let webhookSecret: string;
let tenant: { tenantId: string; apiKey: string; sdk: Reel };
let stranger: { tenantId: string; apiKey: string; sdk: Reel };

const sessionsKeyed = async (tenantId: string, viewerId: string) =>
  harness.reel.ctx.database.db
    .select()
    .from(analyticsSessions)
    .where(
      and(
        eq(analyticsSessions.tenantId, tenantId),
        eq(analyticsSessions.viewerKey, analyticsViewerKey({ viewerId })),
      ),
    );

beforeAll(async () => {
  receiver = await startReceiver();
  harness = await startHarness({ env: { REEL_WEBHOOK_ALLOW_LOOPBACK: 'true' } });
  tenant = await harness.tenant();
  stranger = await harness.tenant();
  webhookSecret = (
    await tenant.sdk.webhookEndpoints.create({ url: receiver.url, event_types: ['viewer.erased'] })
  ).secret;
});
afterAll(async () => {
  await harness?.stop();
  await receiver?.close();
  expect(violations).toEqual([]);
});

describe('DELETE /v1/viewers/{viewer_id}', () => {
  it('erases the viewer, takes back their counts and keeps threads whole', async () => {
    const viewerId = `subject-${randomUUID().slice(0, 8)}`;
    const { other, channel, owned, video, comment, reply } = await viewerWithOneOfEach(
      harness,
      tenant,
      viewerId,
    );
    // The same viewer id in another tenant is another person.
    const twin = await viewerOf(harness, stranger, viewerId);
    await twin.client.like(await readyVideo(harness, stranger));

    await until('history, the analytics session and the counts', async () => {
      const archive = await tenant.sdk.viewers.export(viewerId);
      const seen = await tenant.sdk.videos.get(video);
      const { subscriber_count } = await tenant.sdk.channels.get(channel.channel_id);
      return (
        archive.watch_history.length === 1 &&
        archive.analytics_sessions.length === 1 &&
        seen.like_count === 2 &&
        seen.comment_count === 2 &&
        subscriber_count === 2
      );
    });

    const erasure = await tenant.sdk.viewers.erase(viewerId);
    expect(erasure).toMatchObject({ viewer_id: viewerId, finished_at: null });
    expect(['pending', 'running', 'done']).toContain(erasure.status);
    const done = await until('the erasure is done', async () => {
      const now = await tenant.sdk.viewers.erasure(erasure.erasure_id);
      return now.status === 'done' ? now : undefined;
    });
    expect(done.finished_at).not.toBeNull();
    const [delivered] = await until('the viewer.erased webhook', () =>
      receiver.received.length > 0 ? receiver.received : undefined,
    );
    const webhook = await webhooks.unwrap(
      delivered?.body ?? '',
      (delivered?.headers ?? {}) as Record<string, string>,
      webhookSecret,
    );
    expect(webhook.type).toBe('viewer.erased');
    expect(webhook).toMatchObject({ sequence: 1, data: { erasure: done } });

    // A new export finds nothing left, and no analytics session names the viewer.
    expect(await refusal(tenant.sdk.viewers.export(viewerId))).toMatchObject({ status: 404 });
    expect(await sessionsKeyed(tenant.tenantId, viewerId)).toEqual([]);
    // The channel made for them stays, naming no one.
    expect(await tenant.sdk.channels.get(owned.channel_id)).toMatchObject({
      owner_viewer_id: null,
    });
    await until('the counts without the viewer', async () => {
      const seen = await tenant.sdk.videos.get(video);
      const { subscriber_count } = await tenant.sdk.channels.get(channel.channel_id);
      return seen.like_count === 1 && seen.comment_count === 1 && subscriber_count === 1;
    });
    const [placeholder] = await other.client.comments.list(video).all();
    expect(placeholder).toMatchObject({
      comment_id: comment.comment_id,
      state: 'deleted',
      text: '',
      author_viewer_id: '',
    });
    const replies = await other.client.comments.replies(comment.comment_id).all();
    expect(replies.map((r) => [r.comment_id, r.text])).toEqual([
      [reply.comment_id, 'A reply to you'],
    ]);
    expect((await stranger.sdk.viewers.export(viewerId)).likes).toHaveLength(1);

    // Asking again finds nothing left: it answers the erasure that did it.
    expect((await tenant.sdk.viewers.erase(viewerId)).erasure_id).toBe(erasure.erasure_id);
  });

  it('answers the open erasure to a repeat, and 404 to another tenant or nobody', async () => {
    const viewerId = `banned-${randomUUID().slice(0, 8)}`;
    await tenant.sdk.comments.ban(viewerId);
    const [first, second] = await Promise.all([
      tenant.sdk.viewers.erase(viewerId),
      tenant.sdk.viewers.erase(viewerId),
    ]);
    expect(second.erasure_id).toBe(first.erasure_id);
    expect(await refusal(stranger.sdk.viewers.erase(viewerId))).toMatchObject({ status: 404 });
    expect(await refusal(stranger.sdk.viewers.erasure(first.erasure_id))).toMatchObject({
      status: 404,
    });
    expect(await refusal(tenant.sdk.viewers.erase(`nobody-${randomUUID()}`))).toMatchObject({
      status: 404,
      code: 'not_found',
    });
    expect(await refusal(tenant.sdk.viewers.erasure(randomUUID()))).toMatchObject({ status: 404 });
  });

  it('refuses bad ids with 400', async () => {
    const bearer = { authorization: `Bearer ${tenant.apiKey}` };
    for (const bad of ['x'.repeat(256), 'a%00b']) {
      const answer = await contractFetch(`${harness.url}/v1/viewers/${bad}`, {
        method: 'DELETE',
        headers: bearer,
      });
      expect({ bad: bad.slice(0, 8), status: answer.status }).toEqual({
        bad: bad.slice(0, 8),
        status: 400,
      });
    }
    for (const bad of ['not-a-uuid', 'a%00b', '9'.repeat(400)]) {
      const answer = await contractFetch(`${harness.url}/v1/viewer-erasures/${bad}`, {
        headers: bearer,
      });
      expect({ bad: bad.slice(0, 8), status: answer.status }).toEqual({
        bad: bad.slice(0, 8),
        status: 400,
      });
    }
  });
});
