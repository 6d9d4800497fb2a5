/**
 * A script of who watched what, from where and on what, the playback reports a player sends
 * for it, and the figures it must give, worked out from the script alone (not from Reel's
 * reading of the reports).
 */

const HOUR_MS = 3600_000;

/** A seeded generator, so the script is the same on every run. */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)) };
}

export interface Client {
  ip: string;
  userAgent: string;
  referrer?: string;
  country: string;
  device: string;
  browser: string;
  os: string;
  referrerDomain: string;
}

/** Client addresses and the country the GeoIP database gives each. */
export const PLACES = [
  { ip: '8.8.8.8', country: 'US' },
  { ip: '81.2.69.142', country: 'GB' },
  { ip: '200.160.2.3', country: 'BR' },
  { ip: '133.242.0.3', country: 'JP' },
  { ip: '2a01:e0a::1', country: 'FR' },
  { ip: '10.1.2.3', country: '' },
];

export const BROWSERS = [
  {
    userAgent:
      'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
    device: 'desktop',
    browser: 'Chrome',
    os: 'Windows',
  },
  {
    userAgent:
      'Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    device: 'mobile',
    browser: 'Safari',
    os: 'iOS',
  },
  {
    userAgent:
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36',
    device: 'mobile',
    browser: 'Chrome',
    os: 'Android',
  },
  {
    userAgent:
      'Mozilla/5.0 (iPad; CPU OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1',
    device: 'tablet',
    browser: 'Safari',
    os: 'iOS',
  },
  {
    userAgent:
      'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0; rv:121.0) Gecko/20100101 Firefox/121.0',
    device: 'desktop',
    browser: 'Firefox',
    os: 'macOS',
  },
];

export const RENDITIONS = ['1080p', '720p', '360p'];

export const REFERRERS = [
  { referrer: 'https://www.example.com/watch?v=1', domain: 'example.com' },
  { referrer: 'https://blog.example.org/post', domain: 'blog.example.org' },
  { referrer: undefined, domain: '' },
];

/** One playback: the spans of the video it played, in order, and when it began. */
export interface ScriptedSession {
  sessionId: string;
  videoId: string;
  durationSec: number;
  viewer: string;
  client: Client;
  viewerToken?: string;
  startsAt: number;
  /** The video's playback policy. */
  policy: 'public' | 'signed';
  /**
   * [from, to] seconds of the video, played one after the other; a pause of `pauseSec` before
   * each; the rendition the player reports while playing it, if it reports one.
   */
  spans: { from: number; to: number; pauseSec: number; rendition?: string }[];
  /** The player reached the end and said so. */
  completes: boolean;
}

export interface Report {
  session: ScriptedSession;
  body: {
    event: 'start' | 'heartbeat' | 'complete';
    position_sec: number;
    session_id: string;
    seq: number;
    client_ts: string;
    from_sec?: number;
    rendition?: string;
  };
}

/**
 * What a player sends for a session: reports at each span's start and every 10 s; at a span's
 * end a report, except before a seek, whose report says where it left (`from_sec`) instead.
 */
export function reportsOf(session: ScriptedSession): Report[] {
  const reports: Report[] = [];
  let clock = session.startsAt;
  let seq = 0;
  const send = (
    event: Report['body']['event'],
    position: number,
    rendition: string | undefined,
    fromSec?: number,
  ) =>
    reports.push({
      session,
      body: {
        event,
        position_sec: position,
        session_id: session.sessionId,
        seq: seq++,
        client_ts: new Date(clock).toISOString(),
        ...(fromSec !== undefined && { from_sec: fromSec }),
        ...(rendition !== undefined && { rendition }),
      },
    });
  session.spans.forEach((span, i) => {
    const before = session.spans[i - 1];
    const seekFrom = before && before.to !== span.from ? before.to : undefined;
    // A pause, or the moment a seek takes.
    clock += i === 0 ? 0 : span.pauseSec * 1000 + 500;
    send(i === 0 ? 'start' : 'heartbeat', span.from, span.rendition, seekFrom);
    const seeksAfter = (session.spans[i + 1]?.from ?? span.to) !== span.to;
    let at = span.from;
    while (at < span.to) {
      const next = Math.min(at + 10, span.to);
      clock += (next - at) * 1000;
      at = next;
      if (at === span.to && seeksAfter) break;
      const last = i === session.spans.length - 1 && at === span.to;
      send(last && session.completes ? 'complete' : 'heartbeat', at, span.rendition);
    }
  });
  return reports;
}

/** The rendition a session counts under: the last one its player reported; '' for none. */
export const renditionOf = (session: ScriptedSession) =>
  session.spans.findLast((s) => s.rendition !== undefined)?.rendition ?? '';

/** The end of a session: when its last report was sent. */
export const endOf = (session: ScriptedSession) =>
  Date.parse(reportsOf(session).at(-1)?.body.client_ts ?? '');

