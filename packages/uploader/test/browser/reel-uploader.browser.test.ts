import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import {
  launchChromium,
  objectStoreMode,
  type ReelDevServer,
  type StaticServer,
  serveStatic,
  startExample,
  startReelDev,
} from '@reel/browser-testing';
import { Reel, ReelError } from '@reel/sdk';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const PACKAGE_ROOT = resolve(import.meta.dirname, '../..');
const ARTIFACTS = join(PACKAGE_ROOT, 'test-artifacts');
const CDN_BUILD = join(PACKAGE_ROOT, 'dist/cdn');
const MiB = 1024 * 1024;
/** Low, so the over-size refusal needs no big file; the clip and the throughput file fit under it. */
const MAX_UPLOAD_BYTES = 48 * MiB;
const THROUGHPUT_BYTES = 32 * MiB;
/** The embedded store, or MinIO in npm test's services step: the same suite runs on both. */
const store = objectStoreMode();
const artifact = (name: string) => join(ARTIFACTS, `${store.mode}-${name}`);

/**
 * A real video of about 29 MB that transcodes quickly: 3.2 s of 360p grey noise, lossless x264,
 * so it is big (several 8 MiB parts) yet cheap to encode and to transcode, and the video publishes.
 */
async function makeClip(folder: string): Promise<string> {
  const path = join(folder, 'noise.mp4');
  await promisify(execFile)('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi'],
    ...['-i', "nullsrc=s=640x360:r=25:d=3.2,geq=lum='random(1)*255':cb=128:cr=128"],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-pix_fmt', 'yuv420p', path],
  ]);
  return path;
}

/** A one-second clip small enough to hand to the page as bytes, for the drag-and-drop test. */
async function makeSmallClip(folder: string): Promise<string> {
  const path = join(folder, 'small.mp4');
  await promisify(execFile)('ffmpeg', [
    ...['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi'],
    ...['-i', 'testsrc2=s=320x240:r=25:d=1', '-c:v', 'libx264', '-preset', 'ultrafast'],
    ...['-pix_fmt', 'yuv420p', path],
  ]);
  return path;
}

let reelDev: ReelDevServer;
let reel: Reel;
let site: StaticServer;
let browser: BrowserContext;
let closeBrowser: (() => Promise<void>) | undefined;
let workDir: string;
let clip: string;
let clipParts: number;
let smallClip: string;
/** Created with a 10 s life at the start, so it has expired by the time its test runs. */
let expiring: { upload_id: string; upload_token: string; expires_at: string };

/** Reads a JSON request body. */
async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
}

/**
 * The tenant's server: creates the upload with its API key for the file the page describes. The
 * idempotency key (session + file) makes a reload get the same upload back, so it resumes.
 */
async function tenantRoutes(request: IncomingMessage, response: ServerResponse): Promise<boolean> {
  if (request.method !== 'POST' || request.url !== '/api/uploads') return false;
  const body = await readJson(request);
  const send = (status: number, payload: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(JSON.stringify(payload));
  };
  try {
    const key = createHash('sha256')
      .update(JSON.stringify([body.session, body.filename, body.size, body.lastModified]))
      .digest('hex');
    const upload = await reel.uploads.create(
      {
        filename: String(body.filename),
        size_bytes: Number(body.size),
        mime: String(body.mime || 'application/octet-stream'),
        title: `uploader test ${body.session}`,
        cors_origin: site.url,
      },
      { idempotencyKey: key },
    );
    send(201, {
      upload_id: upload.upload_id,
      video_id: upload.video_id,
      upload_token: upload.upload_token,
    });
  } catch (error) {
    if (error instanceof ReelError) {
      send(error.status, { code: error.code, message: error.message, details: error.details });
    } else {
      send(500, { code: 'internal', message: String(error) });
    }
  }
  return true;
}

