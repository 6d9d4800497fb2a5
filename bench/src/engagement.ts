import { randomUUID } from 'node:crypto';
import { signViewerToken } from '@reel/sdk';
import pg from 'pg';
import { progress } from './progress.js';
import type { RunningReel } from './reel-process.js';
import { interleave, median, medianRatio, round3 } from './stats.js';

/** Requests in flight at once, for Reel and for the bare baseline alike. */
const CONCURRENCY = 16;
const POLL_MS = 50;

/** Runs `work(i)` for i in 0..n-1, `concurrency` at a time; answers the seconds it took. */
async function timed(n: number, concurrency: number, work: (i: number) => Promise<void>) {
  let next = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let i = next++; i < n; i = next++) await work(i);
    }),
  );
  return (performance.now() - start) / 1000;
}

const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
};

async function tenantOf(reel: RunningReel, videoId: string): Promise<string> {
  const { rows } = await reel.db.query<{ tenant_id: string }>(
    'select tenant_id from videos where id = $1',
    [videoId],
  );
  if (!rows[0]) throw new Error(`video ${videoId} not found`);
  return rows[0].tenant_id;
}

/** Row updates Postgres counted on `videos` so far (its statistics lag by up to a second). */
async function videoRowUpdates(reel: RunningReel): Promise<number> {
  const { rows } = await reel.db.query<{ n: string }>(
    "select n_tup_upd as n from pg_stat_user_tables where relname = 'videos'",
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * `likes_vs_bare_insert`: likes/s through `POST /v1/videos/{id}/like`, each from a new viewer (so
 * each is a real new row), against a bare baseline beside it: the same number of plain INSERTs
 * of such rows into `video_likes`, over as many connections as Reel gets requests in flight.
 * Also how long the counters role takes to show them all in `like_count`, and how many row
 * updates `videos` got for them.
 */
export async function benchLikes(
  reel: RunningReel,
  videoId: string,
  likes: number,
  rounds: number,
) {
  const tenantId = await tenantOf(reel, videoId);
  const key = await reel.sdk.signingKeys.create({ algorithm: 'ES256' });
  const signing = { keyId: key.key_id, privateKey: key.private_key };
  const bare = new pg.Pool({ connectionString: reelDbUrl(reel), max: CONCURRENCY });
  const likeCount = async () => {
    const { rows } = await reel.db.query<{ counted: string; liked: string }>(
      `select (select like_count from videos where id = $1) as counted,
              (select count(*) from video_likes where video_id = $1) as liked`,
      [videoId],
    );
    return { counted: Number(rows[0]?.counted), liked: Number(rows[0]?.liked) };
  };
  const settleMs: number[] = [];
  const updatesPerThousand: number[] = [];
  try {
    const pairs = await interleave(
      rounds,
      async (round) => {
        progress(`likes round ${round}/${rounds}: ${likes} bare INSERTs`);
        const sec = await timed(likes, CONCURRENCY, async () => {
          await bare.query(
            'insert into video_likes (tenant_id, viewer_id, video_id) values ($1, $2, $3)',
            [tenantId, `bare-${randomUUID()}`, videoId],
          );
        });
        // Out of the way again, so the rows the like count must reach are Reel's alone.
        await bare.query(
          "delete from video_likes where video_id = $1 and viewer_id like 'bare-%'",
          [videoId],
        );
        return likes / sec;
      },
      async (round) => {
        progress(`likes round ${round}/${rounds}: ${likes} likes through Reel`);
        const tokens = await Promise.all(
          Array.from({ length: likes }, () =>
            signViewerToken(signing, { viewerId: `fan-${randomUUID()}` }),
          ),
        );
        const updatesBefore = await videoRowUpdates(reel);
        const sec = await timed(likes, CONCURRENCY, async (i) => {
          const response = await fetch(`${reel.apiUrl}/v1/videos/${videoId}/like`, {
            method: 'POST',
            headers: { authorization: `Bearer ${tokens[i]}` },
          });
          if (response.status !== 200) throw new Error(`like answered ${response.status}`);
          await response.arrayBuffer();
        });
        const sent = performance.now();
        for (let n = await likeCount(); n.counted !== n.liked; n = await likeCount()) {
          if (performance.now() - sent > 120_000) throw new Error('like_count did not settle');
          await new Promise((r) => setTimeout(r, POLL_MS));
        }
        settleMs.push(performance.now() - sent);
        // Statistics reach other sessions within about a second; wait until they stop moving.
        let updates = await videoRowUpdates(reel);
        for (let last = -1; updates !== last; updates = await videoRowUpdates(reel)) {
          last = updates;
          await new Promise((r) => setTimeout(r, 1_200));
        }
        updatesPerThousand.push(((updates - updatesBefore) / likes) * 1000);
        return likes / sec;
      },
    );
    return {
      ratio: round3(medianRatio(pairs, (likesPerSec) => likesPerSec)),
      rounds: pairs.map((p) => round3(p.subject / p.baseline)),
      figures: {
        likes_per_round: likes,
        likes_reel_per_s: Math.round(median(pairs.map((p) => p.subject))),
        likes_bare_insert_per_s: Math.round(median(pairs.map((p) => p.baseline))),
        likes_count_settled_ms: Math.round(median(settleMs)),
        likes_video_row_updates_per_1000_likes: round3(median(updatesPerThousand)),
      },
    };
  } finally {
    await bare.end();
  }
}

const reelDbUrl = (reel: RunningReel) => reel.db.options.connectionString;

/** The query Reel's comment list runs for a first page, as plain SQL: the bare baseline. */
const FIRST_PAGE_SQL = `select * from comments
  where video_id = $1 and parent_id is null
    and (state = 'published' or (state = 'deleted' and reply_count > 0))
  order by created_at desc, id desc limit 26`;

/**
 * `comments_page_vs_bare_sql`: p50 latency of `GET /v1/videos/{id}/comments` (first page, no
 * credential) on a video with `comments` top-level comments, against the same SQL run straight
 * on Postgres beside it; one request at a time, so these are latencies, not throughput.
 */
export async function benchCommentsPage(
  reel: RunningReel,
  videoId: string,
  comments: number,
  requests: number,
  rounds: number,
) {
  const tenantId = await tenantOf(reel, videoId);
  // The signed-manifest benchmark left it signed; public comments are read on public videos.
  await reel.sdk.videos.update(videoId, { playback_policy: 'public' });
  progress(`comments: writing ${comments} comments`);
  await reel.db.query(
    `with made as (select gen_random_uuid() as id, n from generate_series(1, $3::int) n)
     insert into comments (id, tenant_id, video_id, thread_id, author_viewer_id, text, state, created_at)
     select id, $1, $2, id, 'viewer-' || (n % 500), 'comment number ' || n, 'published',
            now() - make_interval(secs => n)
       from made`,
    [tenantId, videoId, comments],
  );
  await reel.db.query('analyze comments');
  const url = `${reel.apiUrl}/v1/videos/${videoId}/comments`;
  const page = async () => {
    const response = await fetch(url);
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    const body = (await response.json()) as { data: unknown[] };
    if (body.data.length === 0) throw new Error('the first page came back empty');
  };
  const sample = async (run: () => Promise<unknown>) => {
    const ms: number[] = [];
    for (let i = 0; i < requests; i++) {
      const start = performance.now();
      await run();
      ms.push(performance.now() - start);
    }
    return { p50: percentile(ms, 50), p95: percentile(ms, 95) };
  };
  // Warm-up: connections, plans and V8 on both sides; not counted.
  await sample(page);
  await sample(() => reel.db.query(FIRST_PAGE_SQL, [videoId]));
  const pairs = await interleave(
    rounds,
    async (round) => {
      progress(`comments round ${round}/${rounds}: bare SQL`);
      return sample(() => reel.db.query(FIRST_PAGE_SQL, [videoId]));
    },
    async (round) => {
      progress(`comments round ${round}/${rounds}: Reel`);
      return sample(page);
    },
  );
  const med = (values: number[]) => round3(median(values));
  return {
    ratio: round3(medianRatio(pairs, (r) => r.p50)),
    rounds: pairs.map((p) => round3(p.subject.p50 / p.baseline.p50)),
    figures: {
      comments_on_video: comments,
      comments_page_reel_p50_ms: med(pairs.map((p) => p.subject.p50)),
      comments_page_reel_p95_ms: med(pairs.map((p) => p.subject.p95)),
      comments_page_bare_sql_p50_ms: med(pairs.map((p) => p.baseline.p50)),
      comments_page_bare_sql_p95_ms: med(pairs.map((p) => p.baseline.p95)),
    },
  };
}
