import { execFile } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  launchChromium,
  type ReelDevServer,
  type StaticServer,
  serveStatic,
  startExample,
  startReelDev,
} from '@reel/browser-testing';
import { Reel, signPlaybackToken, signViewerToken } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');
const ARTIFACTS = join(PACKAGE_ROOT, 'test-artifacts');
const CDN_BUILD = join(PACKAGE_ROOT, 'dist/cdn');

/**
 * Colour bars with a tone. The 8 s 1280x720 clip gets the ladder 240p, 360p, 480p and 720p; the
 * signed clip is small (one 180p rendition, quick to transcode) and long: at its low bitrate hls.js
 * buffers 60 s ahead, and segments must still be fetched after a short-lived token has expired.
 */
async function makeClip(
  folder: string,
  { name, size, seconds }: { name: string; size: string; seconds: number },
): Promise<string> {
  const path = join(folder, name);
  await promisify(execFile)('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', `testsrc2=size=${size}:rate=25:duration=${seconds}`],
    ...['-f', 'lavfi', '-i', `sine=frequency=440:duration=${seconds}`],
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
let reel: Reel;
let page: StaticServer;
let browser: BrowserContext;
let closeBrowser: (() => Promise<void>) | undefined;
let workDir: string;
let readyVideoId: string;
let pendingVideoId: string;
let signedVideoId: string;
let signingKey: { keyId: string; privateKey: string };
/** Seconds the signed clip lasts: past hls.js's 60 s forward buffer, so fetches go on while playing. */
const SIGNED_CLIP_SECONDS = 90;

/** Styled SRT with two overlapping cues (3 s to 4 s), and a second language in WebVTT. */
const ENGLISH_SRT =
  '1\n00:00:01,000 --> 00:00:04,000\n<b>First</b> <font color="red">line</font>\n\n' +
  '2\n00:00:03,000 --> 00:00:06,000\n<i>Second</i>\n';
const FRENCH_VTT = 'WEBVTT\n\n00:00:00.500 --> 00:00:07.500\nBonjour\n';

/** A playback token for the signed video (audiences v, t and s), as a tenant's server signs one. */
function playbackToken(expiresIn: number | string): Promise<string> {
  return signPlaybackToken(signingKey, { videoId: signedVideoId, expiresIn });
}

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
  const [, clip, signedClip] = await Promise.all([
    startReelDev().then((server) => {
      reelDev = server;
    }),
    makeClip(workDir, { name: 'clip.mp4', size: '1280x720', seconds: 8 }),
    makeClip(workDir, { name: 'signed.mp4', size: '320x180', seconds: SIGNED_CLIP_SECONDS }),
    launchChromium().then((chromium) => {
      browser = chromium.context;
      closeBrowser = chromium.close;
    }),
  ]);
  reel = new Reel({ apiKey: reelDev.apiKey, baseUrl: reelDev.apiUrl });
  const [uploaded, signed, key] = await Promise.all([
    uploadFile(reel, clip, { title: 'player test clip' }),
    uploadFile(reel, signedClip, { title: 'signed player test clip', playbackPolicy: 'signed' }),
    reel.signingKeys.create(),
  ]);
  signingKey = { keyId: key.key_id, privateKey: key.private_key };
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
  const settle = { timeoutMs: 150_000, intervalMs: 500 };
  const settled = await Promise.all([
    reel.videos.waitUntilSettled(uploaded.video_id, settle),
    reel.videos.waitUntilSettled(signed.video_id, settle),
  ]);
  expect(settled.map((video) => video.status)).toEqual(['ready', 'ready']);
  readyVideoId = uploaded.video_id;
  signedVideoId = signed.video_id;
  await reel.captions.create(readyVideoId, {
    ...{ language: 'en', label: 'English', kind: 'subtitles', format: 'srt', default: true },
    content: ENGLISH_SRT,
  });
  await reel.captions.create(readyVideoId, {
    ...{ language: 'fr', label: 'Français', kind: 'captions', format: 'vtt' },
    content: FRENCH_VTT,
  });
  // Another port is another origin: the API's CORS is what lets the page play.
  page = await serveStatic({ '/player/': CDN_BUILD, '/': join(import.meta.dirname, 'fixture') });
}, 240_000);

