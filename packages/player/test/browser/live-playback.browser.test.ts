import { type ChildProcess, spawn } from 'node:child_process';
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import {
  launchChromium,
  type ReelDevServer,
  type StaticServer,
  serveStatic,
  startReelDev,
} from '@reel/browser-testing';
import { Reel, signLivePlaybackToken, signViewerToken } from '@reel/sdk';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');
const HLSJS = join(PACKAGE_ROOT, 'node_modules/hls.js/dist');
const CDN_BUILD = join(PACKAGE_ROOT, 'dist/cdn');
/** How long the page samples latency once it plays: ~50 samples at one per 200 ms. */
const SAMPLES = 50;

let reelDev: ReelDevServer;
let reel: Reel;
let page: StaticServer;
let browser: BrowserContext;
let closeBrowser: (() => Promise<void>) | undefined;
const publishers: ChildProcess[] = [];

beforeAll(async () => {
  await stat(join(CDN_BUILD, 'reel-player.js')).catch(() => {
    throw new Error('dist/cdn/reel-player.js is missing: run `tsup` first (the test script does)');
  });
  await Promise.all([
    // A short reconnect window, so a session the test stops ends within seconds.
    startReelDev({ REEL_LIVE_RECONNECT_WINDOW_MS: '3000' }).then((server) => {
      reelDev = server;
    }),
    launchChromium().then((chromium) => {
      browser = chromium.context;
      closeBrowser = chromium.close;
    }),
  ]);
  reel = new Reel({ apiKey: reelDev.apiKey, baseUrl: reelDev.apiUrl });
  page = await serveStatic({
    '/hlsjs/': HLSJS,
    '/player/': CDN_BUILD,
    '/element/': join(import.meta.dirname, 'live-player-fixture'),
    '/chat/': join(import.meta.dirname, 'chat-fixture'),
    '/': join(import.meta.dirname, 'live-fixture'),
  });
}, 180_000);

afterAll(async () => {
  for (const publisher of publishers) publisher.kill('SIGINT');
  await closeBrowser?.();
  await page?.close();
  await reelDev?.stop();
});

/**
 * A real RTMP publisher, as OBS would be: a test pattern at its real rate (`-re`), with a tone
 * as AAC when asked. Small, so the live ladder keeps real time while the rest of the test run
 * shares the two cores.
 */
function publishTestPattern(url: string, options: { audio?: boolean } = {}): ChildProcess {
  const tone = ['-re', '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000'];
  const publisher = spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30'],
      ...(options.audio ? tone : []),
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '30'],
      ...(options.audio ? ['-c:a', 'aac', '-b:a', '64k'] : []),
      ...['-f', 'flv', url],
    ],
    { stdio: 'ignore' },
  );
  publishers.push(publisher);
  return publisher;
}

/** Polls `check` every 250 ms until it is true, failing with `what` after `timeoutMs`. */
async function until(what: string, check: () => Promise<boolean>, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 250));
  }
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? Number.NaN;

