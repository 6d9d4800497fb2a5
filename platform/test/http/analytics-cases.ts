import { randomUUID } from 'node:crypto';
import { type AnalyticsReport, type Reel, type ReelError, signViewerToken } from '@reel/sdk';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestViewReports } from '../../src/app/analytics/ingest-view-reports.js';
import { videos } from '../../src/db/schema.js';
import type { BusEvent } from '../../src/ports/event-bus.js';
import {
  BROWSERS,
  type Client,
  expectedMetrics,
  expectedPeak,
  expectedRetention,
  type Report,
  renditionOf,
  reportsOf,
  type ScriptedSession,
  shuffled,
  truthOf,
  writeScript,
} from '../support/analytics-simulator.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { postViewReport } from '../support/view-reports.js';

/**
 * Analytics in any mode: a script of viewers played through the real API (duplicates,
 * reordering, a 6 h late batch, a batch too late, a forged session), every metric checked
 * against the script, a replay of the whole log, and the refusals.
 */
export function analyticsCases() {
  const HOUR_MS = 3600_000;
  let harness: Harness;
  let owner: { sdk: Reel; tenantId: string; apiKey: string };
  let stranger: { sdk: Reel; tenantId: string };
  let channelId: string;
  const A = { id: randomUUID(), durationSec: 100 };
  const B = { id: randomUUID(), durationSec: 40 };
  // Signed: only viewer tokens report on it here.
  const C = { id: randomUUID(), durationSec: 60, policy: 'signed' as const };
  let sessions: ScriptedSession[] = [];
  const now = Date.now();

  const failure = (promise: Promise<unknown>) =>
    promise.then(
      () => {
        throw new Error('expected a failure');
      },
      (e: unknown) => e as ReelError,
    );

  async function insertVideo(
    video: { id: string; durationSec: number; policy?: 'signed' },
    channel?: string,
  ) {
    await harness.reel.ctx.database.db.insert(videos).values({
      id: video.id,
      tenantId: owner.tenantId,
      status: 'ready',
      title: 'Watched',
      durationSec: video.durationSec,
      originalKey: `raw-uploads/${video.id}/original`,
      publishedAt: new Date(),
      ...(video.policy && { playbackPolicy: video.policy }),
      ...(channel && { channelId: channel }),
    });
  }

  /** Sends reports as players do, several at once, from each one's address and browser. */
  async function send(reports: readonly Report[], client?: Client) {
    for (let i = 0; i < reports.length; i += 16) {
      await Promise.all(
        reports.slice(i, i + 16).map(async ({ session, body }) => {
          const from = client ?? session.client;
          await postViewReport(
            `${harness.url}/v1/videos/${session.videoId}/views`,
            {
              'user-agent': from.userAgent,
              'x-forwarded-for': from.ip,
              ...(from.referrer && { referer: from.referrer }),
              ...(session.viewerToken && { authorization: `Bearer ${session.viewerToken}` }),
            },
            body,
          );
        }),
      );
    }
  }

  /**
   * The API shows what the sessions sent so far add up to: exact figures are the test of the
   * analytics role having taken every report in, on the Postgres queue or Kafka alike.
   */
  const settled = (sent: readonly ScriptedSession[]) =>
    until(
      'the analytics role to take in every report',
      async () => {
        const expected = expectedMetrics(sent);
        const { metrics } = await owner.sdk.analytics.overview({
          ...timeframe,
          metrics: ['views', 'watch_time_sec'],
        });
        return (
          metrics.views === expected.views &&
          Math.abs((metrics.watch_time_sec ?? 0) - expected.watch_time_sec) < 1e-6
        );
      },
      120_000,
    );

  /** Some reports twice, all of them in an order of their own. */
  const withDuplicates = (reports: readonly Report[], seed: number) =>
    shuffled([...reports, ...reports.filter((_, i) => i % 7 === 0)], seed);

  const timeframe = { from: new Date(now - 2 * 24 * HOUR_MS), to: new Date(now + HOUR_MS) };

  function expectMetrics(actual: AnalyticsReport['metrics'], of: readonly ScriptedSession[]) {
    const expected = expectedMetrics(of);
    expect(actual.views).toBe(expected.views);
    expect(actual.engaged_views).toBe(expected.engaged_views);
    expect(actual.unique_viewers).toBe(expected.unique_viewers);
    expect(actual.watch_time_sec).toBeCloseTo(expected.watch_time_sec, 6);
    expect(actual.average_view_sec).toBeCloseTo(expected.average_view_sec, 6);
    expect(actual.completion_rate).toBeCloseTo(expected.completion_rate, 9);
  }

  beforeAll(async () => {
    harness = await startHarness({
      roles: ['relay', 'analytics'],
      env: { REEL_TRUSTED_PROXIES: '127.0.0.1,::1' },
    });
    owner = await harness.tenant();
    stranger = await harness.tenant();
    channelId = (
      await owner.sdk.channels.create({ handle: `an-${randomUUID().slice(0, 8)}`, title: 'Stats' })
    ).channel_id;
    await insertVideo(A, channelId);
    await insertVideo(B);
    await insertVideo(C);

    const key = await owner.sdk.signingKeys.create({ algorithm: 'ES256' });
    const viewerToken = await signViewerToken(
      { keyId: key.key_id, privateKey: key.private_key },
      { viewerId: 'fan-1' },
    );
    const onTime = writeScript({
      seed: 17,
      viewers: 24,
      videos: [A, B],
      startsAround: now - 50 * 60_000,
      sessionPrefix: 'on',
    });
    // One signed-in viewer on two devices: one unique viewer.
    const signedIn = [0, 1].map((n) => {
      const browser = BROWSERS[n] as (typeof BROWSERS)[number];
      return {
        sessionId: `fan-1-${n}-${randomUUID()}`,
        videoId: A.id,
        durationSec: A.durationSec,
        policy: 'public',
        viewer: 'fan-1',
        viewerToken,
        client: {
          ip: n === 0 ? '8.8.8.8' : '81.2.69.142',
          userAgent: browser.userAgent,
          country: n === 0 ? 'US' : 'GB',
          device: browser.device,
          browser: browser.browser,
          os: browser.os,
          referrerDomain: '',
        },
        startsAt: now - (40 - n * 10) * 60_000,
        spans: [{ from: 0, to: 100, pauseSec: 0, rendition: '1080p' }],
        completes: true,
      } satisfies ScriptedSession;
    });
    // The same viewer on the signed video, switching rendition and seeking.
    const onSigned = writeScript({
      seed: 20,
      viewers: 4,
      videos: [C],
      startsAround: now - 45 * 60_000,
      sessionPrefix: 'signed',
    }).map((session) => ({ ...session, viewer: 'fan-1', viewerToken }));
    const late = writeScript({
      seed: 18,
      viewers: 6,
      videos: [A, B],
      startsAround: now - 6 * HOUR_MS - 30 * 60_000,
      sessionPrefix: 'late',
    });
    const tooLate = writeScript({
      seed: 19,
      viewers: 1,
      videos: [A],
      startsAround: now - 30 * HOUR_MS,
      sessionPrefix: 'stale',
    });

    await send(withDuplicates([...onTime, ...signedIn, ...onSigned].flatMap(reportsOf), 1));
    await settled([...onTime, ...signedIn, ...onSigned]);
    // A forger takes a watched session's id and claims the whole video from another browser.
    const victim = onTime[0] as ScriptedSession;
    const forged: Report[] = Array.from({ length: 11 }, (_, i) => ({
      session: victim,
      body: {
        event: i === 0 ? 'start' : 'heartbeat',
        position_sec: i * 10,
        session_id: victim.sessionId,
        seq: 1000 + i,
        client_ts: new Date(victim.startsAt + i * 10_000).toISOString(),
      },
    }));
    await send(forged, {
      ip: '1.1.1.1',
      userAgent: 'Forger/1.0',
      country: 'AU',
      device: '',
      browser: '',
      os: '',
      referrerDomain: '',
    });
    // Six hours late, and a batch too late to count at all.
    await send(withDuplicates([...late, ...tooLate].flatMap(reportsOf), 2));
    sessions = [...onTime, ...signedIn, ...onSigned, ...late];
    // One video's events are handled in order, so the forged reports sent before are in too.
    await settled(sessions);
  }, 180_000);

  afterAll(async () => {
    await harness?.stop();
    expect(violations).toEqual([]);
  });

  describe('analytics from simulated viewers', () => {
    it("gives a video's metrics, retention curve and peak exactly as the script has them", async () => {
      const ofA = sessions.filter((s) => s.videoId === A.id);
      const answer = await owner.sdk.analytics.video(A.id, timeframe);
      expectMetrics(answer.metrics, ofA);
      expect(answer.metrics.peak_concurrent_viewers).toBe(expectedPeak(ofA));
      const retention = answer.metrics.retention ?? [];
      expect(retention).toHaveLength(100);
      expectedRetention(ofA).forEach((share, p) => {
        expect(retention[p]).toBeCloseTo(share, 9);
      });
      expect(answer.metrics.unique_viewers).toBeLessThan(ofA.length);
    });

    it('puts each view in the hour it was played, the 6 h late ones included', async () => {
      const ofA = sessions.filter((s) => s.videoId === A.id);
      const answer = await owner.sdk.analytics.video(A.id, {
        from: new Date(now - 8 * HOUR_MS),
        to: new Date(now + HOUR_MS),
        granularity: 'hour',
        metrics: ['views', 'watch_time_sec', 'unique_viewers'],
      });
      const series = answer.series ?? [];
      expect(series.length).toBeGreaterThanOrEqual(9);
      for (const point of series) {
        const inHour = ofA.filter((s) => truthOf(s).hour === Date.parse(point.t));
        expect(point.metrics.views).toBe(inHour.length);
        expect(point.metrics.watch_time_sec).toBeCloseTo(
          inHour.reduce((sum, s) => sum + truthOf(s).watch, 0),
          6,
        );
        expect(point.metrics.unique_viewers).toBe(new Set(inHour.map((s) => s.viewer)).size);
      }
      const lateHour = Math.floor((now - 6 * HOUR_MS - 30 * 60_000) / HOUR_MS) * HOUR_MS;
      expect(
        series
          .filter((p) => Math.abs(Date.parse(p.t) - lateHour) <= HOUR_MS)
          .some((p) => (p.metrics.views ?? 0) > 0),
      ).toBe(true);
    });

    it('breaks a channel down by country, and the overview by device, as the script has them', async () => {
      const ofA = sessions.filter((s) => s.videoId === A.id);
      const byCountry = await owner.sdk.analytics.channel(channelId, {
        ...timeframe,
        breakdown: 'country',
        limit: 100,
      });
      const countries = new Set(ofA.map((s) => s.client.country));
      expect(byCountry.rows?.map((r) => r.value ?? '').sort()).toEqual([...countries].sort());
      for (const row of byCountry.rows ?? []) {
        expectMetrics(
          row.metrics,
          ofA.filter((s) => s.client.country === (row.value ?? '')),
        );
      }
      const byDevice = await owner.sdk.analytics.overview({ ...timeframe, breakdown: 'device' });
      for (const row of byDevice.rows ?? []) {
        expectMetrics(
          row.metrics,
          sessions.filter((s) => s.client.device === row.value),
        );
      }
      expectMetrics(byDevice.metrics, sessions);
    });

    it('narrows everything to the views that match the filters', async () => {
      const wanted = sessions.filter((s) => s.client.device === 'mobile' && s.client.os === 'iOS');
      const answer = await owner.sdk.analytics.overview({
        ...timeframe,
        filters: { device: 'mobile', os: 'iOS' },
      });
      expectMetrics(answer.metrics, wanted);
      const byReferrer = await owner.sdk.analytics.overview({
        ...timeframe,
        filters: { referrer: 'example.com' },
        breakdown: 'video',
      });
      const fromExample = sessions.filter((s) => s.client.referrerDomain === 'example.com');
      expectMetrics(byReferrer.metrics, fromExample);
      for (const row of byReferrer.rows ?? []) {
        expectMetrics(
          row.metrics,
          fromExample.filter((s) => s.videoId === row.value),
        );
      }
    });

    it('breaks views down by playback policy and rendition, and filters by them, as the script has them', async () => {
      const byPolicy = await owner.sdk.analytics.overview({
        ...timeframe,
        breakdown: 'playback_policy',
      });
      expect(byPolicy.rows?.map((r) => r.value).sort()).toEqual(['public', 'signed']);
      for (const row of byPolicy.rows ?? []) {
        expectMetrics(
          row.metrics,
          sessions.filter((s) => s.policy === row.value),
        );
      }
      const byRendition = await owner.sdk.analytics.overview({
        ...timeframe,
        breakdown: 'rendition',
        limit: 100,
      });
      const renditions = new Set(sessions.map(renditionOf));
      expect(renditions.has('')).toBe(true);
      expect(byRendition.rows?.map((r) => r.value ?? '').sort()).toEqual([...renditions].sort());
      for (const row of byRendition.rows ?? []) {
        expectMetrics(
          row.metrics,
          sessions.filter((s) => renditionOf(s) === (row.value ?? '')),
        );
      }
      const signed720 = await owner.sdk.analytics.video(C.id, {
        ...timeframe,
        filters: { playback_policy: 'signed', rendition: '720p' },
      });
      expectMetrics(
        signed720.metrics,
        sessions.filter((s) => s.videoId === C.id && renditionOf(s) === '720p'),
      );
    });

    it('pages a breakdown with a cursor, most views first', async () => {
      const first = await owner.sdk.analytics.overview({
        ...timeframe,
        breakdown: 'country',
        limit: 2,
      });
      expect(first.rows).toHaveLength(2);
      const views = (first.rows ?? []).map((r) => r.metrics.views ?? 0);
      expect(views[0]).toBeGreaterThanOrEqual(views[1] ?? 0);
      const second = await owner.sdk.analytics.overview({
        ...timeframe,
        breakdown: 'country',
        limit: 2,
        cursor: first.next_cursor ?? '',
      });
      const seen = [...(first.rows ?? []), ...(second.rows ?? [])].map((r) => r.value);
      expect(new Set(seen).size).toBe(seen.length);
    });

    it('gives the same numbers after the whole log is taken in again', async () => {
      const before = await owner.sdk.analytics.overview({ ...timeframe, granularity: 'day' });
      const { rows } = await harness.reel.ctx.database.db.execute<{
        event_id: string;
        topic: string;
        key: string;
        tenant_id: string;
        payload: Record<string, unknown>;
        created_at: string;
      }>(sql`select event_id, topic, key, tenant_id, payload, created_at::text from outbox
             where topic = 'events.views' and tenant_id = ${owner.tenantId} order by id desc`);
      const log: BusEvent[] = rows.map((r) => ({
        eventId: r.event_id,
        topic: r.topic,
        key: r.key,
        tenantId: r.tenant_id,
        payload: r.payload,
        emittedAt: new Date(r.created_at),
      }));
      expect(log.length).toBeGreaterThan(sessions.length);
      for (let i = 0; i < log.length; i += 100) {
        await ingestViewReports(harness.reel.ctx, log.slice(i, i + 100));
      }
      expect(await owner.sdk.analytics.overview({ ...timeframe, granularity: 'day' })).toEqual(
        before,
      );
    });
    // Last here: its video adds to the tenant's totals, which the cases above check.
    it('counts the play up to a seek exactly, from the position the seek report says it left', async () => {
      const D = { id: randomUUID(), durationSec: 60 };
      await insertVideo(D);
      const sessionId = `seek-${randomUUID()}`;
      const t0 = now - 20 * 60_000;
      // Plays 0-14 s (heartbeats at 0 and 10), seeks at 14 s to 50 s, plays to 60 s.
      const played = [
        { event: 'start', position_sec: 0, at: 0 },
        { event: 'heartbeat', position_sec: 10, at: 10 },
        { event: 'heartbeat', position_sec: 50, from_sec: 14, at: 15 },
        { event: 'complete', position_sec: 60, at: 25 },
      ] as const;
      const session = {
        ...(sessions[0] as ScriptedSession),
        videoId: D.id,
        viewerToken: undefined,
      };
      await send(
        played.map(({ at, ...body }, seq) => ({
          session,
          body: {
            ...body,
            session_id: sessionId,
            seq,
            client_ts: new Date(t0 + at * 1000).toISOString(),
            rendition: '480p',
          },
        })),
      );
      const answer = await until(
        'the seek session to be taken in',
        async () => {
          const report = await owner.sdk.analytics.video(D.id, timeframe);
          return report.metrics.views === 1 ? report : undefined;
        },
        60_000,
      );
      // Without `from_sec` the 4 s before the seek would be lost: 20 s.
      expect(answer.metrics.watch_time_sec).toBeCloseTo(24, 6);
      const retention = answer.metrics.retention ?? [];
      expect(retention.slice(0, 23).every((share) => share === 1)).toBe(true);
      expect(retention.slice(24, 83).every((share) => share === 0)).toBe(true);
      const rendition = await owner.sdk.analytics.video(D.id, {
        ...timeframe,
        breakdown: 'rendition',
      });
      expect(rendition.rows?.map((r) => [r.value, r.metrics.views])).toEqual([['480p', 1]]);
    });
  });

  describe('analytics refusals', () => {
    it('answers 400 naming an unknown metric or dimension', async () => {
      const metric = await failure(
        owner.sdk.analytics.video(A.id, { metrics: ['views', 'likes' as 'views'] }),
      );
      expect([metric.status, metric.code]).toEqual([400, 'unknown_metric']);
      expect(metric.details).toMatchObject({ unknown: ['likes'] });
      const breakdown = await failure(
        owner.sdk.analytics.overview({ breakdown: 'planet' as 'country' }),
      );
      expect([breakdown.status, breakdown.code]).toEqual([400, 'unknown_dimension']);
      expect(breakdown.details).toMatchObject({ breakdown: 'planet' });
      const filter = await failure(
        owner.sdk.analytics.overview({
          filters: { planet: 'mars' } as unknown as { country: string },
        }),
      );
      expect([filter.status, filter.code]).toEqual([400, 'unknown_dimension']);
    });

    it('answers 400 with details for a malformed rendition or seek position in a view report', async () => {
      const base = {
        event: 'heartbeat',
        position_sec: 5,
        session_id: `bad-${randomUUID()}`,
        seq: 1,
      };
      const post = (body: string) =>
        contractFetch(`${harness.url}/v1/videos/${A.id}/views`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': '8.8.8.8' },
          body,
        });
      const malformed: [string, unknown][] = [
        ['from_sec', -1],
        ['from_sec', 1e300],
        ['from_sec', 'NaN'],
        ['rendition', ''],
        ['rendition', '720p\u0000'],
        ['rendition', '../../etc'],
        ['rendition', 'x'.repeat(33)],
        ['rendition', 720],
      ];
      for (const [field, value] of malformed) {
        const response = await post(JSON.stringify({ ...base, [field]: value }));
        expect(response.status, `${field}: ${String(value)}`).toBe(400);
        const error = (await response.json()) as {
          code: string;
          details: { errors: { path: string }[] };
        };
        expect(error.code).toBe('invalid_request');
        expect(error.details.errors.some((e) => e.path.endsWith(`/${field}`))).toBe(true);
      }
      // JSON has no NaN: the body is not JSON at all.
      const nan = await post(JSON.stringify(base).replace('}', ',"from_sec":NaN}'));
      expect(nan.status).toBe(400);
      expect(((await nan.json()) as { code: string }).code).toBe('invalid_json');
    });

    it('answers 400 for a timeframe that ends before it starts or runs over the limit', async () => {
      const backwards = await failure(
        owner.sdk.analytics.video(A.id, { from: new Date(now), to: new Date(now - HOUR_MS) }),
      );
      expect([backwards.status, backwards.code]).toEqual([400, 'invalid_time_range']);
      const long = await failure(
        owner.sdk.analytics.video(A.id, {
          from: new Date(now - 400 * 24 * HOUR_MS),
          to: new Date(now),
        }),
      );
      expect([long.status, long.code]).toEqual([400, 'time_range_too_long']);
      expect(long.details).toMatchObject({ max_days: 366 });
      const hourly = await failure(
        owner.sdk.analytics.video(A.id, {
          from: new Date(now - 40 * 24 * HOUR_MS),
          to: new Date(now),
          granularity: 'hour',
        }),
      );
      expect(hourly.details).toMatchObject({ max_days: 31 });
    });

    it('answers 400 for garbage in filters and cursors, never a server error', async () => {
      for (const filters of ['country:U\u0000S', 'video:not-a-uuid', 'country', ':US']) {
        const response = await contractFetch(
          `${harness.url}/v1/analytics/overview?filters=${encodeURIComponent(filters)}`,
          { headers: { authorization: `Bearer ${owner.apiKey}` } },
        );
        expect(response.status).toBe(400);
      }
      const cursor = await failure(
        owner.sdk.analytics.overview({ breakdown: 'country', cursor: 'garbage' }),
      );
      expect([cursor.status, cursor.code]).toEqual([400, 'invalid_cursor']);
    });

    it("finds no other tenant's video or channel, and shows another tenant none of these views", async () => {
      expect((await failure(stranger.sdk.analytics.video(A.id))).status).toBe(404);
      expect((await failure(stranger.sdk.analytics.channel(channelId))).status).toBe(404);
      const theirs = await stranger.sdk.analytics.overview(timeframe);
      expect(theirs.metrics.views).toBe(0);
    });

    // Last: it deletes B, which the cases above read.
    it("finds a deleted video's analytics no more, while the tenant's totals keep its views", async () => {
      const before = await owner.sdk.analytics.overview(timeframe);
      expect((await owner.sdk.analytics.video(B.id, timeframe)).metrics.views).toBeGreaterThan(0);
      await owner.sdk.videos.delete(B.id);
      const gone = await failure(owner.sdk.analytics.video(B.id, timeframe));
      expect([gone.status, gone.code]).toEqual([404, 'not_found']);
      const after = await owner.sdk.analytics.overview(timeframe);
      expect(after.metrics.views).toBe(before.metrics.views);
      expect(after.metrics.watch_time_sec).toBeCloseTo(before.metrics.watch_time_sec ?? 0, 6);
    });
  });
}
