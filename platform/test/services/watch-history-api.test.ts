import { randomUUID } from 'node:crypto';
import { type Reel, ReelViewer, signViewerToken } from '@reel/sdk';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

/**
 * Watch history with reports on Kafka and view claims in Redis: reports sent in any order end on
 * the highest `seq` of the session, and each viewer counts once.
 */
let harness: Harness;
let owner: { sdk: Reel; tenantId: string };
let key: { keyId: string; privateKey: string };

beforeAll(async () => {
  harness = await startHarness();
  owner = await harness.tenant();
  const created = await owner.sdk.signingKeys.create();
  key = { keyId: created.key_id, privateKey: created.private_key };
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

async function readyVideo() {
  const id = randomUUID();
  await harness.reel.ctx.database.db.insert(videos).values({
    id,
    tenantId: owner.tenantId,
    status: 'ready',
    title: 'Watched on Kafka',
    durationSec: 100,
    originalKey: `raw-uploads/${id}/original`,
    publishedAt: new Date(),
  });
  return id;
}

async function viewer() {
  const token = await signViewerToken(key, { viewerId: randomUUID() });
  return {
    token,
    client: new ReelViewer({ viewerToken: token, baseUrl: harness.url, fetch: contractFetch }),
  };
}

const report = (videoId: string, token: string, sessionId: string, seq: number, at: number) =>
  contractFetch(`${harness.url}/v1/videos/${videoId}/views`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ event: 'heartbeat', position_sec: at, session_id: sessionId, seq }),
  });

const positionOf = async (client: ReelViewer, videoId: string) =>
  (await client.history.list().all()).find((e) => e.video_id === videoId)?.position_sec;

describe('watch history on Kafka', () => {
  it('ends on the highest seq of a session whatever the order, and counts once', async () => {
    const videoId = await readyVideo();
    const alice = await viewer();
    const session = randomUUID();
    const sent = [
      [3, 30],
      [5, 50],
      [1, 10],
      [4, 40],
      [5, 50],
      [2, 20],
    ] as const;
    const answers = await Promise.all(
      sent.map(([seq, at]) => report(videoId, alice.token, session, seq, at)),
    );
    expect(answers.map((a) => a.status)).toEqual(sent.map(() => 202));
    await until(
      'the last report applied',
      async () => (await positionOf(alice.client, videoId)) === 50,
    );
    await until('one view counted', async () => {
      const [row] = await harness.reel.ctx.database.db
        .select({ views: videos.viewCount })
        .from(videos)
        .where(eq(videos.id, videoId));
      return row?.views === 1;
    });
    // A newer session takes over; removing the entry takes it out.
    await alice.client.playback(videoId).start(7);
    await until(
      'the new session applied',
      async () => (await positionOf(alice.client, videoId)) === 7,
    );
    await alice.client.history.remove(videoId);
    expect(await positionOf(alice.client, videoId)).toBeUndefined();
  });
});
