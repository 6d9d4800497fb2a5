import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Reel } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './debian-chromium.js';
import { type ReelDevServer, startReelDev } from './reel-dev-server.js';
import { type StaticServer, serveStatic } from './static-server.js';

const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');
const ARTIFACTS = join(PACKAGE_ROOT, 'test-artifacts');
const CDN_BUILD = join(PACKAGE_ROOT, 'dist/cdn');

/** 8 s of 1280x720 colour bars with a tone: the ladder is 240p, 360p, 480p and 720p. */
async function makeClip(folder: string): Promise<string> {
  const path = join(folder, 'clip.mp4');
  await promisify(execFile)('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=25:duration=8'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=8'],
    ...[
      '-c:v',
      'libx264',
      '-preset',
      'ultrafast',
      '-pix_fmt',
      'yuv420p',
      '-c:a',
      'aac',
      '-shortest',
    ],
    path,
  ]);
  return path;
}

let reelDev: ReelDevServer;
let page: StaticServer;
let browser: BrowserContext;
let closeBrowser: (() => Promise<void>) | undefined;
let workDir: string;
let readyVideoId: string;
let pendingVideoId: string;

beforeAll(async () => {
  try {
    await stat(join(CDN_BUILD, 'reel-player.js'));
  } catch {
    throw new Error('dist/cdn/reel-player.js is missing: run `tsup` first (the test script does)');
  }
  await mkdir(ARTIFACTS, { recursive: true });
  workDir = await mkdtemp(join(tmpdir(), 'reel-player-clip-'));
  // The slow parts (Postgres start, clip encode, browser start) overlap.
  // Each is kept as soon as it exists, so afterAll stops it even if another one failed to start.
  const [, clip] = await Promise.all([
    startReelDev().then((server) => {
      reelDev = server;
    }),
    makeClip(workDir),
    launchChromium().then((chromium) => {
      browser = chromium.context;
      closeBrowser = chromium.close;
    }),
  ]);
  const reel = new Reel({ apiKey: reelDev.apiKey, baseUrl: reelDev.apiUrl });
  const uploaded = await uploadFile(reel, clip, { title: 'player test clip' });
  // A second video that never gets its bytes: it stays waiting_for_upload, i.e. not ready.
  const bytes = await readFile(clip);
  const pending = await reel.uploads.create({
    filename: 'never-sent.mp4',
    size_bytes: bytes.length,
    mime: 'video/mp4',
    sha256: createHash('sha256').update(bytes).digest('hex'),
    title: 'never uploaded',
  });
  pendingVideoId = pending.video_id;
  const settled = await reel.videos.waitUntilSettled(uploaded.video_id, {
    timeoutMs: 150_000,
    intervalMs: 500,
  });
  expect(settled.status).toBe('ready');
  readyVideoId = uploaded.video_id;
  // Another port is another origin: the API's CORS is what lets the page play.
  page = await serveStatic({ '/player/': CDN_BUILD, '/': join(import.meta.dirname, 'fixture') });
}, 240_000);