beforeAll(async () => {
  try {
    await stat(join(CDN_BUILD, 'reel-uploader.js'));
  } catch {
    throw new Error(
      'dist/cdn/reel-uploader.js is missing: run `tsup` first (the test script does)',
    );
  }
  await mkdir(ARTIFACTS, { recursive: true });
  workDir = await mkdtemp(join(tmpdir(), 'reel-uploader-files-'));
  // The slow parts (Postgres start, clip encode, browser start) overlap; each is kept as soon as
  // it exists, so afterAll stops it even if another one failed to start.
  await Promise.all([
    startReelDev({ REEL_MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES), ...store.env }).then(
      (server) => {
        reelDev = server;
      },
    ),
    makeClip(workDir).then((path) => {
      clip = path;
    }),
    makeSmallClip(workDir).then((path) => {
      smallClip = path;
    }),
    launchChromium().then((chromium) => {
      browser = chromium.context;
      closeBrowser = chromium.close;
    }),
  ]);
  clipParts = Math.ceil((await stat(clip)).size / (8 * MiB));
  expect(clipParts).toBeGreaterThanOrEqual(3);
  reel = new Reel({ apiKey: reelDev.apiKey, baseUrl: reelDev.apiUrl });
  // Another port is another origin: the API's CORS (and the token's origin) is what lets it work.
  site = await serveStatic(
    { '/uploader/': CDN_BUILD, '/': join(import.meta.dirname, 'fixture') },
    { handle: tenantRoutes },
  );
  expiring = await reel.uploads.create({
    filename: 'late.bin',
    size_bytes: 1024,
    mime: 'application/octet-stream',
    cors_origin: site.url,
    expires_in_seconds: 10,
  });
}, 180_000);

afterAll(async () => {
  await closeBrowser?.();
  await site?.close();
  await reelDev?.stop();
  if (workDir) await rm(workDir, { recursive: true, force: true });
});

interface Tab {
  page: Page;
  /** PUT requests sent, per part number (failed and aborted ones too). */
  puts: Map<number, number>;
  /** Where part PUTs went: the API itself, or the S3 endpoint through presigned URLs. */
  partOrigins: Set<string>;
}

/** The part a PUT carries: `/parts/N` on the embedded store, `?partNumber=N` on S3; 0 if none. */
function partOf(url: string): number {
  const { pathname, searchParams } = new URL(url);
  return Number(/\/parts\/(\d+)$/.exec(pathname)?.[1] ?? searchParams.get('partNumber') ?? 0);
}
const isPartPut = (request: { method(): string; url(): string }) =>
  request.method() === 'PUT' && partOf(request.url()) > 0;
const bump = (map: Map<number, number>, key: number) => map.set(key, (map.get(key) ?? 0) + 1);

async function openUploader(query: Record<string, string>): Promise<Tab> {
  const page = await browser.newPage();
  const tab: Tab = { page, puts: new Map(), partOrigins: new Set() };
  page.on('request', (request) => {
    if (!isPartPut(request)) return;
    bump(tab.puts, partOf(request.url()));
    tab.partOrigins.add(new URL(request.url()).origin);
  });
  await page.goto(`${site.url}/?${new URLSearchParams({ api: reelDev.apiUrl, ...query })}`);
  await page.waitForFunction(() => 'uploader' in window);
  return tab;
}

function pickFile(tab: Tab, path: string): Promise<void> {
  return tab.page.locator('reel-uploader input[type=file]').setInputFiles(path);
}

async function waitForEvent(tab: Tab, type: string, count = 1, timeout = 90_000) {
  await tab.page.waitForFunction(
    ([wanted, n]) =>
      (window as unknown as { uploaderEvents: { type: string }[] }).uploaderEvents.filter(
        (event) => event.type === wanted || event.type === 'error',
      ).length >= (n as number),
    [type, count] as const,
    { timeout, polling: 100 },
  );
  const events = await pageEvents(tab);
  const failure = events.find((event) => event.type === 'error');
  if (failure && type !== 'error') throw new Error(`upload failed: ${JSON.stringify(failure)}`);
  return events.filter((event) => event.type === type);
}

