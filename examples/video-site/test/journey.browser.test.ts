import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  ensureChromium,
  type ReelDevServer,
  startExample,
  startReelDev,
} from '@reel/browser-testing';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SITE_ROOT = resolve(import.meta.dirname, '..');
const SHOTS = join(SITE_ROOT, 'test-artifacts/screenshots');
/** `UPDATE_SCREENSHOTS=1` also refreshes the committed copies the README shows. */
const COMMITTED_SHOTS = join(SITE_ROOT, 'screenshots');
const TITLE = 'Sunrise over the test card';

let reelDev: ReelDevServer | undefined;
let site: { url: string; stop(): Promise<void> } | undefined;
let browser: Browser | undefined;
let workDir: string;
let clip: string;
let alice: Page;
let bob: Page;

/**
 * A 30 s 320x180 clip with a tone: one rendition, quick to transcode. The player reports after
 * 5 s of watching, and a stop in the last 10 s counts as watched to the end: 30 s leaves room.
 */
async function makeClip(folder: string): Promise<string> {
  const path = join(folder, 'sunrise.mp4');
  await promisify(execFile)('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc2=size=320x180:rate=25:duration=30'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:duration=30'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
    ...['-shortest', path],
  ]);
  return path;
}

async function shoot(page: Page, name: string): Promise<void> {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  if (process.env.UPDATE_SCREENSHOTS === '1')
    await copyFile(path, join(COMMITTED_SHOTS, `${name}.png`));
}

async function signIn(page: Page, name: string): Promise<void> {
  await page.goto(`${site?.url}/signin`);
  await page.fill('input[name=username]', name);
  await page.click('form[action="/signin"] button');
  await page.waitForURL(`${site?.url}/`);
}

