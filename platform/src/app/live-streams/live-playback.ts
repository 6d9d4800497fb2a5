import { createHash } from 'node:crypto';
import type { Context } from '../../context.js';
import { findLiveStreamById } from '../../db/live-streams.js';
import { notFound } from '../../domain/errors.js';
import { liveBitrate, liveFiles, liveKeys, partOf } from '../../domain/live-media-keys.js';
import {
  hasPart,
  type LiveRenditionIndex,
  renderMediaPlaylist,
} from '../../domain/live-playlists.js';
import { HLS_TYPE, type PlaybackAnswer } from '../playback/playback-answer.js';
import { readRenditionIndex } from './rendition-index.js';

/** How often a held request looks again for what it waits for. */
const WAIT_POLL_MS = 50;
/** A hinted part is made within one part duration; a publisher that stalls longer gets a 404. */
const PART_WAIT_MS = 3000;

const NO_STORE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const text = (body: string): PlaybackAnswer => ({
  kind: 'text',
  text: body,
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  contentType: HLS_TYPE,
  cacheControl: NO_STORE,
});

async function liveStream(ctx: Context, streamId: string) {
  const stream = await findLiveStreamById(ctx.database.db, streamId);
  if (!stream) throw notFound('Live stream');
  return stream;
}

async function renditionsOf(ctx: Context, streamId: string): Promise<number[]> {
  const stored = await ctx.store.readText(liveKeys.renditions(streamId)).catch(() => null);
  if (stored === null) throw notFound('Live stream media');
  return JSON.parse(stored) as number[];
}

/** The master playlist: one variant per live rendition. */
export async function liveManifest(ctx: Context, streamId: string): Promise<PlaybackAnswer> {
  await liveStream(ctx, streamId);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:9', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const height of await renditionsOf(ctx, streamId)) {
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${liveBitrate(height)}`,
      `renditions/${height}p/playlist.m3u8`,
    );
  }
  return text(`${lines.join('\n')}\n`);
}

/**
 * A rendition's playlist; with `msn` it is held until that segment (or its `part`) is in,
 * for three target durations at most, as LL-HLS blocking reloads ask.
 */
export async function livePlaylist(
  ctx: Context,
  input: { streamId: string; rendition: string; msn?: number; part?: number },
): Promise<PlaybackAnswer> {
  const { streamId, rendition, msn, part } = input;
  await liveStream(ctx, streamId);
  let index = await readRenditionIndex(ctx, streamId, rendition);
  if (!index) throw notFound('Live rendition');
  if (msn !== undefined) {
    const deadline = Date.now() + index.segmentTarget * 3000;
    while (!hasPart(index, msn, part) && Date.now() < deadline) {
      await sleep(WAIT_POLL_MS);
      index = (await readRenditionIndex(ctx, streamId, rendition)) ?? index;
    }
  }
  return text(renderMediaPlaylist(index as LiveRenditionIndex, uris(rendition)));
}

const uris = (rendition: string) => ({
  init: (session: string) => `../../sessions/${session}/${rendition}/${liveFiles.init}`,
  segment: (s: { msn: number; session: string }) =>
    `../../sessions/${s.session}/${rendition}/${liveFiles.segment(s.msn)}`,
  part: (s: { msn: number; session: string }, part: number) =>
    `../../sessions/${s.session}/${rendition}/${liveFiles.part(s.msn, part)}`,
});

/** An init segment, segment or part; a part not made yet is waited for a moment. */
export async function liveMedia(
  ctx: Context,
  input: { streamId: string; session: string; rendition: string; file: string },
): Promise<PlaybackAnswer> {
  await liveStream(ctx, input.streamId);
  const key = liveKeys.media(input.streamId, input.session, input.rendition, input.file);
  let info = await ctx.store.head(key);
  if (!info && partOf(input.file)) {
    const deadline = Date.now() + PART_WAIT_MS;
    while (!info && Date.now() < deadline) {
      await sleep(WAIT_POLL_MS);
      info = await ctx.store.head(key);
    }
  }
  if (!info) throw notFound('Live media');
  return {
    kind: 'object',
    info,
    contentType: 'video/mp4',
    cacheControl: IMMUTABLE,
    read: (range) => ctx.store.read(key, range),
  };
}
