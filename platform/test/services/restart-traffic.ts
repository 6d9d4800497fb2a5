import { Reel } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import type pg from 'pg';
import { clip } from '../support/clips.js';
import { sleep, until } from '../support/polling.js';
import type { Received } from '../support/webhook-receiver.js';

/** One HTTP attempt a client made: when it started, and its status or `network` for no answer. */
export interface Attempt {
  startedAt: number;
  request: string;
  outcome: number | 'network' | 'pending';
}

/** No answer, or a 5xx. */
export const failed = (a: Attempt) =>
  a.outcome === 'network' || (typeof a.outcome === 'number' && a.outcome >= 500);

/** A fetch that records every attempt, under the SDK's retries, so each failed try counts. */
function countingFetch(attempts: Attempt[]): typeof fetch {
  return async (input, init) => {
    const request = new Request(input, init);
    const attempt: Attempt = {
      startedAt: Date.now(),
      request: `${request.method} ${new URL(request.url).pathname}`,
      outcome: 'pending',
    };
    attempts.push(attempt);
    try {
      const response = await fetch(request);
      attempt.outcome = response.status;
      return response;
    } catch (error) {
      attempt.outcome = 'network';
      throw error;
    }
  };
}

/**
 * What a tenant's users do while a service restarts: one viewer re-reads a published video and
 * its manifest (playback), one client uploads tiny clips one after another (retrying as the SDK
 * does), and the tenant's webhook receiver collects what Reel sends.
 */
export function startTraffic(options: { url: string; apiKey: string; playbackVideoId: string }) {
  const attempts: Attempt[] = [];
  const counted = countingFetch(attempts);
  // A patient client: it retries through the restart; each failed try is still counted above.
  const sdk = new Reel({
    apiKey: options.apiKey,
    baseUrl: options.url,
    fetch: counted,
    maxRetries: 12,
    timeoutMs: 10_000,
  });
  const accepted: string[] = [];
  let lastAcceptedStart = 0;
  const refused: string[] = [];
  let stopped = false;

  const watch = async () => {
    while (!stopped) {
      const video = await counted(`${options.url}/v1/videos/${options.playbackVideoId}`, {
        headers: { authorization: `Bearer ${options.apiKey}` },
      }).catch(() => undefined);
      const manifest = video?.ok
        ? ((await video.json()) as { playback?: { manifest_url?: string } }).playback?.manifest_url
        : undefined;
      if (manifest)
        await counted(manifest).then(
          (r) => r.arrayBuffer(),
          () => undefined,
        );
      await sleep(100); // a viewer's pace, not a synchronisation
    }
  };
  const upload = async () => {
    const path = await clip('tiny.mp4');
    while (!stopped) {
      const startedAt = Date.now();
      try {
        accepted.push((await uploadFile(sdk, path, { title: 'through a restart' })).video_id);
        lastAcceptedStart = startedAt;
      } catch (error) {
        refused.push(String(error));
      }
      await sleep(1_500); // a user's pace, so two cores can transcode what comes in
    }
  };
  const running = Promise.all([watch(), upload()]);
  return {
    attempts,
    accepted,
    /** Keeps the traffic going until an upload started after `since` was accepted. */
    untilUploadAfter: (since: number) =>
      until('an upload started after the restart to be accepted', () => lastAcceptedStart > since),
    async stop() {
      stopped = true;
      await running;
      return { refused };
    },
  };
}

export interface RestartFigures {
  service: string;
  windowMs: number;
  /** From the end of the window until the last accepted upload's webhook arrived. */
  catchUpMs: number;
  requests: number;
  failedInWindow: number;
  /** The failed attempts by request and outcome, e.g. `POST /v1/uploads → 500 ×2`. */
  failures: string[];
  failedAfterWindow: number;
  uploadsAccepted: number;
  uploadsRefused: number;
  eventsLost: number;
  duplicateEvents: number;
}

/**
 * Waits until every accepted upload is published and its `video.published` webhook arrived,
 * then counts: failed attempts inside and after the restart window, events lost (an accepted
 * upload that never published, or whose webhook never came) and events sent twice.
 */
export async function settle(options: {
  service: string;
  window: { from: number; to: number };
  attempts: Attempt[];
  accepted: string[];
  refused: string[];
  db: pg.Pool;
  received: Received[];
  timeoutMs?: number;
}): Promise<RestartFigures> {
  const published = async () => {
    const { rows } = await options.db.query<{ key: string; n: number }>(
      `select key, count(*)::int as n from outbox
        where topic = 'video.published' and key = any($1) group by key`,
      [options.accepted],
    );
    return new Map(rows.map((r) => [r.key, r.n]));
  };
  const hooks = () => {
    const byVideo = new Map<string, Set<string>>();
    for (const r of options.received) {
      const body = JSON.parse(r.body) as { type: string; data: { video: { video_id: string } } };
      if (body.type !== 'video.published') continue;
      const id = body.data.video.video_id;
      byVideo.set(id, (byVideo.get(id) ?? new Set()).add(String(r.headers['webhook-id'])));
    }
    return byVideo;
  };
  const complete = async () =>
    (await published()).size === options.accepted.length &&
    options.accepted.every((id) => hooks().has(id));
  await until(
    `${options.service}: every accepted upload published and its webhook delivered`,
    () => complete(),
    options.timeoutMs ?? 120_000,
  ).catch(() => undefined); // what is missing is counted below as lost
  const caughtUp = Date.now();
  const counts = await published();
  const byVideo = hooks();
  const deliveries = (id: string) =>
    options.received.filter((r) => byVideo.get(id)?.has(String(r.headers['webhook-id']))).length;
  return {
    service: options.service,
    windowMs: options.window.to - options.window.from,
    catchUpMs: caughtUp - options.window.to,
    requests: options.attempts.length,
    failedInWindow: options.attempts.filter(
      (a) => failed(a) && a.startedAt >= options.window.from && a.startedAt <= options.window.to,
    ).length,
    failures: countEach(options.attempts.filter(failed).map((a) => `${a.request} → ${a.outcome}`)),
    failedAfterWindow: options.attempts.filter((a) => failed(a) && a.startedAt > options.window.to)
      .length,
    uploadsAccepted: options.accepted.length,
    uploadsRefused: options.refused.length,
    eventsLost: options.accepted.filter((id) => !counts.has(id) || !byVideo.has(id)).length,
    duplicateEvents: options.accepted.filter(
      (id) => (counts.get(id) ?? 0) > 1 || (byVideo.get(id)?.size ?? 0) > 1 || deliveries(id) > 1,
    ).length,
  };
}

const countEach = (values: string[]) =>
  [...new Set(values)].map((v) => `${v} ×${values.filter((x) => x === v).length}`);

/** One clear line per restart, for the log and the report. */
export const describeFigures = (f: RestartFigures) =>
  `[restart figures] ${f.service}: window ${(f.windowMs / 1000).toFixed(1)} s, ` +
  `all events delivered ${(f.catchUpMs / 1000).toFixed(1)} s after it, ` +
  `${f.requests} requests, ${f.failedInWindow} failed in the window, ${f.failedAfterWindow} after it; ` +
  `uploads ${f.uploadsAccepted} accepted, ${f.uploadsRefused} refused; ` +
  `events lost ${f.eventsLost}, sent twice ${f.duplicateEvents}` +
  (f.failures.length > 0 ? ` (failed: ${f.failures.join(', ')})` : '');