/** What the script says a session adds up to. */
export function truthOf(session: ScriptedSession, engagedSec = 10) {
  const d = session.durationSec;
  const watch = session.spans.reduce((sum, s) => sum + (s.to - s.from), 0);
  const seconds = new Set<number>();
  for (const s of session.spans) for (let t = s.from; t < s.to; t++) seconds.add(t);
  const furthest = Math.max(...session.spans.map((s) => s.to));
  const tail = Math.min(Math.max(10, d * 0.05), d / 2);
  const covered = Array.from({ length: 100 }, (_, p) =>
    session.spans.some((s) => s.from <= (d * p) / 100 && (d * p) / 100 < s.to),
  );
  return {
    watch,
    engaged: seconds.size >= Math.min(engagedSec, d / 2),
    completed: session.completes || furthest >= d - tail,
    covered,
    hour: Math.floor(session.startsAt / HOUR_MS) * HOUR_MS,
  };
}

/** The figures of a set of sessions, as the API should answer them. */
export function expectedMetrics(sessions: readonly ScriptedSession[]) {
  const truths = sessions.map((s) => truthOf(s));
  const views = sessions.length;
  const watch = truths.reduce((sum, t) => sum + t.watch, 0);
  return {
    views,
    engaged_views: truths.filter((t) => t.engaged).length,
    unique_viewers: new Set(sessions.map((s) => s.viewer)).size,
    watch_time_sec: watch,
    average_view_sec: views > 0 ? watch / views : 0,
    completion_rate: views > 0 ? truths.filter((t) => t.completed).length / views : 0,
  };
}

export function expectedRetention(sessions: readonly ScriptedSession[]) {
  const truths = sessions.map((s) => truthOf(s));
  return Array.from({ length: 100 }, (_, p) =>
    sessions.length > 0 ? truths.filter((t) => t.covered[p]).length / sessions.length : 0,
  );
}

/** The most sessions open at one instant, each from its first report to its last. */
export function expectedPeak(sessions: readonly ScriptedSession[]) {
  const edges = sessions.flatMap((s) => [
    { t: s.startsAt, d: 1 },
    { t: endOf(s), d: -1 },
  ]);
  edges.sort((a, b) => a.t - b.t || b.d - a.d);
  let open = 0;
  let peak = 0;
  for (const e of edges) {
    open += e.d;
    peak = Math.max(peak, open);
  }
  return peak;
}

/**
 * A script: `viewers` viewers, each watching one or two sessions of the given videos, spans of
 * 5 to 60 s with pauses, forward seeks of 20 s or more and backward seeks between them.
 */
export function writeScript(options: {
  seed: number;
  viewers: number;
  videos: readonly { id: string; durationSec: number; policy?: 'public' | 'signed' }[];
  startsAround: number;
  sessionPrefix: string;
}): ScriptedSession[] {
  const random = seeded(options.seed);
  // Renditions from a generator of their own, so the rest of the script stays as it was.
  const renditions = seeded(options.seed + 1000);
  const renditionFor = (reports: boolean) =>
    reports ? RENDITIONS[renditions.int(0, RENDITIONS.length - 1)] : undefined;
  const sessions: ScriptedSession[] = [];
  for (let v = 0; v < options.viewers; v++) {
    const place = PLACES[random.int(0, PLACES.length - 1)] as (typeof PLACES)[number];
    const browser = BROWSERS[random.int(0, BROWSERS.length - 1)] as (typeof BROWSERS)[number];
    const ref = REFERRERS[random.int(0, REFERRERS.length - 1)] as (typeof REFERRERS)[number];
    const client: Client = {
      ip: place.ip,
      userAgent: `${browser.userAgent} sim/${options.sessionPrefix}${v}`,
      referrer: ref.referrer,
      country: place.country,
      device: browser.device,
      browser: browser.browser,
      os: browser.os,
      referrerDomain: ref.domain,
    };
    const count = random.int(1, 2);
    for (let n = 0; n < count; n++) {
      const video = options.videos[random.int(0, options.videos.length - 1)] as {
        id: string;
        durationSec: number;
        policy?: 'public' | 'signed';
      };
      // An older player reports no rendition.
      const reportsRendition = renditions.next() < 0.8;
      const d = video.durationSec;
      const spans: ScriptedSession['spans'] = [];
      let at = random.next() < 0.7 ? 0 : random.int(0, Math.floor(d / 2));
      const spanCount = random.int(1, 3);
      for (let s = 0; s < spanCount && at < d; s++) {
        const to = Math.min(d, at + random.int(5, 60));
        const rendition = renditionFor(reportsRendition);
        spans.push({ from: at, to, pauseSec: random.int(1, 30), ...(rendition && { rendition }) });
        const move = random.next();
        // A pause (same place), a seek forward past a heartbeat's reach, or back.
        at =
          move < 0.4
            ? to
            : move < 0.7
              ? to + random.int(20, 40)
              : Math.max(0, to - random.int(5, 30));
        if (at >= d) break;
      }
      const lastTo = spans.at(-1)?.to ?? 0;
      sessions.push({
        sessionId: `${options.sessionPrefix}-${v}-${n}-${random.int(100000, 999999)}`,
        videoId: video.id,
        durationSec: d,
        policy: video.policy ?? 'public',
        viewer: `${client.ip}|${client.userAgent}`,
        client,
        startsAt: options.startsAround + random.int(0, 20 * 60) * 1000,
        spans,
        completes: lastTo === d && random.next() < 0.5,
      });
    }
  }
  return sessions;
}

/** A stable shuffle. */
export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seeded(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