/** Where the watch page's player is, in seconds, once it has loaded the video. */
async function playerPosition(page: Page): Promise<number> {
  await page.waitForFunction(() => {
    const player = document.getElementById('player') as unknown as { duration: number } | null;
    return Boolean(player && player.duration > 0);
  });
  return page.evaluate(
    () => (document.getElementById('player') as unknown as { currentTime: number }).currentTime,
  );
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  workDir = await mkdtemp(join(tmpdir(), 'reel-video-site-'));
  // The slow parts overlap; each is kept as soon as it exists, so afterAll stops it.
  const [, made] = await Promise.all([
    startReelDev().then((server) => {
      reelDev = server;
    }),
    makeClip(workDir),
    chromium
      .launch({
        executablePath: ensureChromium(),
        headless: true,
        args: ['--no-sandbox', '--disable-gpu', '--autoplay-policy=no-user-gesture-required'],
      })
      .then((launched) => {
        browser = launched;
      }),
  ]);
  clip = made;
  if (!reelDev || !browser) throw new Error('Reel or Chromium did not start');
  site = await startExample(
    'video-site',
    {
      REEL_API_KEY: reelDev.apiKey,
      REEL_API_URL: reelDev.apiUrl,
      SITE_DATA_DIR: join(workDir, 'site'),
      SITE_SEED: 'off',
    },
    'Video site on',
  );
  // Two viewers, two browser contexts: separate cookies, separate sessions.
  const viewport = { width: 1000, height: 640 };
  alice = await (await browser.newContext({ viewport })).newPage();
  bob = await (await browser.newContext({ viewport })).newPage();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await site?.stop();
  await reelDev?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

let videoUrl: string;

describe('the video site in Chromium, two viewers', () => {
  it('signs both in; bob subscribes to alice’s channel from the home page', async () => {
    await signIn(alice, 'alice');
    await signIn(bob, 'bob');
    await shoot(await signInShot(), 'sign-in');
    await bob.goto(`${site?.url}/`);
    await bob.click('#channels a:text("alice\'s channel")');
    await bob.click('form.subscribe button');
    await expect.poll(() => bob.textContent('form.subscribe button')).toBe('Subscribed');
    // The count is kept by the counters worker, a moment behind.
    await expect
      .poll(async () => {
        await bob.reload();
        return bob.textContent('.subscribers');
      })
      .toBe('1 subscriber');
    await shoot(bob, 'channel');
  });

  it('alice uploads; the page follows the video until it plays', async () => {
    await alice.goto(`${site?.url}/upload`);
    await alice.fill('input[name=title]', TITLE);
    await alice.locator('reel-uploader input[type=file]').setInputFiles(clip);
    const watchLink = alice.locator('#watch-link');
    await watchLink.waitFor({ timeout: 90_000 });
    expect(await alice.getAttribute('#timeline', 'data-status')).toBe('ready');
    await shoot(alice, 'upload');
    videoUrl = `${site?.url}${await watchLink.getAttribute('href')}`;
  });

  it('bob’s bell rings from the notification stream, and leads to the video', async () => {
    // Bob's page has been open since he subscribed: the count comes from the stream, not a reload.
    await bob.locator('#bell-count', { hasText: '1' }).waitFor({ timeout: 30_000 });
    const item = bob.locator('#bell-list a', { hasText: `New video: ${TITLE}` });
    await item.waitFor();
    await shoot(bob, 'notification');
    await item.click();
    await bob.waitForURL(videoUrl);
  });

  it('bob watches, likes and comments; alice sees the comment and replies', async () => {
    expect(await playerPosition(bob)).toBeLessThan(0.5);
    // Four times as fast, so the 5 s of watching that count a view pass in under two; the page
    // itself pauses past 6 s, well before the last 10 s that would count as watched to the end.
    await bob.evaluate(() => {
      const player = document.getElementById('player') as unknown as HTMLMediaElement & HTMLElement;
      const video = player.shadowRoot?.querySelector('video') as HTMLVideoElement;
      video.playbackRate = 4;
      video.addEventListener('timeupdate', () => {
        if (video.currentTime > 6 && !video.paused) player.pause();
      });
      return player.play();
    });
    await bob.waitForFunction(() => {
      const player = document.getElementById('player') as unknown as HTMLMediaElement;
      return player.paused && player.currentTime > 6;
    });
    await bob.click('#like');
    await expect.poll(() => bob.getAttribute('#like', 'aria-pressed')).toBe('true');
    await bob.fill('.new-comment textarea', 'Lovely colours, alice!');
    await bob.click('.new-comment button');
    await bob.locator('.comment .text', { hasText: 'Lovely colours, alice!' }).waitFor();

    await alice.goto(videoUrl);
    const comment = alice.locator('.comment', { hasText: 'Lovely colours, alice!' });
    await comment.waitFor();
    expect(await comment.locator('.who strong').textContent()).toBe('bob');
    await comment.locator('summary').click();
    await comment.locator('textarea').fill('Thank you, bob');
    await comment.locator('form button').click();
    await alice.locator('.replies .text', { hasText: 'Thank you, bob' }).waitFor();
  });

  it('a reload resumes bob where he paused', async () => {
    // The views worker stores the position a moment after the report: reload until it has.
    await bob.goto(videoUrl);
    await expect
      .poll(
        async () => {
          await bob.reload();
          return playerPosition(bob);
        },
        { timeout: 30_000, interval: 500 },
      )
      .toBeGreaterThan(5);
    await shoot(bob, 'watch');
    await bob.goto(`${site?.url}/history`);
    expect(await bob.textContent('#history')).toContain(TITLE);
    await shoot(bob, 'history');
  });

  it('the other pages: home, search, studio, playlists, notifications', async () => {
    await bob.goto(videoUrl);
    await bob.click('form[action$="/watch-later"] button');
    expect(await bob.textContent('#items')).toContain(TITLE);
    await bob.goto(`${site?.url}/playlists`);
    await shoot(bob, 'playlists');
    await bob.goto(`${site?.url}/notifications`);
    expect(await bob.textContent('#notifications')).toContain(`New video: ${TITLE}`);
    await shoot(bob, 'notifications');
    await bob.goto(`${site?.url}/`);
    expect(await bob.textContent('#feed')).toContain(TITLE);
    expect(await bob.textContent('#most-viewed')).toContain(TITLE);
    await shoot(bob, 'home');
    await bob.goto(`${site?.url}/search?q=sunrise`);
    expect(await bob.textContent('#results')).toContain(TITLE);
    await shoot(bob, 'search');
    await alice.goto(`${site?.url}/studio`);
    const row = alice.locator('.studio-row', { hasText: TITLE });
    expect(await row.locator('.figures').textContent()).toContain('2 comments');
    await row.locator('input[name=title]').fill(`${TITLE} (edited)`);
    await row.locator('select[name=visibility]').selectOption('unlisted');
    await row.locator('select[name=comments_policy]').selectOption('held');
    await row.locator('button').click();
    await alice.locator('.studio-row input[value$="(edited)"]').waitFor();
  });

  it('an unlisted video plays with the playback token the site signs', async () => {
    await bob.goto(videoUrl);
    expect(await bob.textContent('.note')).toContain('unlisted');
    expect(await bob.getAttribute('#player', 'token')).toMatch(/^ey/);
    await bob.evaluate(() =>
      (document.getElementById('player') as unknown as HTMLMediaElement).play(),
    );
    await bob.waitForFunction(
      () =>
        (document.getElementById('player') as unknown as { currentTime: number }).currentTime > 0.5,
    );
  });

  it('a comment held for review waits in alice’s studio until she approves it', async () => {
    await bob.goto(videoUrl);
    await bob.fill('.new-comment textarea', 'Is this one unlisted?');
    await bob.click('.new-comment button');
    expect(await bob.textContent('.notice')).toContain('once the creator approves it');
    await alice.goto(`${site?.url}/studio`);
    const held = alice.locator('#held .comment', { hasText: 'Is this one unlisted?' });
    await held.waitFor();
    await shoot(alice, 'studio');
    await held.locator('button', { hasText: 'Approve' }).click();
    await alice.locator('#held', { hasText: 'Nothing waiting.' }).waitFor();
    await bob.goto(videoUrl);
    await bob.locator('.comment .text', { hasText: 'Is this one unlisted?' }).waitFor();
  });
});

/** Signs in over plain HTTP, as a script would; answers the session cookie. */
async function sessionCookie(name: string): Promise<string> {
  const response = await fetch(`${site?.url}/signin`, {
    method: 'POST',
    body: new URLSearchParams({ username: name }),
    redirect: 'manual',
  });
  return (response.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
}

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${site?.url}${path}`, { method: 'POST', body, headers, redirect: 'manual' });

describe('bad input to the site', () => {
  it('refuses a username that is not one, and shows it escaped', async () => {
    const response = await post('/signin', new URLSearchParams({ username: '<script>x</script>' }));
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('That username is not allowed');
    expect(page).not.toContain('<script>x');
  });

  it('never redirects off the site after sign-in', async () => {
    const response = await post(
      '/signin',
      new URLSearchParams({ username: 'carol', next: '//evil.example/' }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
  });

  it('answers an unknown, malformed or NUL video id with a 404 page', async () => {
    for (const id of [crypto.randomUUID(), 'not-a-video', '%00', '9'.repeat(400)]) {
      const response = await fetch(`${site?.url}/watch/${id}`);
      expect(response.status, id).toBe(404);
      expect(await response.text()).toContain('does not exist');
    }
  });

  it('treats a forged session cookie as signed out', async () => {
    const response = await fetch(`${site?.url}/studio`, {
      headers: { cookie: 'sid=forged-session' },
      redirect: 'manual',
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/signin?next=%2Fstudio');
    const api = await post('/api/uploads', '{}', {
      'content-type': 'application/json',
      cookie: 'sid=forged',
    });
    expect(api.status).toBe(401);
    expect(await api.json()).toMatchObject({ code: 'sign_in_required' });
  });

  it('does not let bob edit alice’s video', async () => {
    const videoId = new URL(videoUrl).pathname.split('/').at(-1) ?? '';
    const bob = await sessionCookie('bob');
    const form = new URLSearchParams({
      title: 'hijacked',
      visibility: 'public',
      comments_policy: 'enabled',
    });
    const response = await post(`/studio/videos/${videoId}`, form, { cookie: bob });
    expect(response.status).toBe(404);
    expect(await (await fetch(videoUrl, { headers: { cookie: bob } })).text()).not.toContain(
      'hijacked',
    );
  });

  it('refuses garbage on the upload route with {code, message}', async () => {
    const carol = await sessionCookie('carol');
    const json = { 'content-type': 'application/json', cookie: carol };
    const cases: [BodyInit, number, string][] = [
      ['not json', 400, 'bad_json'],
      ['[1,2]', 400, 'bad_json'],
      [JSON.stringify({ filename: 'a.mp4', size: -1 }), 400, 'bad_size'],
      [JSON.stringify({ filename: 'a.mp4', size: 1e300 }), 400, 'bad_size'],
      [JSON.stringify({ filename: 'a.mp4', size: 'x'.repeat(70_000) }), 413, 'too_large'],
    ];
    for (const [body, status, code] of cases) {
      const response = await post('/api/uploads', body, json);
      expect(response.status).toBe(status);
      expect(await response.json()).toMatchObject({ code, message: expect.any(String) });
    }
  });
});

async function signInShot(): Promise<Page> {
  const page = await (
    await (browser as Browser).newContext({ viewport: { width: 1000, height: 640 } })
  ).newPage();
  await page.goto(`${site?.url}/signin`);
  return page;
}
