import { randomUUID } from 'node:crypto';
import { type Reel, ReelError, ReelViewer, signViewerToken } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

let harness: Harness;
let tenant: { tenantId: string; apiKey: string; sdk: Reel };
let signing: { keyId: string; privateKey: string };

const viewerNamed = async (viewerId: string) => {
  const viewerToken = await signViewerToken(signing, { viewerId });
  return {
    token: viewerToken,
    client: new ReelViewer({ viewerToken, baseUrl: harness.url, fetch: contractFetch }),
  };
};

/** A ready, public video of the tenant, on `channelId` when given. */
async function readyVideo(title: string, channelId?: string) {
  const id = randomUUID();
  await harness.reel.ctx.database.db.insert(videos).values({
    id,
    tenantId: tenant.tenantId,
    status: 'ready',
    title,
    originalKey: `raw-uploads/${id}/original`,
    publishedAt: new Date(),
    durationSec: 60,
    channelId,
  });
  return id;
}

beforeAll(async () => {
  harness = await startHarness();
  tenant = await harness.tenant();
  const key = await tenant.sdk.signingKeys.create();
  signing = { keyId: key.key_id, privateKey: key.private_key };
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const refusal = (pending: Promise<unknown>) =>
  pending.then(
    () => undefined,
    (error: unknown) => error as ReelError,
  );

describe('GET /v1/viewers/{viewer_id}/export', () => {
  it('holds every item made for the viewer, and nothing of anyone else', async () => {
    const viewerId = `subject-${randomUUID().slice(0, 8)}`;
    const subject = await viewerNamed(viewerId);
    const other = await viewerNamed(`other-${randomUUID().slice(0, 8)}`);
    const channel = await tenant.sdk.channels.create({
      handle: `c-${randomUUID().slice(0, 8)}`,
      title: 'Channel',
    });
    const first = await readyVideo('First', channel.channel_id);
    const second = await readyVideo('Second');

    await subject.client.like(first);
    const comment = await subject.client.comments.create(first, 'My comment');
    const reply = await other.client.comments.create(first, 'A reply to you', {
      parentId: comment.comment_id,
    });
    await subject.client.subscribe(channel.channel_id);
    const playlist = await subject.client.playlists.create({
      title: 'Mine',
      visibility: 'private',
    });
    await subject.client.playlists.add(playlist.playlist_id, second);
    const report = await subject.client.reportVideo(second, { reason: 'spam' });
    await contractFetch(`${harness.url}/v1/videos/${first}/views`, {
      method: 'POST',
      headers: { authorization: `Bearer ${subject.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        event: 'heartbeat',
        position_sec: 12,
        session_id: randomUUID(),
        seq: 1,
      }),
    });
    await tenant.sdk.comments.ban(viewerId, { reason: 'Testing' });

    // History and the reply's notification are written by their roles, seconds later.
    const archive = await until('history and the notification', async () => {
      const exported = await tenant.sdk.viewers.export(viewerId);
      return exported.watch_history.length > 0 && exported.notifications.length > 0
        ? exported
        : undefined;
    });
    expect(archive.viewer_id).toBe(viewerId);
    expect(archive.comments.map((c) => c.comment_id)).toEqual([comment.comment_id]);
    expect(archive.likes.map((l) => l.video_id)).toEqual([first]);
    expect(archive.subscriptions.map((s) => s.channel_id)).toEqual([channel.channel_id]);
    expect(
      archive.playlists.map((p) => [p.playlist.playlist_id, p.items.map((i) => i.video_id)]),
    ).toEqual([[playlist.playlist_id, [second]]]);
    expect(archive.watch_history).toMatchObject([
      { video_id: first, position_sec: 12, removed: false },
    ]);
    expect(archive.notifications).toMatchObject([
      { kind: 'comment_reply', data: { comment_id: reply.comment_id } },
    ]);
    expect(archive.reports.map((r) => r.report_id)).toEqual([report.report_id]);
    expect(archive.comment_ban).toMatchObject({ reason: 'Testing' });
    expect(JSON.stringify(archive)).not.toContain('A reply to you');
  });

  it('answers 404 for a viewer Reel holds nothing about, or another tenant’s', async () => {
    const viewerId = `liker-${randomUUID().slice(0, 8)}`;
    const liker = await viewerNamed(viewerId);
    await liker.client.like(await readyVideo('Liked'));
    expect((await tenant.sdk.viewers.export(viewerId)).likes).toHaveLength(1);

    const unknown = await refusal(tenant.sdk.viewers.export(`nobody-${randomUUID()}`));
    expect(unknown).toMatchObject({ status: 404, code: 'not_found' });
    const stranger = await harness.tenant();
    const foreign = await refusal(stranger.sdk.viewers.export(viewerId));
    expect(foreign).toMatchObject({ status: 404 });
    for (const bad of ['x'.repeat(256), 'a%00b']) {
      const answer = await contractFetch(`${harness.url}/v1/viewers/${bad}/export`, {
        headers: { authorization: `Bearer ${tenant.apiKey}` },
      });
      expect({ bad: bad.slice(0, 8), status: answer.status }).toEqual({
        bad: bad.slice(0, 8),
        status: 400,
      });
    }
    expect(foreign).toBeInstanceOf(ReelError);
  });
});