afterAll(async () => {
  await closeBrowser?.();
  await page?.close();
  await reelDev?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

async function openPlayer(
  videoId: string,
  extra = '',
  beforeLoad?: (tab: Page) => Promise<void>,
): Promise<Page> {
  const tab = await browser.newPage();
  await beforeLoad?.(tab);
  const query = new URLSearchParams({ api: reelDev.apiUrl, id: videoId });
  await tab.goto(`${page.url}/?${query}${extra}`);
  await tab.waitForFunction(() => 'player' in window);
  return tab;
}

/** Share of the current frame's pixels that are not near black (testsrc2 is saturated colour). */
function litShare(tab: Page): Promise<number> {
  return tab.evaluate(() => {
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
}

interface PlayerEvent {
  type: string;
  detail: Record<string, unknown> | null;
}

function playerEvents(tab: Page): Promise<PlayerEvent[]> {
  return tab.evaluate(() => (window as unknown as { playerEvents: PlayerEvent[] }).playerEvents);
}

/** One answer of the API to a playback request the page made (manifest, playlist, segment…). */
interface ApiAnswer {
  path: string;
  status: number;
  /** When the request started, ms since the epoch. */
  startedAt: number;
  /** The `st` signature the URI carried, and the expiry (s) it names. */
  st: string | null;
  stExpires: number | undefined;
}

function recordApiAnswers(tab: Page, videoId: string): ApiAnswer[] {
  const answers: ApiAnswer[] = [];
  tab.on('response', (response) => {
    const url = new URL(response.url());
    // Playback requests only: the player's view report (a POST) is not one.
    if (response.request().method() !== 'GET') return;
    if (!url.pathname.includes(`/v1/videos/${videoId}/`)) return;
    const st = url.searchParams.get('st');
    const stExpires = st ? Number(st.split('.')[0]) : undefined;
    const startedAt = response.request().timing().startTime;
    answers.push({ path: url.pathname, status: response.status(), startedAt, st, stExpires });
  });
  return answers;
}

const isSegment = (answer: ApiAnswer) => answer.path.includes('/segments/');

/** `exp` of a JWT, in seconds. */
function expiryOf(token: string): number {
  const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString());
  return payload.exp as number;
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

    expect(await litShare(tab)).toBeGreaterThan(0.3);
    await tab.screenshot({ path: join(ARTIFACTS, 'playing.png') });
    await tab.close();
  });

  it('counts one view once five seconds have been watched', async () => {
    const posts: { status: number; counted: boolean }[] = [];
    const tab = await openPlayer(readyVideoId, '&autoplay', async (tab) => {
      tab.on('response', async (response) => {
        const request = response.request();
        if (request.method() !== 'POST' || !request.url().includes('/views')) return;
        posts.push({ status: response.status(), ...(await response.json()) });
      });
    });
    const watched = (seconds: number) =>
      tab.waitForFunction((s) => (window.player.currentTime as number) > s, seconds, {
        timeout: 30_000,
      });
    await watched(3);
    expect(posts).toEqual([]);
    await watched(6.5);
    await expect.poll(() => posts.length).toBe(1);
    expect(posts[0]?.status).toBe(202);
    await expect
      .poll(async () => (await reel.videos.get(readyVideoId)).view_count, { timeout: 15_000 })
      .toBeGreaterThanOrEqual(1);
    await tab.close();
  });

  it('resumes a signed-in viewer where they stopped, in a new browser', async () => {
    const viewerToken = await signViewerToken(signingKey, {
      viewerId: `viewer-${randomUUID()}`,
      expiresIn: '10m',
    });
    const extra = `&autoplay&token=${await playbackToken('10m')}&viewer=${viewerToken}`;
    const tab = await openPlayer(signedVideoId, extra);
    await tab.waitForFunction(() => (window.player.currentTime as number) > 20, undefined, {
      timeout: 60_000,
    });
    await tab.evaluate(() => (window.player as unknown as HTMLMediaElement).pause());
    const stoppedAt = (await tab.evaluate(() => window.player.currentTime)) as number;
    await tab.close();
    // The pause report goes through the views role: wait until the video read gives it back.
    const resumeAt = async () => {
      const response = await fetch(`${reelDev.apiUrl}/v1/videos/${signedVideoId}`, {
        headers: { authorization: `Bearer ${viewerToken}` },
      });
      const body = (await response.json()) as { viewer?: { resume_position_sec?: number } };
      return body.viewer?.resume_position_sec ?? 0;
    };
    await expect.poll(resumeAt, { timeout: 15_000 }).toBeGreaterThan(stoppedAt - 1);
    // Nothing of the first browser carries over: only the viewer token and the API.
    const other = await launchChromium();
    try {
      const again = await other.context.newPage();
      const query = new URLSearchParams({ api: reelDev.apiUrl, id: signedVideoId });
      await again.goto(`${page.url}/?${query}${extra}`);
      await again.waitForFunction(() => 'player' in window);
      await again.waitForFunction(
        () => (window.player.currentTime as number) > 0 && !(window.player.paused as boolean),
        undefined,
        { timeout: 30_000 },
      );
      const startedAt = (await again.evaluate(() => window.player.currentTime)) as number;
      expect(Math.abs(startedAt - stoppedAt)).toBeLessThan(10);
      // The chip says where it picked up (the position the API gave back), in words for a
      // screen reader too, and "Start over" goes back to the beginning.
      const chip = again.locator('reel-player').locator('[part~="resume"]');
      const resumedAt = await resumeAt();
      expect(await chip.isVisible()).toBe(true);
      expect(await chip.getAttribute('role')).toBe('status');
      const shown = `${Math.floor(resumedAt / 60)}:${String(Math.floor(resumedAt % 60)).padStart(2, '0')}`;
      expect(await chip.locator('[part~="resume-text"]').textContent()).toBe(`Resumed at ${shown}`);
      expect(await chip.textContent()).toMatch(/Resumed at \d+ (second|minute)/);
      await again.screenshot({ path: join(ARTIFACTS, 'resume-chip.png') });
      await chip.getByRole('button', { name: 'Start over' }).click();
      await again.waitForFunction(() => (window.player.currentTime as number) < 5, undefined, {
        timeout: 10_000,
      });
      expect(await chip.isHidden()).toBe(true);
    } finally {
      await other.close();
    }
  });

  it('the player-demo example plays a video from its ?v= link', async () => {
    const example = await startExample('player-demo', {}, 'Player demo on');
    try {
      const tab = await browser.newPage();
      const query = new URLSearchParams({ v: readyVideoId, api: reelDev.apiUrl });
      await tab.goto(`${example.url}/?${query}`);
      await tab
        .locator('reel-player')
        .evaluate((player) => (player as unknown as { play(): Promise<void> }).play());
      await tab.waitForFunction(
        () => (document.querySelector('reel-player')?.currentTime ?? 0) > 1,
        undefined,
        { timeout: 30_000 },
      );
      expect(await tab.locator('#log').textContent()).toContain('playing');
      await tab.close();
    } finally {
      await example.stop();
    }
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
      // The switch lands at the next segment boundary, which a loaded 2-core machine can delay.
      { timeout: 45_000 },
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

  it('shows the caption tracks: SRT cues at their times, overlapping ones together, a second language remembered', async () => {
    const tab = await openPlayer(readyVideoId);
    /** The showing track's language and its active cues once the video is paused at `time`. */
    const cuesAt = async (time: number, expected: { language: string; cues: string[] }) => {
      await tab.evaluate((at) => {
        window.player.currentTime = at;
      }, time);
      await tab.waitForFunction(
        (wanted) => {
          const video = window.player.shadowRoot?.querySelector('video') as HTMLVideoElement;
          const showing = [...video.textTracks].find((track) => track.mode === 'showing');
          const cues = [...(showing?.activeCues ?? [])].map((cue) => (cue as VTTCue).text);
          return (
            !video.seeking &&
            showing?.language === wanted.language &&
            JSON.stringify(cues.sort()) === JSON.stringify([...wanted.cues].sort())
          );
        },
        expected,
        { timeout: 30_000 },
      );
    };
    await cuesAt(2, { language: 'en', cues: ['<b>First</b> line'] });
    await cuesAt(3.5, { language: 'en', cues: ['<b>First</b> line', '<i>Second</i>'] });
    await cuesAt(5, { language: 'en', cues: ['<i>Second</i>'] });

    const menuButton = tab.locator('reel-player').locator('[part~="captions-button"]');
    await tab.locator('reel-player').hover();
    await menuButton.click();
    const items = tab
      .locator('reel-player')
      .locator('[part~="captions-menu"] [role="menuitemradio"]');
    expect(await items.allTextContents()).toEqual(['Off', 'English', 'Français']);
    await items.filter({ hasText: 'Français' }).click();
    await cuesAt(3.5, { language: 'fr', cues: ['Bonjour'] });
    expect(await menuButton.getAttribute('aria-label')).toContain('Français');
    await tab.screenshot({ path: join(ARTIFACTS, 'captions.png') });
    await tab.close();

    // The choice is kept for this browser: the next page starts in French.
    const again = await openPlayer(readyVideoId);
    await again.waitForFunction(
      () => {
        const video = window.player.shadowRoot?.querySelector('video') as HTMLVideoElement;
        return [...video.textTracks].find((track) => track.mode === 'showing')?.language === 'fr';
      },
      undefined,
      { timeout: 30_000 },
    );
    await again.close();
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

describe('<reel-player> with signed playback', () => {
  it('plays a signed video with the token attribute; the poster and storyboard use it too', async () => {
    const token = await playbackToken('10m');
    const tab = await openPlayer(signedVideoId, `&autoplay&token=${token}`);
    await tab.waitForFunction(() => window.timing.firstFrameAt !== null, undefined, {
      timeout: 30_000,
    });
    const startedAt = await tab.evaluate(() => window.player.currentTime as number);
    await tab.waitForFunction(
      (from) => (window.player.currentTime as number) > from + 1,
      startedAt,
      { timeout: 15_000 },
    );
    expect(await litShare(tab)).toBeGreaterThan(0.3);
    expect(await tab.evaluate(() => window.player.error)).toBeNull();

    // The thumbnail and storyboard routes of a signed video need the token (audiences t and s).
    const posterStatus = await tab.evaluate(
      async () => (await fetch(window.player.poster as string)).status,
    );
    expect(posterStatus).toBe(200);
    const seekBar = tab.locator('reel-player').locator('[part~="seek-bar"]');
    const box = await seekBar.boundingBox();
    if (!box) throw new Error('seek bar not visible');
    await tab.mouse.move(box.x + box.width * 0.5, box.y + box.height / 2);
    const preview = tab.locator('reel-player').locator('[part~="preview-image"]');
    await expect
      .poll(() => preview.evaluate((element) => getComputedStyle(element).backgroundImage))
      .toContain('storyboard.jpg?st=');
    const previewUrl = await preview.evaluate(
      (element) => /url\("(.*)"\)/.exec(getComputedStyle(element).backgroundImage)?.[1] ?? '',
    );
    expect(await tab.evaluate(async (url) => (await fetch(url)).status, previewUrl)).toBe(200);
    await tab.screenshot({ path: join(ARTIFACTS, 'signed-playing.png') });
    await tab.close();
  });

  it('without a token: shows the not-allowed state and fires error and tokenexpired', async () => {
    const tab = await openPlayer(signedVideoId, '&autoplay');
    const status = tab.locator('reel-player').locator('[part~="status"]');
    await expect
      .poll(() => status.getAttribute('data-code'), { timeout: 20_000 })
      .toBe('not_allowed');
    expect(await status.textContent()).toContain("don't have access");
    expect(await status.getAttribute('role')).toBe('alert');
    expect(await tab.evaluate(() => window.player.error)).toMatchObject({
      code: 'not_allowed',
      status: 401,
      retrying: false,
    });
    const events = await playerEvents(tab);
    expect(events).toContainEqual({
      type: 'error',
      detail: expect.objectContaining({ code: 'not_allowed', status: 401 }),
    });
    expect(events).toContainEqual({ type: 'tokenexpired', detail: { token: null, status: 401 } });
    await tab.screenshot({ path: join(ARTIFACTS, 'signed-no-token.png') });
    await tab.close();
  });

  it('when the token expires mid-stream: tokenexpired, then a new token resumes in place', async () => {
    // Expires 6 s after signing (time enough to start on a busy machine). The first minute is
    // buffered at once; the segments after it are fetched as playback moves on (one every 4 s of
    // playing), with URIs whose `st` expired with the token: the API answers 401.
    const token = await playbackToken(6);
    let answers: ApiAnswer[] = [];
    const tab = await openPlayer(signedVideoId, `&autoplay&token=${token}`, async (opened) => {
      answers = recordApiAnswers(opened, signedVideoId);
    });
    await tab.evaluate(() => {
      (window as unknown as { sameWindow: boolean }).sameWindow = true;
    });
    await tab.waitForFunction(
      () =>
        (window as unknown as { playerEvents: PlayerEvent[] }).playerEvents.some(
          (event) => event.type === 'tokenexpired',
        ),
      undefined,
      { timeout: 30_000 },
    );
    const refused = answers.filter((answer) => answer.status === 401);
    expect(refused.length).toBeGreaterThan(0);
    expect(
      refused.every((answer) => isSegment(answer) && answer.stExpires === expiryOf(token)),
    ).toBe(true);
    const events = await playerEvents(tab);
    expect(events).toContainEqual({ type: 'tokenexpired', detail: { token, status: 401 } });
    expect(events).toContainEqual({
      type: 'error',
      detail: expect.objectContaining({ code: 'not_allowed', status: 401 }),
    });
    const status = tab.locator('reel-player').locator('[part~="status"]');
    expect(await status.getAttribute('data-code')).toBe('not_allowed');
    await tab.screenshot({ path: join(ARTIFACTS, 'signed-token-expired.png') });

    // It holds the picture where access ended instead of playing the buffer on under the message.
    expect(await tab.evaluate(() => window.player.paused)).toBe(true);
    const stoppedAt = await tab.evaluate(() => window.player.currentTime as number);
    expect(stoppedAt).toBeGreaterThan(2);
    const fresh = await playbackToken('10m');
    await tab.evaluate((value) => window.player.setAttribute('token', value), fresh);
    await tab.waitForFunction(
      () =>
        window.player.error === null &&
        !(window.player.paused as boolean) &&
        (window.player.readyState as number) >= 3,
      undefined,
      { timeout: 20_000 },
    );
    const resumedAt = await tab.evaluate(() => window.player.currentTime as number);
    expect(Math.abs(resumedAt - stoppedAt)).toBeLessThan(1);
    await tab.waitForFunction(
      (from) => (window.player.currentTime as number) > from + 1,
      resumedAt,
      { timeout: 15_000 },
    );
    // The same page all along: no navigation, the player carried on by itself.
    expect(
      await tab.evaluate(() => (window as unknown as { sameWindow?: boolean }).sameWindow),
    ).toBe(true);
    expect(await status.isHidden()).toBe(true);
    expect(await litShare(tab)).toBeGreaterThan(0.3);
    // Segments after the resume carry a signature that expires with the new token.
    const resumed = answers.filter((answer) => isSegment(answer) && answer.st !== null);
    expect(resumed.at(-1)).toMatchObject({ status: 200, stExpires: expiryOf(fresh) });
    await tab.close();
  });

  it('a tokenProvider that hands a new token before expiry keeps playback going without a break', async () => {
    // The first token lives 8 s: the provider is asked 5 s before it expires, mid-playback.
    const first = await playbackToken(8);
    const firstExpiry = expiryOf(first);
    let provided = 0;
    let answers: ApiAnswer[] = [];
    const tab = await openPlayer(
      signedVideoId,
      `&autoplay&provider&token=${first}`,
      async (opened) => {
        answers = recordApiAnswers(opened, signedVideoId);
        await opened.exposeFunction('nextPlaybackToken', () => {
          provided += 1;
          return playbackToken('10m');
        });
      },
    );
    await tab.waitForFunction(
      () => (window.player.currentTime as number) > 0 && !(window.player.paused as boolean),
      undefined,
      { timeout: 30_000 },
    );
    // Play on until segments were fetched well after the first token (and its `st`) expired.
    const segmentsAfterExpiry = () =>
      answers.filter((answer) => isSegment(answer) && answer.startedAt > (firstExpiry + 1) * 1000);
    await expect
      .poll(() => segmentsAfterExpiry().length, { timeout: 30_000, interval: 250 })
      .toBeGreaterThanOrEqual(2);

    expect(provided).toBeGreaterThanOrEqual(1);
    expect(answers.filter((answer) => answer.status >= 400)).toEqual([]);
    for (const answer of segmentsAfterExpiry()) {
      expect(answer.status).toBe(200);
      expect(answer.stExpires).toBeGreaterThan(firstExpiry);
    }
    // Not interrupted: one load, one start, no stall, no pause, no error, no reload.
    const events = (await playerEvents(tab)).map((event) => event.type);
    const afterStart = events.slice(events.indexOf('playing') + 1);
    expect(afterStart.filter((type) => type !== 'levelschange')).toEqual([]);
    expect(events.filter((type) => type === 'loadstart')).toHaveLength(1);
    expect(await tab.evaluate(() => window.player.token)).not.toBe(first);
    expect(await litShare(tab)).toBeGreaterThan(0.3);
    await tab.close();
  });
});
