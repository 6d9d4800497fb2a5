import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  launchChromium,
  type ReelDevServer,
  type StaticServer,
  serveStatic,
  startReelDev,
} from '@reel/browser-testing';
import { Reel } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';

const run = promisify(execFile);
/** What the fixture page puts on `window`. */
type PlayerPage = { player: HTMLElement };
const CDN_BUILD = join(resolve(import.meta.dirname, '../..'), 'dist/cdn');
const CLIP_SECONDS = 24;

let reelDev: ReelDevServer;
let page: StaticServer;
let browser: BrowserContext;
let closeBrowser: (() => Promise<void>) | undefined;
let workDir: string;
let clipPath: string;

/** The ffmpeg runs of this test's `reel dev` (its process group), not anyone else's. */
async function encoders(): Promise<number[]> {
  const { stdout } = await run('ps', ['-eo', 'pid=,pgid=,comm=']);
  return stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, pgid, comm]) => Number(pgid) === reelDev.processGroup && comm === 'ffmpeg')
    .map(([pid]) => Number(pid));
}

const signal = async (pids: number[], name: NodeJS.Signals) => {
  for (const pid of pids) process.kill(pid, name);
};

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'reel-progressive-player-'));
  clipPath = join(workDir, 'clip.mp4');
  await Promise.all([
    startReelDev().then((server) => {
      reelDev = server;
    }),
    run('ffmpeg', [
      ...['-v', 'error', '-y'],
      ...['-f', 'lavfi', '-i', `testsrc2=size=320x180:rate=25:duration=${CLIP_SECONDS}`],
      ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${CLIP_SECONDS}`],
      ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
      clipPath,
    ]),
    launchChromium().then((chromium) => {
      browser = chromium.context;
      closeBrowser = chromium.close;
    }),
  ]);
  page = await serveStatic({ '/player/': CDN_BUILD, '/': join(import.meta.dirname, 'fixture') });
}, 180_000);

afterAll(async () => {
  await closeBrowser?.();
  await page?.close();
  await reelDev?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

it('plays a video from its start while it is still encoding, to its end without a gap', async () => {
  const reel = new Reel({ apiKey: reelDev.apiKey, baseUrl: reelDev.apiUrl });
  const { video_id: videoId } = await uploadFile(reel, clipPath, { title: 'still encoding' });
  await expect
    .poll(async () => (await reel.videos.get(videoId)).status, { timeout: 60_000, interval: 50 })
    .toBe('playable');
  // Held still while the player starts, so it surely meets the growing playlist.
  const frozen = await encoders();
  await signal(frozen, 'SIGSTOP');
  const tab = await browser.newPage();
  const playlists: string[] = [];
  tab.on('response', async (response) => {
    if (!/\/renditions\/[^/]+\/index\.m3u8/.test(response.url())) return;
    playlists.push(await response.text().catch(() => ''));
  });
  try {
    const query = new URLSearchParams({ api: reelDev.apiUrl, id: videoId });
    await tab.goto(`${page.url}/?${query}&autoplay`);
    await expect.poll(() => playlists.length, { timeout: 30_000, interval: 50 }).toBeGreaterThan(0);
  } finally {
    await signal(frozen, 'SIGCONT');
  }
  expect(playlists[0]).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
  expect(playlists[0]).not.toContain('#EXT-X-ENDLIST');
  // Twice as fast, so the test waits half the clip.
  await tab.evaluate(() => {
    const { player } = window as unknown as PlayerPage;
    const video = player.shadowRoot?.querySelector('video') as HTMLVideoElement;
    video.playbackRate = 2;
  });
  const ended = await tab.waitForFunction(
    () => {
      const { player } = window as unknown as PlayerPage;
      const video = player.shadowRoot?.querySelector('video') as HTMLVideoElement;
      if (!video.ended) return false;
      const ranges = Array.from({ length: video.buffered.length }, (_, i) => [
        video.buffered.start(i),
        video.buffered.end(i),
      ]);
      return { currentTime: video.currentTime, duration: video.duration, ranges };
    },
    undefined,
    { timeout: 90_000, polling: 250 },
  );
  const { currentTime, duration, ranges } = (await ended.jsonValue()) as {
    currentTime: number;
    duration: number;
    ranges: number[][];
  };
  expect(duration).toBeCloseTo(CLIP_SECONDS, 0);
  expect(currentTime).toBeCloseTo(duration, 0);
  // One buffered range from the start to the end: no hole was skipped over.
  expect(ranges).toHaveLength(1);
  expect(ranges[0]?.[0]).toBeLessThan(0.5);
  const events = await tab.evaluate(
    () => (window as unknown as { playerEvents: { type: string }[] }).playerEvents,
  );
  expect(events.filter((e) => e.type === 'error')).toEqual([]);
  expect(playlists.at(-1)).toContain('#EXT-X-ENDLIST');
  expect((await reel.videos.get(videoId)).status).toBe('ready');
});