/** The uploader's events as the page recorded them, in order. */
function pageEvents(tab: Tab): Promise<UploaderEvent[]> {
  return tab.page.evaluate(
    () => (window as unknown as { uploaderEvents: UploaderEvent[] }).uploaderEvents,
  );
}

interface UploaderEvent {
  type: string;
  at: number;
  message?: string;
  detail: Record<string, unknown> | null;
}

/**
 * Lets parts 1 and 2 through and stops every later part PUT, as a network that drops mid-way:
 * `abort` fails them at once (the uploader retries), `hold` keeps them hanging (a reload cuts them).
 * `release` lets everything through again. Parts go 2 at a time, so 1 and 2 are stored first.
 */
async function cutAfterTwoParts(tab: Tab, mode: 'abort' | 'hold') {
  let cut = true;
  let release = () => {};
  const released = new Promise<void>((done) => {
    release = done;
  });
  let stopped = 0;
  await tab.page.route(
    (url) => partOf(url.href) > 0,
    async (route) => {
      if (!cut || !isPartPut(route.request()) || partOf(route.request().url()) <= 2)
        return route.continue();
      stopped += 1;
      if (mode === 'hold') await released;
      await route.abort('internetdisconnected').catch(() => undefined);
    },
  );
  return {
    stopped: () => stopped,
    release: async () => {
      cut = false;
      release();
      await tab.page.unrouteAll({ behavior: 'ignoreErrors' });
    },
  };
}

async function storedOnServer(uploadId: string): Promise<number[]> {
  return (await reel.uploads.listParts(uploadId).all()).map((part) => part.part_number);
}

const sentPuts = (tab: Tab) => [...tab.puts.values()].reduce((a, b) => a + b, 0);

/**
 * The server completed the upload (it checks every part, the size and the SHA-256), the page
 * reported no part stored twice, and the parts stored before the break were never sent again. It
 * counts what the server holds and the PUTs as the browser sent them, both settled once `complete`
 * fires, not the browser's response events, which can trail it by seconds under load.
 */
async function expectNoResend(tab: Tab, uploadId: string, storedBefore: number[]) {
  expect(await reel.uploads.get(uploadId)).toMatchObject({
    status: 'completed',
    part_count: clipParts,
  });
  const reported = (await pageEvents(tab))
    .filter((event) => event.type === 'part')
    .map((part) => part.detail?.partNumber);
  expect(new Set(reported).size).toBe(reported.length);
  for (const part of storedBefore) expect(tab.puts.get(part)).toBe(1);
}

async function uploadIdOf(tab: Tab): Promise<string> {
  const [started] = await waitForEvent(tab, 'start');
  return String(started?.detail?.uploadId);
}

