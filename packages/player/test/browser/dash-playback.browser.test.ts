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
import { Reel, signPlaybackToken } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import type { BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');
const DASHJS = join(PACKAGE_ROOT, 'node_modules/dashjs/dist/modern/umd');
const CDN_BUILD = join(PACKAGE_ROOT, 'dist/cdn');

let reelDev: ReelDevServer;
let reel: Reel;
let page: StaticServer;
let browser: BrowserContext;
let closeBrowser: (() => Promise<void>) | undefined;
let workDir: string;
let publicId: string;
let signedId: string;
let signingKey: { keyId: string; privateKey: string };

/** 8 s of 320x180 colour bars and a tone: one small rendition and the audio, quick to encode. */
async function makeClip(): Promise<string> {
  const path = join(workDir, 'dash.mp4');
  await promisify(execFile)('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=8'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=8'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
    ...['-shortest', path],
  ]);
  return path;
}

beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'reel-dash-clip-'));
  const [, clip] = await Promise.all([
    startReelDev().then((server) => {
      reelDev = server;
    }),
    makeClip(),
    launchChromium().then((chromium) => {
      browser = chromium.context;
      closeBrowser = chromium.close;
    }),
  ]);
  reel = new Reel({ apiKey: reelDev.apiKey, baseUrl: reelDev.apiUrl });
  const [uploaded, signed, key] = await Promise.all([
    uploadFile(reel, clip, { title: 'dash public' }),
    uploadFile(reel, clip, { title: 'dash signed', playbackPolicy: 'signed' }),
    reel.signingKeys.create(),
  ]);
  signingKey = { keyId: key.key_id, privateKey: key.private_key };
  const settle = { timeoutMs: 150_000, intervalMs: 500 };
  const settled = await Promise.all([
    reel.videos.waitUntilSettled(uploaded.video_id, settle),
    reel.videos.waitUntilSettled(signed.video_id, settle),
  ]);
  expect(settled.map((video) => video.status)).toEqual(['ready', 'ready']);
  publicId = uploaded.video_id;
  signedId = signed.video_id;
  page = await serveStatic({
    '/dashjs/': DASHJS,
    '/player/': CDN_BUILD,
    '/': join(import.meta.dirname, 'dash-fixture'),
  });
}, 240_000);

afterAll(async () => {
  await closeBrowser?.();
  await page?.close();
  await reelDev?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

/** Plays the MPD in dash.js to past 5 s; returns the statuses and `st` of its segment fetches. */
async function playPast5s(mpd: string) {
  const tab = await browser.newPage();
  const segments: { status: number; st: string | null }[] = [];
  tab.on('response', (response) => {
    const url = new URL(response.url());
    if (url.pathname.includes('/segments/')) {
      segments.push({ status: response.status(), st: url.searchParams.get('st') });
    }
  });
  const console: string[] = [];
  tab.on('console', (message) => console.push(message.text()));
  tab.on('pageerror', (error) => console.push(error.message));
  tab.on('response', (response) => {
    if (response.status() >= 400) console.push(`${response.status()} ${response.url()}`);
  });
  await tab.goto(`${page.url}/?${new URLSearchParams({ mpd })}`);
  // A stall is reported with the video's state below, rather than as a bare timeout.
  const waited = tab.waitForFunction(
    () => {
      const errors = (window as unknown as { dashErrors: string[] }).dashErrors;
      const video = document.getElementById('video') as HTMLVideoElement;
      return errors.length > 0 || video.currentTime > 5;
    },
    undefined,
    { timeout: 60_000, polling: 200 },
  );
  await waited.catch(() => undefined);
  const result = await tab.evaluate(() => {
    const video = document.getElementById('video') as HTMLVideoElement;
    const buffered = Array.from({ length: video.buffered.length }, (_, i) => [
      video.buffered.start(i),
      video.buffered.end(i),
    ]);
    return {
      errors: (window as unknown as { dashErrors: string[] }).dashErrors,
      time: video.currentTime,
      state: { paused: video.paused, readyState: video.readyState, buffered },
    };
  });
  await tab.close();
  return { ...result, segments, console: console.slice(-20) };
}

describe('DASH in dash.js (Chromium)', () => {
  it('plays a public video’s MPD past 5 s', async () => {
    const played = await playPast5s(`${reelDev.apiUrl}/v1/videos/${publicId}/manifest.mpd`);
    expect(played.errors).toEqual([]);
    expect(played.time, JSON.stringify(played)).toBeGreaterThan(5);
    expect(played.segments.length).toBeGreaterThan(2);
    expect(played.segments.every((s) => s.status === 200)).toBe(true);
  });

  it('plays a signed video’s MPD past 5 s, every segment fetched with its st', async () => {
    const token = await signPlaybackToken(signingKey, { videoId: signedId, expiresIn: '10m' });
    const played = await playPast5s(
      `${reelDev.apiUrl}/v1/videos/${signedId}/manifest.mpd?token=${token}`,
    );
    expect(played.errors).toEqual([]);
    expect(played.time, JSON.stringify(played)).toBeGreaterThan(5);
    expect(played.segments.length).toBeGreaterThan(2);
    expect(played.segments.every((s) => s.status === 200 && s.st !== null)).toBe(true);
  });

  it('plays in <reel-player format="dash">, dash.js fetched only then', async () => {
    const token = await signPlaybackToken(signingKey, { videoId: signedId, expiresIn: '10m' });
    const tab = await browser.newPage();
    const scripts: string[] = [];
    tab.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.push(new URL(request.url()).pathname);
    });
    const query = new URLSearchParams({ api: reelDev.apiUrl, id: signedId, token });
    await tab.goto(`${page.url}/player.html?${query}`);
    await tab.waitForFunction(
      () => {
        const player = (window as unknown as { player?: HTMLElement }).player;
        const video = player?.shadowRoot?.querySelector('video');
        return (video?.currentTime ?? 0) > 5;
      },
      undefined,
      { timeout: 60_000, polling: 200 },
    );
    const engine = await tab.evaluate(
      () => (window as unknown as { player: { engine?: string } }).player.engine,
    );
    await tab.close();
    expect(engine).toBe('dash.js');
    expect(scripts.some((path) => /\/player\/dash\.all\.min-\w+\.js$/.test(path))).toBe(true);
    expect(scripts.some((path) => /\/player\/hls-\w+\.js$/.test(path))).toBe(false);
  });
});
