import { randomUUID } from 'node:crypto';
import { type Reel, ReelError } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { readyVideo, refusal, viewerOf, viewerWithOneOfEach } from '../support/viewer-client.js';

let harness: Harness;
let tenant: { tenantId: string; apiKey: string; sdk: Reel };

beforeAll(async () => {
  harness = await startHarness();
  tenant = await harness.tenant();
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('GET /v1/viewers/{viewer_id}/export', () => {
  it('holds every item made for the viewer, and nothing of anyone else', async () => {
    const viewerId = `subject-${randomUUID().slice(0, 8)}`;
    const made = await viewerWithOneOfEach(harness, tenant, viewerId);

    // History, the analytics session and the reply's notification are written by their roles.
    const archive = await until('history, the session and the notification', async () => {
      const exported = await tenant.sdk.viewers.export(viewerId);
      return exported.watch_history.length > 0 &&
        exported.notifications.length > 0 &&
        exported.analytics_sessions.length > 0
        ? exported
        : undefined;
    });
    expect(archive.viewer_id).toBe(viewerId);
    expect(archive.comments.map((c) => c.comment_id)).toEqual([made.comment.comment_id]);
    expect(archive.likes.map((l) => l.video_id)).toEqual([made.video]);
    expect(archive.subscriptions.map((s) => s.channel_id)).toEqual([made.channel.channel_id]);
    expect(
      archive.playlists.map((p) => [p.playlist.playlist_id, p.items.map((i) => i.video_id)]),
    ).toEqual([[made.playlist.playlist_id, [made.listed]]]);
    expect(archive.watch_history).toMatchObject([
      { video_id: made.video, position_sec: 12, removed: false },
    ]);
    expect(archive.notifications).toMatchObject([
      { kind: 'comment_reply', data: { comment_id: made.reply.comment_id } },
    ]);
    expect(archive.reports.map((r) => r.report_id)).toEqual([made.report.report_id]);
    expect(archive.analytics_sessions).toMatchObject([{ video_id: made.video, country: '' }]);
    expect(archive.owned_channels.map((c) => c.channel_id)).toEqual([made.owned.channel_id]);
    expect(archive.comment_ban).toMatchObject({ reason: 'Testing' });
    expect(JSON.stringify(archive)).not.toContain('A reply to you');
  });

  it('streams a large archive page by page, every row once, in order', async () => {
    const viewerId = `reader-${randomUUID().slice(0, 8)}`;
    const base = Date.now() - 3_600_000;
    const rows = Array.from({ length: 1_234 }, (_, i) => ({
      tenantId: tenant.tenantId,
      viewerId,
      kind: 'video_published' as const,
      payload: { n: i },
      sourceEventId: randomUUID(),
      createdAt: new Date(base + i * 1000),
    }));
    await harness.reel.ctx.database.db.insert(notifications).values(rows);
    const answer = await contractFetch(`${harness.url}/v1/viewers/${viewerId}/export`, {
      headers: { authorization: `Bearer ${tenant.apiKey}` },
    });
    expect(answer.status, await answer.clone().text()).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    // Sent as it is read: no length known up front.
    expect(answer.headers.get('content-length')).toBeNull();
    const archive = (await answer.json()) as { notifications: { data: { n: number } }[] };
    expect(archive.notifications.map((n) => n.data.n)).toEqual(rows.map((_, i) => i));
  });

  it('answers 404 for a viewer Reel holds nothing about, or another tenant’s', async () => {
    const viewerId = `liker-${randomUUID().slice(0, 8)}`;
    const liker = await viewerOf(harness, tenant, viewerId);
    await liker.client.like(await readyVideo(harness, tenant));
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
