import { createHash } from 'node:crypto';
import type { Context } from '../../context.js';
import { notFound } from '../../domain/errors.js';
import { liveBitrate, liveFiles, liveKeys, partOf } from '../../domain/live-media-keys.js';
import {
  hasPart,
  type LiveRenditionIndex,
  renderMediaPlaylist,
} from '../../domain/live-playlists.js';
import { allowsHeight } from '../../domain/playback-tokens.js';
import { assertRenditionAllowed } from '../playback/playback-access.js';
import {
  CACHE,
  HLS_TYPE,
  type PlaybackAccess,
  type PlaybackAnswer,
} from '../playback/playback-answer.js';
import { authorizeLivePlayback, type LiveGrant } from './live-access.js';
import { readRenditionIndex } from './rendition-index.js';

/** How often a held request looks again for what it waits for. */
const WAIT_POLL_MS = 50;
/** A hinted part is made within one part duration; a publisher that stalls longer gets a 404. */
const PART_WAIT_MS = 3000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// A signed stream's playlists carry URIs signed for this viewer: never shared caches.
const text = (body: string, grant: LiveGrant): PlaybackAnswer => ({
  kind: 'text',
  text: body,
  etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`,
  contentType: HLS_TYPE,
  cacheControl: grant.st === undefined ? CACHE.growingPlaylist : CACHE.signedGrowingPlaylist,
});

/** A URI as the grant needs it: with the `st` of a signed stream. */
const signed = (uri: string, grant: LiveGrant) =>
  grant.st === undefined ? uri : `${uri}?st=${grant.st}`;

async function renditionsOf(ctx: Context, streamId: string): Promise<number[]> {
  const stored = await ctx.store.readText(liveKeys.renditions(streamId)).catch(() => null);
  if (stored === null) throw notFound('Live stream media');
  return JSON.parse(stored) as number[];
}

/** The master playlist: one variant per live rendition the grant allows. */
export async function liveManifest(
  ctx: Context,
  input: { streamId: string; access: PlaybackAccess },
): Promise<PlaybackAnswer> {
  const grant = await authorizeLivePlayback(ctx, input.streamId, 'manifest', input.access);
  const lines = ['#EXTM3U', '#EXT-X-VERSION:9', '#EXT-X-INDEPENDENT-SEGMENTS'];
  for (const height of await renditionsOf(ctx, input.streamId)) {
    if (!allowsHeight(grant.maxHeight, `${height}p`)) continue;
    lines.push(
      `#EXT-X-STREAM-INF:BANDWIDTH=${liveBitrate(height)}`,
      signed(`renditions/${height}p/playlist.m3u8`, grant),
    );
  }
  return text(`${lines.join('\n')}\n`, grant);
}

/**
 * A rendition's playlist; with `msn` it is held until that segment (or its `part`) is in,
 * for three target durations at most, as LL-HLS blocking reloads ask.
 */
export async function livePlaylist(
  ctx: Context,
  input: {
    streamId: string;
    rendition: string;
    msn?: number;
    part?: number;
    access: PlaybackAccess;
  },
): Promise<PlaybackAnswer> {
  const { streamId, rendition, msn, part } = input;
  const grant = await authorizeLivePlayback(ctx, streamId, 'media', input.access);
  assertRenditionAllowed(grant, rendition);
  let index = await readRenditionIndex(ctx, streamId, rendition);
  if (!index) throw notFound('Live rendition');
  if (msn !== undefined) {
    const deadline = Date.now() + index.segmentTarget * 3000;
    while (!hasPart(index, msn, part) && Date.now() < deadline) {
      await sleep(WAIT_POLL_MS);
      index = (await readRenditionIndex(ctx, streamId, rendition)) ?? index;
    }
  }
  return text(renderMediaPlaylist(index as LiveRenditionIndex, uris(rendition, grant)), grant);
}

const uris = (rendition: string, grant: LiveGrant) => {
  const media = (session: string, file: string) =>
    signed(`../../sessions/${session}/${rendition}/${file}`, grant);
  return {
    init: (session: string) => media(session, liveFiles.init),
    segment: (s: { msn: number; session: string }) => media(s.session, liveFiles.segment(s.msn)),
    part: (s: { msn: number; session: string }, part: number) =>
      media(s.session, liveFiles.part(s.msn, part)),
  };
};

/** An init segment, segment or part; a part not made yet is waited for a moment. */
export async function liveMedia(
  ctx: Context,
  input: {
    streamId: string;
    session: string;
    rendition: string;
    file: string;
    access: PlaybackAccess;
  },
): Promise<PlaybackAnswer> {
  const grant = await authorizeLivePlayback(ctx, input.streamId, 'media', input.access);
  assertRenditionAllowed(grant, input.rendition);
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
    // A signed stream's: no shared cache, which would go on answering after a revocation.
    cacheControl: grant.st === undefined ? CACHE.immutable : CACHE.signedImmutable,
    read: (range) => ctx.store.read(key, range),
  };
}
