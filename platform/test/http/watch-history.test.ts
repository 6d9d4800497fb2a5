import { randomUUID } from 'node:crypto';
import { type Reel, type ReelViewer, signViewerToken, type WatchHistoryEntry } from '@reel/sdk';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { failure } from '../support/failure.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { signedViewer } from '../support/viewer-client.js';

let harness: Harness;
let owner: { sdk: Reel; tenantId: string };
let stranger: { sdk: Reel; tenantId: string };
let ownerKey: { keyId: string; privateKey: string };
let strangerKey: { keyId: string; privateKey: string };

async function signingKey(sdk: Reel) {
  const created = await sdk.signingKeys.create({ algorithm: 'ES256' });
  return { keyId: created.key_id, privateKey: created.private_key };
}

const viewer = (key = ownerKey, viewerId?: string) => signedViewer(harness.url, key, { viewerId });

/** A ready 100 s video of the tenant (public unless told), made straight in the database. */
async function readyVideo(
  tenantId: string,
  title = 'Watched',
  exposure: { playbackPolicy?: 'signed'; visibility?: 'private' } = {},
) {
  const id = randomUUID();
  await harness.reel.ctx.database.db.insert(videos).values({
    ...exposure,
    id,
    tenantId,
    status: 'ready',
    title,
    durationSec: 100,
    originalKey: `raw-uploads/${id}/original`,
    publishedAt: new Date(),
  });
  return id;
}