afterAll(async () => {
  await closeBrowser?.();
  await page?.close();
  await reelDev?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function openPlayer(videoId: string, extra = ''): Promise<Page> {
  const tab = await browser.newPage();
  const query = new URLSearchParams({ api: reelDev.apiUrl, id: videoId });
  await tab.goto(`${page.url}/?${query}${extra}`);
  await tab.waitForFunction(() => 'player' in window);
  return tab;
}

/** Evaluates in the page with `player` and its shadow root at hand. */
type InPage = { player: HTMLElement & Record<string, unknown> };
declare const window: Window &
  InPage & { timing: { mountedAt: number; firstFrameAt: number | null } };

describe('<reel-player> in Chromium, against a real Reel', () => {
  it('plays the video from another origin: time advances and the picture is not black', async () => {
    const tab = await openPlayer(readyVideoId, '&autoplay');
    await tab.waitForFunction(() => window.timing.firstFrameAt !== null, undefined, {
      timeout: 30_000,
    });
    const firstFrameMs = await tab.evaluate(
      () => (window.timing.firstFrameAt ?? 0) - window.timing.mountedAt,
    );
    console.log(`time to first frame: ${Math.round(firstFrameMs)} ms`);

    const engine = await tab.evaluate(() => window.player.engine);
    expect(engine).toBe('hls.js');
    const poster = await tab.evaluate(() => window.player.poster);
    expect(poster).toBe(`${reelDev.apiUrl}/v1/videos/${readyVideoId}/thumbnails/medium`);

    const startedAt = await tab.evaluate(() => window.player.currentTime as number);
    await tab.waitForFunction(
      (from) => (window.player.currentTime as number) > from + 1,
      startedAt,
      {
        timeout: 15_000,
      },
    );

    // Draw the current frame: testsrc2 is saturated colour, so most pixels are far from black.
    const litShare = await tab.evaluate(() => {
      const video = window.player.shadowRoot?.querySelector('video') as HTMLVideoElement;
      const canvas = document.createElement('canvas');
      canvas.width = 160;
      canvas.height = 90;
      const context = canvas.getContext('2d') as CanvasRenderingContext2D;
      context.drawImage(video, 0, 0, canvas.width, canvas.height);
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let lit = 0;
      for (let at = 0; at < data.length; at += 4) {
        if ((data[at] ?? 0) + (data[at + 1] ?? 0) + (data[at + 2] ?? 0) > 60) lit += 1;
      }
      return lit / (data.length / 4);
    });
    expect(litShare).toBeGreaterThan(0.3);
    await tab.screenshot({ path: join(ARTIFACTS, 'playing.png') });
    await tab.close();
  });

  it('lists the four renditions in the quality menu, and choosing one switches the hls.js level', async () => {
    const tab = await openPlayer(readyVideoId, '&autoplay');
    await tab.waitForFunction(() => (window.player.levels as unknown[]).length === 4, undefined, {
      timeout: 30_000,
    });
    const qualityButton = tab.locator('reel-player').locator('[part~="quality-button"]');
    await tab.locator('reel-player').hover();
    await qualityButton.click();
    const items = tab
      .locator('reel-player')
      .locator('[part~="quality-menu"] [role="menuitemradio"]');
    const labels = await items.allTextContents();
    expect(labels.slice(1)).toEqual(['720p', '480p', '360p', '240p']);
    expect(labels[0]).toMatch(/^Auto/);
    expect(await qualityButton.getAttribute('aria-expanded')).toBe('true');
    await tab.screenshot({ path: join(ARTIFACTS, 'quality-menu.png') });

    const levels = (await tab.evaluate(() => window.player.levels)) as {
      index: number;
      height: number;
    }[];
    const level360 = levels.find((level) => level.height === 360)?.index;
    await items.filter({ hasText: '360p' }).click();
    expect(await tab.evaluate(() => window.player.currentLevel)).toBe(level360);
    await tab.waitForFunction(
      (wanted) => {
        const video = window.player.shadowRoot?.querySelector('video') as HTMLVideoElement;
        return window.player.playingLevel === wanted && video.videoHeight === 360;
      },
      level360,
      { timeout: 20_000 },
    );
    expect(await qualityButton.textContent()).toBe('360p');
    await tab.close();
  });

  it('seeks from the API, the keyboard and the seek bar, with storyboard previews', async () => {
    const tab = await openPlayer(readyVideoId);
    await tab.waitForFunction(() => Number.isFinite(window.player.duration), undefined, {
      timeout: 30_000,
    });
    await tab.evaluate(() => {
      window.player.currentTime = 5;
    });
    await tab.waitForFunction(
      () =>
        !(window.player.seeking as boolean) &&
        Math.abs((window.player.currentTime as number) - 5) < 0.2,
    );

    // Keyboard: focus the player, then ArrowLeft goes back 5 s and `k` starts playback.
    await tab.locator('reel-player').locator('[part~="container"]').focus();
    await tab.keyboard.press('ArrowLeft');
    await tab.waitForFunction(() => (window.player.currentTime as number) < 0.5);
    await tab.keyboard.press('k');
    await tab.waitForFunction(
      () => !(window.player.paused as boolean) && (window.player.currentTime as number) > 0.3,
    );

    // Hovering the seek bar previews the storyboard tile for that time.
    const seekBar = tab.locator('reel-player').locator('[part~="seek-bar"]');
    const box = await seekBar.boundingBox();
    if (!box) throw new Error('seek bar not visible');
    await tab.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2);
    const preview = tab.locator('reel-player').locator('[part~="preview-image"]');
    await expect
      .poll(() => preview.evaluate((element) => getComputedStyle(element).backgroundImage))
      .toContain('storyboard.jpg');
    await tab.screenshot({ path: join(ARTIFACTS, 'seek-preview.png') });

    // Clicking the bar seeks there.
    await tab.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
    await tab.waitForFunction(() => {
      const at = window.player.currentTime as number;
      return at > 4.5 && at < 8;
    });
    const label = await seekBar.getAttribute('aria-valuetext');
    expect(label).toMatch(/seconds? of 8 seconds/);
    await tab.close();
  });

  it('says so when the video does not exist', async () => {
    const tab = await openPlayer(randomUUID());
    const status = tab.locator('reel-player').locator('[part~="status"]');
    await expect
      .poll(() => status.getAttribute('data-code'), { timeout: 20_000 })
      .toBe('not_found');
    expect(await status.textContent()).toContain("doesn't exist");
    expect(await status.getAttribute('role')).toBe('alert');
    const events = await tab.evaluate(
      () => (window as unknown as { playerEvents: unknown[] }).playerEvents,
    );
    expect(events).toContainEqual({
      type: 'error',
      detail: expect.objectContaining({ code: 'not_found', status: 404 }),
    });
    await tab.screenshot({ path: join(ARTIFACTS, 'not-found.png') });
    await tab.close();
  });

  it('says the video is not ready while it waits for its upload, and keeps checking', async () => {
    const tab = await openPlayer(pendingVideoId);
    const status = tab.locator('reel-player').locator('[part~="status"]');
    await expect
      .poll(() => status.getAttribute('data-code'), { timeout: 20_000 })
      .toBe('not_ready');
    expect(await status.textContent()).toContain("isn't ready yet");
    const error = await tab.evaluate(() => window.player.error);
    expect(error).toMatchObject({ code: 'not_ready', status: 409, retrying: true });
    await tab.screenshot({ path: join(ARTIFACTS, 'not-ready.png') });
    await tab.close();
  });

  it('labels every visible control for screen readers', async () => {
    const tab = await openPlayer(readyVideoId);
    await tab.waitForFunction(() => (window.player.levels as unknown[]).length === 4, undefined, {
      timeout: 30_000,
    });
    const unlabelled = await tab.evaluate(() => {
      const root = window.player.shadowRoot as ShadowRoot;
      return [...root.querySelectorAll<HTMLElement>('button, input')]
        .filter((control) => control.closest('[hidden]') === null && !control.hidden)
        .filter((control) => !control.getAttribute('aria-label') && !control.textContent?.trim())
        .map((control) => control.outerHTML);
    });
    expect(unlabelled).toEqual([]);
    // Tab order follows the bar: seek, play, mute, volume, then the menus.
    await tab.locator('reel-player').locator('[part~="container"]').focus();
    const order: string[] = [];
    for (let step = 0; step < 5; step += 1) {
      await tab.keyboard.press('Tab');
      order.push(
        await tab.evaluate(
          () =>
            (window.player.shadowRoot?.activeElement?.getAttribute('part') ?? '').split(' ')[0] ??
            '',
        ),
      );
    }
    expect(order).toEqual([
      'seek-bar',
      'play-button',
      'mute-button',
      'volume-slider',
      'menu-button',
    ]);
    await tab.close();
  });
});
