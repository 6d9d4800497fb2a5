import { randomUUID } from 'node:crypto';
import { type Reel, type ReelError, ReelViewer, signViewerToken, webhooks } from '@reel/sdk';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsSessions, videos } from '../../src/db/schema.js';
import { analyticsViewerKey } from '../../src/domain/analytics-sessions.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { startReceiver } from '../support/webhook-receiver.js';

let harness: Harness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let webhookSecret: string;
let tenant: { tenantId: string; apiKey: string; sdk: Reel };
let stranger: { tenantId: string; apiKey: string; sdk: Reel };

type Tenant = typeof tenant;

async function viewerOf(of: Tenant, viewerId: string) {
  const key = await of.sdk.signingKeys.create();
  const viewerToken = await signViewerToken(
    { keyId: key.key_id, privateKey: key.private_key },
    { viewerId },
  );
  return {
    token: viewerToken,
    client: new ReelViewer({ viewerToken, baseUrl: harness.url, fetch: contractFetch }),
  };
}

async function readyVideo(of: Tenant, channelId?: string) {
  const id = randomUUID();
  await harness.reel.ctx.database.db.insert(videos).values({
    id,
    tenantId: of.tenantId,
    status: 'ready',
    title: 'Video',
    originalKey: `raw-uploads/${id}/original`,
    publishedAt: new Date(),
    durationSec: 60,
    channelId,
  });
  return id;
}

const refusal = (pending: Promise<unknown>) =>
  pending.then(
    () => undefined,
    (error: unknown) => error as ReelError,
  );

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
    const subject = await viewerOf(tenant, viewerId);
    const other = await viewerOf(tenant, `other-${randomUUID().slice(0, 8)}`);
    const channel = await tenant.sdk.channels.create({
      handle: `c-${randomUUID().slice(0, 8)}`,
      title: 'Channel',
    });
    const video = await readyVideo(tenant, channel.channel_id);

    await subject.client.like(video);
    await other.client.like(video);
    await subject.client.subscribe(channel.channel_id);
    await other.client.subscribe(channel.channel_id);
    const comment = await subject.client.comments.create(video, 'Mine, to be erased');
    const reply = await other.client.comments.create(video, 'A reply to you', {
      parentId: comment.comment_id,
    });
    const playlist = await subject.client.playlists.create({
      title: 'Mine',
      visibility: 'private',
    });
    await subject.client.playlists.add(playlist.playlist_id, video);
    await subject.client.reportVideo(video, { reason: 'spam' });
    await tenant.sdk.comments.ban(viewerId, { reason: 'Testing' });
    await contractFetch(`${harness.url}/v1/videos/${video}/views`, {
      method: 'POST',
      headers: { authorization: `Bearer ${subject.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        event: 'heartbeat',
        position_sec: 12,
        session_id: randomUUID(),
        seq: 1,
      }),
    });
    // The same viewer id in another tenant is another person.
    const twin = await viewerOf(stranger, viewerId);
    await twin.client.like(await readyVideo(stranger));

    await until('history, the analytics session and the counts', async () => {
      const archive = await tenant.sdk.viewers.export(viewerId);
      const seen = await tenant.sdk.videos.get(video);
      const { subscriber_count } = await tenant.sdk.channels.get(channel.channel_id);
      return (
        archive.watch_history.length === 1 &&
        (await sessionsKeyed(tenant.tenantId, viewerId)).length === 1 &&
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

    expect(await refusal(tenant.sdk.viewers.export(viewerId))).toMatchObject({ status: 404 });
    expect(await sessionsKeyed(tenant.tenantId, viewerId)).toEqual([]);
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