describe('live LL-HLS in hls.js (Chromium)', () => {
  it('plays a live stream with its sound in low-latency mode while a publisher sends, a few seconds behind', async () => {
    const stream = await reel.liveStreams.create({ title: 'Browser live', latency: 'low' });
    const publisher = publishTestPattern(`${stream.rtmp_url}/${stream.stream_key}`, {
      audio: true,
    });
    const manifest = `${reelDev.apiUrl}/v1/live-streams/${stream.live_stream_id}/manifest.m3u8`;
    const playlist = manifest.replace('manifest.m3u8', 'renditions/360p/playlist.m3u8');
    await until(
      'two segments in the live playlist',
      async () => {
        const response = await fetch(playlist);
        const text = response.ok ? await response.text() : '';
        return (text.match(/^#EXTINF/gm)?.length ?? 0) >= 2;
      },
      30_000,
    );

    const tab = await browser.newPage();
    await tab.goto(`${page.url}/?${new URLSearchParams({ src: manifest })}`);
    await tab.waitForFunction(
      (samples) => {
        const state = window as unknown as { hlsErrors: string[]; latencies: number[] };
        return state.hlsErrors.length > 0 || state.latencies.length >= samples;
      },
      SAMPLES,
      { timeout: 45_000, polling: 200 },
    );
    const played = await tab.evaluate(() => {
      const state = window as unknown as { hlsErrors: string[]; latencies: number[] };
      const video = document.getElementById('video') as HTMLVideoElement & {
        webkitAudioDecodedByteCount: number;
      };
      return {
        errors: state.hlsErrors,
        latencies: state.latencies,
        time: video.currentTime,
        audioBytes: video.webkitAudioDecodedByteCount,
      };
    });
    await tab.close();
    // The next test's ladder gets the cores to itself.
    publisher.kill('SIGINT');

    expect(played.errors).toEqual([]);
    // Sampled for ~10 s: the playhead moved on with the stream (at least half as fast as the
    // wall clock, which a stall on a loaded machine stays under), not stuck on the first part.
    expect(played.time).toBeGreaterThan(5);
    // Chromium decoded the publisher's sound along with the picture.
    expect(played.audioBytes).toBeGreaterThan(0);
    const sorted = [...played.latencies].sort((a, b) => a - b);
    const [p50, p95] = [percentile(sorted, 50), percentile(sorted, 95)];
    console.info(`live latency over ${sorted.length} samples: p50 ${p50} ms, p95 ${p95} ms`);
    expect(p50).toBeGreaterThan(0);
    expect(p95).toBeLessThan(5000);
  }, 60_000);
});

/** What a viewer sees of the live controls (the fixture reads them off the shadow DOM). */
interface LiveView {
  status: string | null;
  badge: boolean;
  atEdge: boolean;
  latencyText: string;
  goLive: boolean;
  currentTime: number;
}

type LivePage = Window & {
  liveView?: () => LiveView;
  player?: HTMLElement & { currentTime: number };
};

/** "1.4 s behind live" → 1.4; NaN when the readout shows no figure. */
const latencyOf = (view: LiveView) =>
  Number(/^(\d+\.\d) s behind live$/.exec(view.latencyText)?.[1]);

describe('<reel-player live-stream-id> (Chromium)', () => {
  it('says the stream has not started, plays it live with a badge, a latency and a way back to the edge, then says it ended', async () => {
    // Signed, so the player's `token` and the `st` on every URI after it are what plays it.
    const stream = await reel.liveStreams.create({
      title: 'Player live',
      latency: 'low',
      playback_policy: 'signed',
    });
    const key = await reel.signingKeys.create();
    const token = await signLivePlaybackToken(
      { keyId: key.key_id, privateKey: key.private_key },
      { liveStreamId: stream.live_stream_id },
    );
    const tab = await browser.newPage();
    const query = new URLSearchParams({
      api: reelDev.apiUrl,
      stream: stream.live_stream_id,
      token,
    });
    await tab.goto(`${page.url}/element/?${query}`);
    const viewOf = () => tab.evaluate(() => (window as LivePage).liveView?.() as LiveView);

    // No publisher yet: the manifest answers 404 and the player says so, and keeps asking.
    await tab.waitForFunction(() =>
      (window as LivePage).liveView?.().status?.includes('not started'),
    );
    expect((await viewOf()).status).toBe(
      'The stream has not started yet. It will play as soon as it goes live.',
    );

    const publisher = publishTestPattern(`${stream.rtmp_url}/${stream.stream_key}`);
    // Playing, some seconds into the stream, with a latency figure shown.
    await tab.waitForFunction(
      () => {
        const view = (window as LivePage).liveView?.();
        return view !== undefined && view.currentTime > 9 && /\d/.test(view.latencyText);
      },
      undefined,
      { timeout: 40_000, polling: 200 },
    );
    const live = await viewOf();
    console.info(`live player at the edge: ${live.latencyText}`);
    expect(live).toMatchObject({ status: null, badge: true, atEdge: true, goLive: false });
    expect(latencyOf(live)).toBeGreaterThan(0);
    expect(latencyOf(live)).toBeLessThan(5);

    // Back eight seconds into the DVR window: behind the edge, and "Go live" offers the way back.
    await tab.evaluate(() => {
      const { player } = window as LivePage;
      if (player) player.currentTime -= 8;
    });
    await tab.waitForFunction(() => (window as LivePage).liveView?.().goLive, undefined, {
      timeout: 10_000,
      polling: 200,
    });
    const behind = await viewOf();
    console.info(`live player after seeking back: ${behind.latencyText}`);
    expect(behind).toMatchObject({ badge: true, atEdge: false, goLive: true });
    expect(latencyOf(behind)).toBeGreaterThan(5);

    await tab.hover('reel-player');
    await tab.locator('reel-player .go-live').click();
    await tab.waitForFunction(
      () => {
        const view = (window as LivePage).liveView?.();
        return view?.atEdge && !view.goLive;
      },
      undefined,
      { timeout: 10_000, polling: 200 },
    );
    const back = await viewOf();
    console.info(`live player after "Go live": ${back.latencyText}`);
    expect(latencyOf(back)).toBeLessThan(5);
    expect(back.currentTime).toBeGreaterThan(behind.currentTime + 4);

    // The publisher leaves for longer than the reconnect window: the session ends, and says so.
    publisher.kill('SIGINT');
    await tab.waitForFunction(
      () => (window as LivePage).liveView?.().status?.includes('ended'),
      undefined,
      {
        timeout: 15_000,
        polling: 200,
      },
    );
    expect((await viewOf()).status).toBe('This live stream has ended.');
    await tab.close();
  }, 60_000);
});

/** When a chat message reached the page (its wall clock, in ms), and what it said. */
type Arrival = { at: number; text: string };

type ChatPage = Window & {
  chatOpen: boolean;
  arrivals: Record<string, Arrival>;
  post(
    url: string,
    token: string,
    text: string,
  ): Promise<{ status: number; id: string; sentAt: number }>;
};

describe('live chat in two browsers (Chromium)', () => {
  it('brings each message a viewer posts in one browser to an anonymous watcher in another within a second', async () => {
    const stream = await reel.liveStreams.create({ title: 'Chat live' });
    const key = await reel.signingKeys.create();
    const viewerToken = await signViewerToken(
      { keyId: key.key_id, privateKey: key.private_key },
      // `notifications` for the stream ticket, `chat` to post.
      { viewerId: 'ada', scopes: ['chat', 'notifications'] },
    );
    const chatUrl = `${reelDev.apiUrl}/v1/live-streams/${stream.live_stream_id}/chat`;
    // The poster's page follows the chat with a ticket (EventSource sends no header); the
    // watcher's, in a browser of its own, with no credential: the stream is public.
    const ticketed = await fetch(`${reelDev.apiUrl}/v1/viewer/notifications/stream-tickets`, {
      method: 'POST',
      headers: { authorization: `Bearer ${viewerToken}` },
    });
    expect(ticketed.status).toBe(201);
    const { ticket } = (await ticketed.json()) as { ticket: string };
    const second = await launchChromium();
    const poster = await browser.newPage();
    const watcher = await second.context.newPage();
    const open = async (tab: Page, stream: string) => {
      await tab.goto(`${page.url}/chat/?${new URLSearchParams({ stream })}`);
      await tab.waitForFunction(() => (window as unknown as ChatPage).chatOpen);
    };
    try {
      await Promise.all([
        open(poster, `${chatUrl}/stream?${new URLSearchParams({ ticket })}`),
        open(watcher, `${chatUrl}/stream`),
      ]);
      const delays: number[] = [];
      for (let i = 0; i < 10; i++) {
        const sent = await poster.evaluate(
          ([url, token, text]) => (window as unknown as ChatPage).post(url, token, text),
          [`${chatUrl}/messages`, viewerToken, `hello ${i}`] as const,
        );
        expect(sent.status).toBe(201);
        const arrived = await watcher
          .waitForFunction((id) => (window as unknown as ChatPage).arrivals[id], sent.id, {
            timeout: 5_000,
          })
          // It resolves only once the arrival is there.
          .then((handle) => handle.jsonValue() as Promise<Arrival>);
        expect(arrived.text).toBe(`hello ${i}`);
        delays.push(arrived.at - sent.sentAt);
      }
      // The poster's own page got them all too.
      const echoed = await poster.evaluate(() =>
        Object.values((window as unknown as ChatPage).arrivals).map((m) => m.text),
      );
      expect(echoed).toEqual(delays.map((_, i) => `hello ${i}`));
      const sorted = [...delays].sort((a, b) => a - b);
      const [p50, p95] = [percentile(sorted, 50), percentile(sorted, 95)];
      console.info(
        `live chat, POST sent in one browser to the event in another, over ${sorted.length} messages: p50 ${p50.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
      );
      expect(p95).toBeLessThan(1000);
    } finally {
      await second.close();
      await poster.close();
    }
  }, 60_000);
});