/** One raw report, as a player sends it. */
function report(videoId: string, body: unknown, token?: string, userAgent = 'test browser') {
  return contractFetch(`${harness.url}/v1/videos/${videoId}/views`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'user-agent': userAgent,
      ...(token && { authorization: `Bearer ${token}` }),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const beat = (sessionId: string, seq: number, positionSec: number, event = 'heartbeat') => ({
  event,
  position_sec: positionSec,
  session_id: sessionId,
  seq,
});

/** Every report of the tenant has been relayed and handled by the views role. */
const settled = (tenantId: string) =>
  until('the views role to handle every report', async () => {
    const { rows } = await harness.reel.ctx.database.db.execute<{ pending: number }>(sql`
      select (select count(*) from outbox where tenant_id = ${tenantId} and relayed_at is null)
           + (select count(*) from queue_jobs where group_name = 'views' and tenant_id = ${tenantId}
                and done_at is null and dead_at is null) as pending`);
    return Number(rows[0]?.pending) === 0;
  });

const entries = (client: ReelViewer) => client.history.list().all();
const entryOf = async (client: ReelViewer, videoId: string) =>
  (await entries(client)).find((e) => e.video_id === videoId);
const positionIs = (client: ReelViewer, videoId: string, positionSec: number) =>
  until(`history at ${positionSec} s`, async () => {
    const entry = await entryOf(client, videoId);
    return entry?.position_sec === positionSec ? entry : undefined;
  });

beforeAll(async () => {
  harness = await startHarness({ roles: ['relay', 'views'] });
  owner = await harness.tenant();
  stranger = await harness.tenant();
  ownerKey = await signingKey(owner.sdk);
  strangerKey = await signingKey(stranger.sdk);
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('reports build the history', () => {
  it('records where a session stopped, and counts the view once per viewer', async () => {
    const videoId = await readyVideo(owner.tenantId);
    const alice = await viewer();
    const playback = alice.client.playback(videoId);
    expect(await playback.start()).toEqual({ counted: true });
    expect(await playback.heartbeat(30)).toEqual({ counted: false });
    await playback.heartbeat(42);
    const entry = await positionIs(alice.client, videoId, 42);
    expect(entry).toMatchObject({ title: 'Watched', duration_sec: 100, finished: false });
    // Another session on another device counts no second view.
    expect(await alice.client.playback(videoId).start(42)).toEqual({ counted: false });
  });

  it('ignores duplicate and late reports of a session; a higher seq may seek back', async () => {
    const videoId = await readyVideo(owner.tenantId);
    const alice = await viewer();
    const session = randomUUID();
    expect((await report(videoId, beat(session, 5, 50), alice.token)).status).toBe(202);
    await positionIs(alice.client, videoId, 50);
    for (const late of [beat(session, 3, 10), beat(session, 5, 99), beat(session, 4, 20)]) {
      expect((await report(videoId, late, alice.token)).status).toBe(202);
    }
    await settled(owner.tenantId);
    expect((await entryOf(alice.client, videoId))?.position_sec).toBe(50);
    await report(videoId, beat(session, 6, 5), alice.token);
    await positionIs(alice.client, videoId, 5);
  });

  it('lets a newer session move it anywhere, and no one else’s session touch it', async () => {
    const videoId = await readyVideo(owner.tenantId);
    const alice = await viewer();
    const bob = await viewer();
    const first = randomUUID();
    await report(videoId, beat(first, 0, 70, 'start'), alice.token);
    await positionIs(alice.client, videoId, 70);
    // Bob and an anonymous caller reuse Alice's session id with a huge seq: Alice's entry holds.
    await report(videoId, beat(first, 2_000_000_000, 3), bob.token);
    await report(videoId, beat(first, 2_000_000_000, 4));
    await settled(owner.tenantId);
    expect((await entryOf(alice.client, videoId))?.position_sec).toBe(70);
    expect((await entryOf(bob.client, videoId))?.position_sec).toBe(3);
    // Alice starts over on another device: the newer session wins, even going back.
    await report(videoId, beat(randomUUID(), 0, 12, 'start'), alice.token);
    await positionIs(alice.client, videoId, 12);
    // Views: Alice once, Bob once, the anonymous browser once.
    await until('the three views counted', async () => {
      const [row] = await harness.reel.ctx.database.db
        .execute<{ view_count: number }>(sql`select view_count from videos where id = ${videoId}`)
        .then((r) => r.rows);
      return Number(row?.view_count) === 3;
    });
  });

  it('marks a video finished on complete, or near the end', async () => {
    const [ended, credits] = [await readyVideo(owner.tenantId), await readyVideo(owner.tenantId)];
    const alice = await viewer();
    await alice.client.playback(ended).complete(60);
    const reporter = alice.client.playback(credits);
    await reporter.start();
    await reporter.heartbeat(95);
    await until('both finished', async () => {
      const list = await entries(alice.client);
      return list.filter((e) => e.finished).length === 2;
    });
    expect((await entryOf(alice.client, credits))?.position_sec).toBe(95);
  });
});

describe('the history', () => {
  it('lists newest first in pages', async () => {
    const alice = await viewer();
    const watched: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      const videoId = await readyVideo(owner.tenantId, `Video ${i}`);
      await alice.client.playback(videoId).start(i + 1);
      await positionIs(alice.client, videoId, i + 1);
      watched.push(videoId);
    }
    const pages: string[][] = [];
    for await (const page of alice.client.history.list({ limit: 2 }).pages()) {
      pages.push(page.map((e: WatchHistoryEntry) => e.video_id));
    }
    expect(pages).toEqual([[watched[4], watched[3]], [watched[2], watched[1]], [watched[0]]]);
    const bad = await contractFetch(`${harness.url}/v1/viewer/history?cursor=garbage`, {
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect([bad.status, ((await bad.json()) as { code: string }).code]).toEqual([
      400,
      'invalid_cursor',
    ]);
  });

  it('removes one entry; a later playback brings it back', async () => {
    const [kept, removed] = [await readyVideo(owner.tenantId), await readyVideo(owner.tenantId)];
    const alice = await viewer();
    await alice.client.playback(kept).start(10);
    await alice.client.playback(removed).start(20);
    await positionIs(alice.client, removed, 20);
    await positionIs(alice.client, kept, 10);
    await alice.client.history.remove(removed);
    await alice.client.history.remove(removed);
    expect((await entries(alice.client)).map((e) => e.video_id)).toEqual([kept]);
    await alice.client.playback(removed).start(30);
    await positionIs(alice.client, removed, 30);
  });

  it('clears everything', async () => {
    const alice = await viewer();
    const videoId = await readyVideo(owner.tenantId);
    await alice.client.playback(videoId).start(10);
    await positionIs(alice.client, videoId, 10);
    await alice.client.history.clear();
    await alice.client.history.clear();
    expect(await entries(alice.client)).toEqual([]);
  });

  it('records nothing while paused, and again once resumed', async () => {
    const alice = await viewer();
    const videoId = await readyVideo(owner.tenantId);
    expect(await alice.client.history.settings()).toEqual({ paused: false });
    expect(await alice.client.history.pause()).toEqual({ paused: true });
    expect(await alice.client.history.pause()).toEqual({ paused: true });
    expect(await alice.client.playback(videoId).start(10)).toEqual({ counted: true });
    await settled(owner.tenantId);
    expect(await entries(alice.client)).toEqual([]);
    expect(await alice.client.history.resume()).toEqual({ paused: false });
    await alice.client.playback(videoId).start(15);
    await positionIs(alice.client, videoId, 15);
  });
});

describe('resume', () => {
  const readAs = async (token: string, videoId: string) => {
    const response = await contractFetch(`${harness.url}/v1/videos/${videoId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(response.status).toBe(200);
    return ((await response.json()) as { viewer?: Record<string, unknown> }).viewer;
  };

  it('gives the viewer where they stopped on the video read, and nothing once finished', async () => {
    const videoId = await readyVideo(owner.tenantId);
    const alice = await viewer();
    const bob = await viewer();
    expect(await readAs(alice.token, videoId)).toEqual({ has_liked: false });
    const reporter = alice.client.playback(videoId);
    await reporter.start(0);
    await reporter.heartbeat(37.5);
    await until('resume at 37.5', async () => {
      const state = await readAs(alice.token, videoId);
      return state?.resume_position_sec === 37.5;
    });
    expect(await readAs(bob.token, videoId)).toEqual({ has_liked: false });
    await reporter.complete(100);
    await until('finished: no resume', async () => {
      const state = await readAs(alice.token, videoId);
      return state !== undefined && !('resume_position_sec' in state);
    });
  });

  it('gives nothing once the entry is removed', async () => {
    const videoId = await readyVideo(owner.tenantId);
    const alice = await viewer();
    await alice.client.playback(videoId).start(12);
    await until(
      'resume at 12',
      async () => (await readAs(alice.token, videoId))?.resume_position_sec === 12,
    );
    await alice.client.history.remove(videoId);
    expect(await readAs(alice.token, videoId)).toEqual({ has_liked: false });
  });
});

describe('history scope', () => {
  it('a token naming scopes without history may not read it, and its reports only count', async () => {
    const videoId = await readyVideo(owner.tenantId);
    const narrow = await signViewerToken(ownerKey, {
      viewerId: randomUUID(),
      scopes: ['comments'],
    });
    const list = await contractFetch(`${harness.url}/v1/viewer/history`, {
      headers: { authorization: `Bearer ${narrow}` },
    });
    expect([list.status, ((await list.json()) as { code: string }).code]).toEqual([
      403,
      'insufficient_scope',
    ]);
    const counted = await report(videoId, beat(randomUUID(), 0, 30, 'start'), narrow);
    expect([counted.status, await counted.json()]).toEqual([202, { counted: true }]);
    await settled(owner.tenantId);
    const response = await contractFetch(`${harness.url}/v1/videos/${videoId}`, {
      headers: { authorization: `Bearer ${narrow}` },
    });
    const read = (await response.json()) as { viewer?: Record<string, unknown> };
    expect(read.viewer).toEqual({ has_liked: false });
  });
});

describe('whose history', () => {
  it('is the viewer’s own: another viewer neither sees nor removes it', async () => {
    const videoId = await readyVideo(owner.tenantId);
    const alice = await viewer();
    const bob = await viewer();
    await alice.client.playback(videoId).start(25);
    await positionIs(alice.client, videoId, 25);
    expect(await entries(bob.client)).toEqual([]);
    await bob.client.history.remove(videoId);
    await bob.client.history.clear();
    expect((await entryOf(alice.client, videoId))?.position_sec).toBe(25);
  });

  it("refuses another tenant's viewer on this tenant's videos", async () => {
    const videoId = await readyVideo(owner.tenantId);
    const carol = await viewer(strangerKey);
    const refused = await report(videoId, beat(randomUUID(), 0, 1, 'start'), carol.token);
    expect([refused.status, ((await refused.json()) as { code: string }).code]).toEqual([
      404,
      'not_found',
    ]);
    expect((await failure(carol.client.history.remove(videoId))).status).toBe(404);
    expect(await entries(carol.client)).toEqual([]);
  });

  it('lets the tenant’s viewer report on a signed video without a playback token, not on a private one', async () => {
    const signed = await readyVideo(owner.tenantId, 'Signed', { playbackPolicy: 'signed' });
    const hidden = await readyVideo(owner.tenantId, 'Private', { visibility: 'private' });
    const alice = await viewer();
    expect((await report(signed, beat(randomUUID(), 0, 8, 'start'))).status).toBe(401);
    expect((await report(signed, beat(randomUUID(), 0, 8, 'start'), alice.token)).status).toBe(202);
    await positionIs(alice.client, signed, 8);
    expect((await report(hidden, beat(randomUUID(), 0, 8, 'start'), alice.token)).status).toBe(404);
  });

  it('refuses forged, expired and missing tokens', async () => {
    const videoId = await readyVideo(owner.tenantId);
    const alice = await viewer();
    const [header, payload] = alice.token.split('.');
    const forged = `${header}.${payload}.${'A'.repeat(86)}`;
    const expired = await signViewerToken(ownerKey, { viewerId: 'late', expiresIn: -60 });
    for (const token of [forged, expired, 'garbage']) {
      expect((await report(videoId, beat(randomUUID(), 0, 1, 'start'), token)).status).toBe(401);
      const list = await contractFetch(`${harness.url}/v1/viewer/history`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(list.status).toBe(401);
    }
    expect((await contractFetch(`${harness.url}/v1/viewer/history`)).status).toBe(401);
  });

  it('answers 405 for a method the settings path does not take, not a bad video id', async () => {
    const alice = await viewer();
    // Plain fetch: the contract checker would hold this answer against the {video_id} route.
    const response = await fetch(`${harness.url}/v1/viewer/history/settings`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect([response.status, response.headers.get('allow')]).toEqual([405, 'GET, HEAD, PUT']);
    const garbage = await contractFetch(`${harness.url}/v1/viewer/history/not-a-video`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${alice.token}` },
    });
    expect(garbage.status).toBe(400);
  });
});

describe('bad reports', () => {
  let videoId: string;
  beforeAll(async () => {
    videoId = await readyVideo(owner.tenantId);
  });

  it.each([
    ['a negative position', beat('session-1', 0, -1)],
    ['a huge position', beat('session-1', 0, 1e12)],
    ['NaN as text', { ...beat('session-1', 0, 0), position_sec: 'NaN' }],
    ['an unknown event', beat('session-1', 0, 1, 'pause')],
    ['a NUL byte in the session', beat('session\u0000x', 0, 1)],
    ['a short session', beat('abc', 0, 1)],
    ['a negative seq', beat('session-1', -1, 1)],
    ['a fractional seq', beat('session-1', 1.5, 1)],
    ['a seq past 32 bits', beat('session-1', 2 ** 31, 1)],
    ['a field Reel does not know', { ...beat('session-1', 0, 1), extra: true }],
    ['no session', { event: 'start', position_sec: 0, seq: 0 }],
    ['a bad client time', { ...beat('session-1', 0, 1), client_ts: 'yesterday' }],
  ])('refuses %s with 400', async (_what, body) => {
    const response = await report(videoId, body, (await viewer()).token);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('invalid_request');
  });

  it('refuses a body that is not JSON', async () => {
    const response = await report(videoId, '{"event":');
    expect([response.status, ((await response.json()) as { code: string }).code]).toEqual([
      400,
      'invalid_json',
    ]);
  });

  it('still counts an older player’s empty report', async () => {
    const response = await contractFetch(`${harness.url}/v1/videos/${videoId}/views`, {
      method: 'POST',
      headers: { 'user-agent': 'older player' },
    });
    expect([response.status, await response.json()]).toEqual([202, { counted: true }]);
  });
});