describe(`<reel-uploader> against a running Reel (${store.mode} store), page on another origin`, () => {
  it('uploads a ~29 MB clip in parts, checksummed; the video publishes', async () => {
    const tab = await openUploader({ session: 'plain' });
    await pickFile(tab, clip);
    const [complete] = await waitForEvent(tab, 'complete');
    const videoId = String(complete?.detail?.videoId);
    expect(complete?.detail?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await tab.page.locator('reel-uploader').getAttribute('state')).toBe('complete');
    expect(await tab.page.locator('reel-uploader').getAttribute('video-id')).toBe(videoId);
    expect(await waitForEvent(tab, 'part', clipParts)).toHaveLength(clipParts);
    await expectNoResend(tab, String(complete?.detail?.uploadId), []);
    const storeOrigin = new URL(store.env.S3_ENDPOINT ?? reelDev.apiUrl).origin;
    expect([...tab.partOrigins]).toEqual([storeOrigin]);
    const progress = await tab.page.evaluate(
      () => (window as unknown as { lastProgress: { fraction: number } }).lastProgress,
    );
    expect(progress.fraction).toBe(1);
    await tab.page.screenshot({ path: artifact('complete.png') });
    const video = await reel.videos.waitUntilSettled(videoId, {
      timeoutMs: 90_000,
      intervalMs: 500,
    });
    expect(video.status).toBe('ready');
    await tab.page.close();
  });

  it('survives the network dropping mid-way: no stored part sent twice, checksum matches', async () => {
    const tab = await openUploader({ session: 'offline', parallel: '2' });
    const cut = await cutAfterTwoParts(tab, 'abort');
    await pickFile(tab, clip);
    const uploadId = await uploadIdOf(tab);
    await waitForEvent(tab, 'part', 2);
    await expect.poll(cut.stopped).toBeGreaterThanOrEqual(2);
    // And the browser goes offline too: the uploader waits for it to come back.
    const sentOnline = sentPuts(tab);
    await browser.setOffline(true);
    // It keeps trying while offline: a part is sent again, and fails.
    await expect.poll(() => sentPuts(tab), { timeout: 30_000 }).toBeGreaterThan(sentOnline);
    const storedBefore = await storedOnServer(uploadId);
    expect(storedBefore).toEqual([1, 2]);
    await tab.page.screenshot({ path: artifact('offline.png') });
    await browser.setOffline(false);
    await cut.release();
    const [complete] = await waitForEvent(tab, 'complete');
    // The cut was felt (a part failed and was retried), and the upload finished anyway.
    const failedPuts = sentPuts(tab) - clipParts;
    console.log(
      `offline: stored before ${storedBefore}, PUTs ${sentOnline} online, then ${JSON.stringify([...tab.puts])}`,
    );
    expect(failedPuts).toBeGreaterThanOrEqual(1);
    await expectNoResend(tab, uploadId, storedBefore);
    const video = await reel.videos.waitUntilSettled(String(complete?.detail?.videoId), {
      timeoutMs: 90_000,
      intervalMs: 500,
    });
    expect(video.status).toBe('ready');
    await tab.page.close();
  });

  it('resumes after a page reload without resending stored parts', async () => {
    const tab = await openUploader({ session: 'reload', parallel: '2' });
    const cut = await cutAfterTwoParts(tab, 'hold');
    await pickFile(tab, clip);
    const uploadId = await uploadIdOf(tab);
    await waitForEvent(tab, 'part', 2);
    await expect.poll(cut.stopped).toBeGreaterThanOrEqual(1);
    await tab.page.reload();
    await cut.release();
    await tab.page.waitForFunction(() => 'uploader' in window);
    const storedBefore = await storedOnServer(uploadId);
    expect(storedBefore).toEqual([1, 2]);
    // The user picks the same file again; the tenant's server hands back the same upload.
    await pickFile(tab, clip);
    const [started] = await waitForEvent(tab, 'start');
    expect(started?.detail).toMatchObject({ uploadId, storedParts: storedBefore.length });
    const [complete] = await waitForEvent(tab, 'complete');
    await expectNoResend(tab, uploadId, storedBefore);
    const video = await reel.videos.get(String(complete?.detail?.videoId));
    expect(['processing', 'ready']).toContain(video.status);
    await tab.page.close();
  });

  it('pauses and resumes from the buttons, sending only what is missing', async () => {
    const tab = await openUploader({ session: 'pause', parallel: '2' });
    const cut = await cutAfterTwoParts(tab, 'hold');
    await pickFile(tab, clip);
    const uploadId = await uploadIdOf(tab);
    await waitForEvent(tab, 'part', 2);
    const pause = tab.page.getByRole('button', { name: 'Pause' });
    await pause.click();
    await waitForEvent(tab, 'paused');
    const uploader = tab.page.locator('reel-uploader');
    expect(await uploader.getAttribute('state')).toBe('paused');
    // The same button now reads Resume, pressed.
    const resume = tab.page.getByRole('button', { name: 'Resume' });
    expect(await resume.getAttribute('aria-pressed')).toBe('true');
    await cut.release();
    const storedBefore = await storedOnServer(uploadId);
    expect(storedBefore).toEqual([1, 2]);
    await resume.click();
    await waitForEvent(tab, 'resumed');
    await waitForEvent(tab, 'complete');
    await expectNoResend(tab, uploadId, storedBefore);
    await tab.page.close();
  });

  it('refuses a forged, an expired and another upload’s token with a clear error, sending nothing', async () => {
    const small = join(workDir, 'small.bin');
    await writeFile(small, Buffer.alloc(1024, 7));
    const create = () =>
      reel.uploads.create({
        filename: 'small.bin',
        size_bytes: 1024,
        mime: 'application/octet-stream',
        cors_origin: site.url,
      });
    const [mine, other] = await Promise.all([create(), create()]);
    const cases = [
      {
        id: mine.upload_id,
        token: 'reel_ut_forged',
        status: 401,
        code: 'unauthorized',
        text: /upload token is invalid/,
      },
      {
        id: mine.upload_id,
        token: other.upload_token,
        status: 404,
        code: 'not_found',
        text: /not found/,
      },
      {
        id: expiring.upload_id,
        token: expiring.upload_token,
        status: 401,
        code: 'upload_token_expired',
        text: /expired.*new upload/,
      },
    ];
    // The expiring upload was made with a 10 s life in beforeAll; make sure that life is over.
    const wait = Date.parse(expiring.expires_at) + 1000 - Date.now();
    if (wait > 0) await new Promise((done) => setTimeout(done, wait));
    for (const { id, token, status, code, text } of cases) {
      const tab = await openUploader({ id, token });
      await pickFile(tab, small);
      const [error] = await waitForEvent(tab, 'error');
      expect(error?.detail).toMatchObject({ status, code });
      const uploader = tab.page.locator('reel-uploader');
      expect(await uploader.getAttribute('error-code')).toBe(code);
      await expect
        .poll(() => tab.page.locator('reel-uploader [part=error]').textContent())
        .toMatch(text);
      expect(await tab.page.locator('reel-uploader [part=error]').isVisible()).toBe(true);
      expect(tab.puts.size).toBe(0);
      await tab.page.screenshot({ path: artifact(`bad-token-${code}.png`) });
      await tab.page.close();
    }
  });

  it('cancels from the button: the upload is aborted on the server and nothing more is sent', async () => {
    const tab = await openUploader({ session: 'cancel', parallel: '2' });
    const cut = await cutAfterTwoParts(tab, 'hold');
    await pickFile(tab, clip);
    const uploadId = await uploadIdOf(tab);
    const [started] = await waitForEvent(tab, 'start');
    await waitForEvent(tab, 'part', 2);
    await tab.page.getByRole('button', { name: 'Cancel' }).click();
    await waitForEvent(tab, 'canceled');
    expect(await tab.page.locator('reel-uploader').getAttribute('state')).toBe('canceled');
    await cut.release();
    await expect.poll(async () => (await reel.uploads.get(uploadId)).status).toBe('aborted');
    const gone = await reel.videos.get(String(started?.detail?.videoId)).catch((error) => error);
    expect(gone).toBeInstanceOf(ReelError);
    expect((gone as ReelError).status).toBe(404);
    const sent = sentPuts(tab);
    await new Promise((done) => setTimeout(done, 1500));
    expect(sentPuts(tab)).toBe(sent);
    await tab.page.close();
  });

  it('uploads a file dropped on the drop zone; the video publishes', async () => {
    const tab = await openUploader({ session: 'drop' });
    const bytes = (await readFile(smallClip)).toString('base64');
    const zone = tab.page.locator('reel-uploader [part=dropzone]');
    const dataTransfer = await tab.page.evaluateHandle((base64) => {
      const transfer = new DataTransfer();
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([data], 'dropped.mp4', { type: 'video/mp4' }));
      return transfer;
    }, bytes);
    await zone.dispatchEvent('dragover', { dataTransfer });
    expect(await zone.getAttribute('data-over')).not.toBeNull();
    await zone.dispatchEvent('drop', { dataTransfer });
    const [complete] = await waitForEvent(tab, 'complete');
    expect(await zone.getAttribute('data-over')).toBeNull();
    const video = await reel.videos.waitUntilSettled(String(complete?.detail?.videoId), {
      timeoutMs: 90_000,
      intervalMs: 500,
    });
    expect(video).toMatchObject({ status: 'ready', title: 'uploader test drop' });
    await tab.page.close();
  });

  it('the upload-page example uploads a picked file, and the video publishes', async () => {
    const example = await startExample(
      'upload-page',
      { REEL_API_KEY: reelDev.apiKey, REEL_API_URL: reelDev.apiUrl },
      'Upload page on',
    );
    try {
      const tab = await browser.newPage();
      await tab.goto(`${example.url}/`);
      await tab.locator('reel-uploader input[type=file]').setInputFiles(smallClip);
      await expect
        .poll(() => tab.locator('#result').textContent(), { timeout: 60_000 })
        .toMatch(/^Uploaded\. Video [0-9a-f-]{36} is processing/);
      const videoId = String(await tab.locator('reel-uploader').getAttribute('video-id'));
      const video = await reel.videos.waitUntilSettled(videoId, {
        timeoutMs: 90_000,
        intervalMs: 500,
      });
      expect(video).toMatchObject({ status: 'ready', title: 'small' });
      await tab.close();
    } finally {
      await example.stop();
    }
  });

  it('refuses a file over the limit at create (413), before any byte is sent', async () => {
    const big = join(workDir, 'too-big.mp4');
    await writeFile(big, '');
    await truncate(big, MAX_UPLOAD_BYTES + MiB); // sparse: nothing is read before the refusal
    const tab = await openUploader({ session: 'too-big' });
    await pickFile(tab, big);
    const [error] = await waitForEvent(tab, 'error');
    expect(error?.detail).toMatchObject({ status: 413, code: 'upload_too_large' });
    expect(await tab.page.locator('reel-uploader').getAttribute('error-code')).toBe(
      'upload_too_large',
    );
    expect(await tab.page.locator('reel-uploader [part=error]').textContent()).toMatch(/limit/);
    expect(tab.puts.size).toBe(0);
    await tab.page.screenshot({ path: artifact('too-big.png') });
    await tab.page.close();
  });

  it('measures throughput: the uploader against one plain PUT of the same bytes', async () => {
    const create = (partSize?: number) =>
      reel.uploads.create({
        filename: 'random.bin',
        size_bytes: THROUGHPUT_BYTES,
        mime: 'application/octet-stream',
        cors_origin: site.url,
        ...(partSize ? { part_size_bytes: partSize } : {}),
      });
    const [multipart, single] = await Promise.all([create(), create(THROUGHPUT_BYTES)]);
    const tab = await openUploader({ session: 'throughput' });
    const { uploaderMs, partsMs, putMs } = await tab.page.evaluate(
      (args) =>
        (
          window as unknown as {
            timeUploads(
              a: unknown,
            ): Promise<{ uploaderMs: number; partsMs: number; putMs: number }>;
          }
        ).timeUploads(args),
      {
        size: THROUGHPUT_BYTES,
        multipart: { upload_id: multipart.upload_id, upload_token: multipart.upload_token },
        single: { url: single.parts[0]?.url },
      },
    );
    const mbps = (ms: number) => THROUGHPUT_BYTES / 1e6 / (ms / 1000);
    const result = {
      bytes: THROUGHPUT_BYTES,
      // create → parts → SHA-256 → complete answering (the server assembles and checks the file)
      uploader_mb_per_s: Number(mbps(uploaderMs).toFixed(1)),
      // create → the last part stored: the transfer alone
      uploader_parts_mb_per_s: Number(mbps(partsMs).toFixed(1)),
      plain_put_mb_per_s: Number(mbps(putMs).toFixed(1)),
      ratio: Number((putMs / uploaderMs).toFixed(2)),
    };
    console.log(`throughput: ${JSON.stringify(result)}`);
    await writeFile(artifact('throughput.json'), `${JSON.stringify(result, null, 2)}\n`);
    expect(result.uploader_mb_per_s).toBeGreaterThan(0);
    await tab.page.close();
  });
});
