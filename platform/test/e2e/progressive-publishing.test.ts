import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type Reel, signPlaybackToken, signViewerToken } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { failVideo } from '../../src/app/videos/fail-video.js';
import { playlistUris } from '../../src/domain/hls-playlists.js';
import { contractFetch } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

const run = promisify(execFile);

/** 24 s of 426x240: one rendition, a few seconds of encoding, its first segment in under one. */
async function makeClip(dir: string): Promise<string> {
  const path = join(dir, 'progressive-24s-240p.mp4');
  await run('ffmpeg', [
    ...['-v', 'error', '-y'],
    ...['-f', 'lavfi', '-i', 'testsrc2=size=426x240:rate=25:duration=24'],
    ...['-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000:duration=24'],
    ...['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac'],
    path,
  ]);
  return path;
}

/** The ffmpeg runs this process started (the in-process transcode role), by pid. */
async function ffmpegChildren(): Promise<number[]> {
  const { stdout } = await run('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)]);
  return stdout
    .split('\n')
    .filter((line) => line.trim().endsWith('ffmpeg'))
    .map((line) => Number.parseInt(line, 10));
}

/** Ends the running encodes as a crash would, mid-run. */
async function killEncoder(): Promise<void> {
  for (const pid of await ffmpegChildren()) process.kill(pid, 'SIGKILL');
}

/**
 * Holds the encoder still while the test looks at a half-encoded video, so what it sees cannot
 * turn ready under it; the encoder goes on when `resume` is called.
 */
async function freezeEncoder(): Promise<{ resume: () => void }> {
  const pids = await ffmpegChildren();
  for (const pid of pids) process.kill(pid, 'SIGSTOP');
  return {
    resume: () => {
      for (const pid of pids) process.kill(pid, 'SIGCONT');
    },
  };
}

const segmentCount = (playlist: string) => playlist.match(/^#EXTINF:/gm)?.length ?? 0;

let harness: Harness;
let tenant: Awaited<ReturnType<Harness['tenant']>>;
let sdk: Reel;
let clipPath: string;

beforeAll(async () => {
  harness = await startHarness();
  tenant = await harness.tenant();
  sdk = tenant.sdk;
  clipPath = await makeClip(await mkdtemp(join(tmpdir(), 'reel-progressive-')));
});
afterAll(() => harness?.stop());

async function uploadUntilPlayable(options: { playbackPolicy?: 'signed' } = {}) {
  const uploaded = await uploadFile(sdk, clipPath, { title: 'progressive', ...options });
  const playable = await until('the video to be playable', async () => {
    const video = await sdk.videos.get(uploaded.video_id);
    expect(video.status).not.toBe('ready');
    return video.status === 'playable' ? video : undefined;
  });
  const encoder = await freezeEncoder();
  return { video: playable, encoder };
}

/** Master, then the first media playlist, as a player reads them. */
async function firstMediaPlaylist(manifestUrl: string) {
  const master = await (await contractFetch(manifestUrl)).text();
  const uri = master.split('\n').find((line) => line.startsWith('renditions/')) ?? '';
  const url = new URL(uri, manifestUrl).href;
  const response = await contractFetch(url);
  return { master, url, response, text: await response.text() };
}

async function outboxTopics(videoId: string): Promise<string[]> {
  const { rows } = await harness.reel.ctx.database.pool.query(
    `select topic from outbox where key = $1 and topic like 'video.%' order by id`,
    [videoId],
  );
  return rows.map((row: { topic: string }) => row.topic);
}

describe('progressive publishing', () => {
  it('plays a video while it encodes: EVENT playlists of stored segments, then VOD at ready', async () => {
    const { video, encoder } = await uploadUntilPlayable();
    try {
      expect(video.playback?.manifest_url).toBeDefined();
      const growing = await firstMediaPlaylist(video.playback?.manifest_url ?? '');
      expect(growing.response.status).toBe(200);
      expect(growing.response.headers.get('cache-control')).toBe('no-cache');
      expect(growing.text).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
      expect(growing.text).not.toContain('#EXT-X-ENDLIST');
      const listed = segmentCount(growing.text);
      expect(listed).toBeGreaterThan(0);
      expect(listed).toBeLessThan(24 / 4);
      // Every segment it lists is already stored.
      const uris = growing.text.split('\n').filter((l) => l.startsWith('segments/'));
      for (const uri of uris) {
        expect((await contractFetch(new URL(uri, growing.url).href)).status).toBe(200);
      }
      expect(await outboxTopics(video.video_id)).toContain('video.playable');
      expect(await outboxTopics(video.video_id)).not.toContain('video.published');
      // A watch page with no credential reads it as it plays, as its manifest does.
      const anonymous = await contractFetch(`${harness.url}/v1/videos/${video.video_id}`);
      expect(anonymous.status).toBe(200);
      expect(((await anonymous.json()) as { status: string }).status).toBe('playable');
      // A static MPD needs the whole ladder: DASH waits for ready.
      const dash = await contractFetch(video.playback?.dash_url ?? '');
      expect(dash.status).toBe(409);
      expect(((await dash.json()) as { code: string }).code).toBe('video_not_ready');
    } finally {
      encoder.resume();
    }
    const settled = await sdk.videos.waitUntilSettled(video.video_id, { timeoutMs: 60_000 });
    expect(settled.status).toBe('ready');
    const closed = await firstMediaPlaylist(settled.playback?.manifest_url ?? '');
    expect(closed.text).toContain('#EXT-X-PLAYLIST-TYPE:VOD');
    expect(closed.text).toContain('#EXT-X-ENDLIST');
    const durations = [...closed.text.matchAll(/#EXTINF:([\d.]+)/g)].map((m) => Number(m[1]));
    expect(durations.reduce((a, b) => a + b, 0)).toBeCloseTo(24, 0);
    const topics = await outboxTopics(video.video_id);
    expect(topics.filter((t) => t === 'video.playable')).toHaveLength(1);
    expect(topics.indexOf('video.playable')).toBeLessThan(topics.indexOf('video.published'));
    // The timeline shows the moment it became playable, while it was still encoding.
    const { stages } = await sdk.videos.timeline(video.video_id);
    const at = (name: string) => stages.find((s) => s.stage === name);
    const playable = at('playable');
    expect(playable?.started_at).toBe(playable?.ended_at);
    expect(stages.map((s) => s.stage)).toEqual([
      'uploaded',
      'probed',
      'encoding',
      'playable',
      'stored',
      'published',
    ]);
    expect(Date.parse(playable?.ended_at ?? '')).toBeLessThan(
      Date.parse(at('encoding')?.ended_at ?? ''),
    );
  });

  it('plays a signed video while it encodes, every URI carrying its st', async () => {
    const key = await sdk.signingKeys.create();
    const { video, encoder } = await uploadUntilPlayable({ playbackPolicy: 'signed' });
    try {
      const manifestUrl = video.playback?.manifest_url ?? '';
      expect((await contractFetch(manifestUrl)).status).toBe(401);
      const token = await signPlaybackToken(
        { keyId: key.key_id, privateKey: key.private_key },
        { videoId: video.video_id },
      );
      const growing = await firstMediaPlaylist(`${manifestUrl}?token=${token}`);
      expect(growing.response.status).toBe(200);
      expect(growing.response.headers.get('cache-control')).toBe('private, no-cache');
      expect(growing.text).toContain('#EXT-X-PLAYLIST-TYPE:EVENT');
      const uris = growing.text.split('\n').filter((l) => l.startsWith('segments/'));
      expect(uris.length).toBeGreaterThan(0);
      for (const uri of uris) {
        expect(uri).toMatch(/\?st=/);
        expect((await contractFetch(new URL(uri, growing.url).href)).status).toBe(200);
      }
      // A forged signature opens nothing.
      const forged = new URL(uris[0]?.replace(/st=[^&]+/, 'st=forged') ?? '', growing.url).href;
      expect((await contractFetch(forged)).status).toBe(403);
    } finally {
      encoder.resume();
    }
    const settled = await sdk.videos.waitUntilSettled(video.video_id, { timeoutMs: 60_000 });
    expect(settled.status).toBe('ready');
  });

  it('retries an encode that dies after it became playable, never shortening what viewers read', async () => {
    const { video, encoder } = await uploadUntilPlayable();
    const growing = await firstMediaPlaylist(video.playback?.manifest_url ?? '');
    const seen = [segmentCount(growing.text)];
    await killEncoder();
    encoder.resume();
    // A viewer reloading the playlist across the retry: it only grows, then closes.
    const settled = await until('the retry to make the video ready', async () => {
      const text = await (await contractFetch(growing.url)).text();
      seen.push(segmentCount(text));
      const current = await sdk.videos.get(video.video_id);
      return current.status === 'ready' || current.status === 'failed' ? current : undefined;
    });
    expect(settled.status).toBe('ready');
    const closed = await (await contractFetch(growing.url)).text();
    expect(closed).toContain('#EXT-X-ENDLIST');
    seen.push(segmentCount(closed));
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    // 24 s: a 1 s first segment, five of 4 s, and the last second.
    expect(seen.at(-1)).toBe(7);
    const topics = await outboxTopics(video.video_id);
    expect(topics.filter((t) => t === 'video.playable')).toHaveLength(1);
    expect(topics.filter((t) => t === 'video.published')).toHaveLength(1);
    const { rows } = await harness.reel.ctx.database.pool.query(
      `select attempts from queue_jobs where group_name = 'transcode' and key = $1`,
      [video.video_id],
    );
    expect(rows[0].attempts).toBe(2);
  });

  it('takes a playable video down at once; its encode ends taken down, and restore publishes it', async () => {
    const { video, encoder } = await uploadUntilPlayable();
    const id = video.video_id;
    const manifestUrl = video.playback?.manifest_url ?? '';
    const held = await firstMediaPlaylist(manifestUrl);
    const segment = new URL(playlistUris(held.text).at(-1) ?? '', held.url).href;
    const playing = [manifestUrl, held.url, segment];
    const answers = async () =>
      Promise.all(playing.map(async (url) => (await contractFetch(url)).status));
    const key = await sdk.signingKeys.create();
    const viewerToken = await signViewerToken(
      { keyId: key.key_id, privateKey: key.private_key },
      { viewerId: 'viewer-1' },
    );
    try {
      // A viewer watching it early can report it, as any video they see.
      const report = await contractFetch(`${harness.url}/v1/videos/${id}/reports`, {
        method: 'POST',
        headers: { authorization: `Bearer ${viewerToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({ reason: 'spam' }),
      });
      expect(report.status).toBe(201);
      const takenDown = await sdk.videos.takedown(id, { reason: 'copyright', notice: 'DMCA-7' });
      expect(takenDown).toMatchObject({ status: 'taken_down', playback: null });
      // The URLs a viewer already holds stop at once, mid-encode.
      expect(await answers()).toEqual([451, 451, 451]);
      const anonymous = await contractFetch(`${harness.url}/v1/videos/${id}`);
      expect(anonymous.status).toBe(451);
      // Again: nothing changes, the first reason stays.
      const again = await sdk.videos.takedown(id, { reason: 'spam' });
      expect(again.takedown).toEqual(takenDown.takedown);
      // A viewer's token and another tenant's key take nothing down.
      const other = await harness.tenant();
      const refusals = [];
      for (const bearer of [viewerToken, other.apiKey, 'forged.token.here']) {
        for (const action of ['takedown', 'restore']) {
          const answer = await contractFetch(`${harness.url}/v1/videos/${id}/${action}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${bearer}`, 'content-type': 'application/json' },
            body: JSON.stringify({ reason: 'spam' }),
          });
          refusals.push([action, answer.status, ((await answer.json()) as { code: string }).code]);
        }
      }
      const unauthorized = (action: string) => [action, 401, 'unauthorized'];
      const notFound = (action: string) => [action, 404, 'not_found'];
      expect(refusals).toEqual([
        ...['takedown', 'restore'].map(unauthorized),
        ...['takedown', 'restore'].map(notFound),
        ...['takedown', 'restore'].map(unauthorized),
      ]);
      expect((await sdk.videos.get(id)).status).toBe('taken_down');

      // Restored while it still encodes: it plays on, as it did.
      expect((await sdk.videos.restore(id)).status).toBe('playable');
      expect(await answers()).toEqual([200, 200, 200]);
      await sdk.videos.takedown(id, { reason: 'copyright' });
    } finally {
      encoder.resume();
    }
    // The encode ends under the takedown: its outcome waits for the restore, announced by nothing.
    const statusAtEnd = await until('the encode to end under the takedown', async () => {
      const { rows } = await harness.reel.ctx.database.pool.query(
        'select status, status_before_takedown from videos where id = $1',
        [id],
      );
      return rows[0].status_before_takedown === 'ready' ? rows[0].status : undefined;
    });
    expect(statusAtEnd).toBe('taken_down');
    const down = await sdk.videos.get(id);
    expect(down).toMatchObject({ status: 'taken_down', published_at: null });
    expect(await answers()).toEqual([451, 451, 451]);
    expect(await outboxTopics(id)).not.toContain('video.published');

    const restored = await sdk.videos.restore(id);
    expect(restored.status).toBe('ready');
    expect(restored.published_at).not.toBeNull();
    const closed = await firstMediaPlaylist(restored.playback?.manifest_url ?? '');
    expect(closed.response.status).toBe(200);
    expect(closed.text).toContain('#EXT-X-ENDLIST');
    const topics = await outboxTopics(id);
    expect(topics.filter((t) => t === 'video.published')).toHaveLength(1);
    expect(topics.filter((t) => t === 'video.restored')).toHaveLength(2);
    expect(topics.lastIndexOf('video.restored')).toBeLessThan(topics.indexOf('video.published'));
  });

  it('keeps a failure of an encode taken down for the restore, which leaves the video failed', async () => {
    const { video, encoder } = await uploadUntilPlayable();
    const id = video.video_id;
    await sdk.videos.takedown(id, { reason: 'legal' });
    // What the transcode role does when ffmpeg cannot go on.
    await failVideo(harness.reel.ctx, id, 'too_long', 'The video decodes to more than 24 s');
    await killEncoder();
    encoder.resume();
    const down = await sdk.videos.get(id);
    expect(down).toMatchObject({ status: 'taken_down', error: { code: 'too_long' } });
    expect(await outboxTopics(id)).not.toContain('video.failed');

    const restored = await sdk.videos.restore(id);
    expect(restored).toMatchObject({ status: 'failed', takedown: null, playback: null });
    const manifest = await contractFetch(`${harness.url}/v1/videos/${id}/manifest.m3u8`);
    expect(manifest.status).toBe(409);
    const topics = await outboxTopics(id);
    expect(topics.filter((t) => t === 'video.failed')).toHaveLength(1);
    expect(topics).not.toContain('video.published');
  });
});
