import { type ChildProcess, spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import {
  launchChromium,
  type ReelDevServer,
  type StaticServer,
  serveStatic,
  startReelDev,
} from '@reel/browser-testing';
import { Reel } from '@reel/sdk';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const HLSJS = join(resolve(import.meta.dirname, '../..'), 'node_modules/hls.js/dist');
/** How long the page samples latency once it plays: ~100 samples at one per 200 ms. */
const SAMPLES = 100;

let reelDev: ReelDevServer;
let reel: Reel;
let page: StaticServer;
let browser: BrowserContext;
let closeBrowser: (() => Promise<void>) | undefined;
let publisher: ChildProcess | undefined;

beforeAll(async () => {
  await Promise.all([
    startReelDev().then((server) => {
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
    '/': join(import.meta.dirname, 'live-fixture'),
  });
}, 180_000);

afterAll(async () => {
  publisher?.kill('SIGINT');
  await closeBrowser?.();
  await page?.close();
  await reelDev?.stop();
});

/**
 * A real RTMP publisher, as OBS would be: a test pattern at its real rate (`-re`). Small, so
 * the live ladder keeps real time while the rest of the test run shares the two cores.
 */
function publishTestPattern(url: string): ChildProcess {
  return spawn(
    'ffmpeg',
    [
      ...['-hide_banner', '-loglevel', 'error', '-re'],
      ...['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=30'],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'zerolatency', '-g', '30'],
      ...['-f', 'flv', url],
    ],
    { stdio: 'ignore' },
  );
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
  it('plays a live stream in low-latency mode while a publisher sends, a few seconds behind', async () => {
    const stream = await reel.liveStreams.create({ title: 'Browser live', latency: 'low' });
    publisher = publishTestPattern(`${stream.rtmp_url}/${stream.stream_key}`);
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
      const video = document.getElementById('video') as HTMLVideoElement;
      return { errors: state.hlsErrors, latencies: state.latencies, time: video.currentTime };
    });
    await tab.close();

    expect(played.errors).toEqual([]);
    // Sampled for ~20 s: the playhead moved on with the stream (at least half as fast as the
    // wall clock, which a stall on a loaded machine stays under), not stuck on the first part.
    expect(played.time).toBeGreaterThan(10);
    const sorted = [...played.latencies].sort((a, b) => a - b);
    const [p50, p95] = [percentile(sorted, 50), percentile(sorted, 95)];
    console.info(`live latency over ${sorted.length} samples: p50 ${p50} ms, p95 ${p95} ms`);
    expect(p50).toBeGreaterThan(0);
    expect(p95).toBeLessThan(5000);
  }, 60_000);
});
