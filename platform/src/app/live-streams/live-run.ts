import { randomUUID } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from '../../context.js';
import { LIVE_HEIGHTS, liveFiles, liveKeys } from '../../domain/live-media-keys.js';
import {
  LADDER_TIMING,
  type LiveRenditionIndex,
  newRenditionIndex,
  withPart,
} from '../../domain/live-playlists.js';
import type { FinishedPart, LiveLadderRun, PublishedTracks } from '../../ports/live-ingest.js';
import type { OpenedLiveSession } from './open-live-session.js';
import { readRenditionIndex } from './rendition-index.js';

/**
 * One publisher's session on the ladder: each finished part goes to the store, a segment's
 * parts joined into the segment once it is complete, and then the rendition's index, so a
 * playlist never names media that is not stored yet.
 */
export async function startLiveRun(
  ctx: Context,
  opened: OpenedLiveSession,
  input: { url: string; tracks: Promise<PublishedTracks> },
  onError: (error: unknown) => void,
): Promise<LiveLadderRun> {
  const { streamId, latency } = opened;
  const session = randomUUID();
  const timing = LADDER_TIMING[latency];
  const renditions = LIVE_HEIGHTS.map((h) => `${h}p`);
  const indexes = new Map<string, LiveRenditionIndex>();
  for (const rendition of renditions) {
    const stored = opened.resumed ? await readRenditionIndex(ctx, streamId, rendition) : null;
    // A resumed session keeps its segments; the latency is the one it started with.
    indexes.set(rendition, stored && !stored.ended ? stored : newRenditionIndex(latency));
  }
  await ctx.store.putText(liveKeys.renditions(streamId), JSON.stringify(LIVE_HEIGHTS));
  const initStored = new Set<string>();
  const openParts = new Map<string, Buffer[]>();
  // The ladder reads the publisher in real time from here, so the frame `t` seconds into its
  // output came in at `runStart + t`. Dating parts by that clock, not by when each was stored,
  // keeps EXT-X-PROGRAM-DATE-TIME in step with the durations and alike across renditions
  // (hls.js lines renditions up by it): the ladder's start-up probe stores its first seconds
  // in a burst, whose storage times overlap and left hls.js stalled after a rendition switch.
  // Known by now in practice: the publisher's metadata comes before its first frame.
  const { audio } = await input.tracks;
  const runStart = Date.now();
  const mediaEnd = new Map<string, number>();

  const storePart = async (part: FinishedPart) => {
    const key = (file: string) => liveKeys.media(streamId, session, part.rendition, file);
    if (!initStored.has(part.rendition)) {
      await ctx.store.putFile(key(liveFiles.init), part.initPath);
      initStored.add(part.rendition);
    }
    const before = indexes.get(part.rendition) ?? newRenditionIndex(latency);
    const end = (mediaEnd.get(part.rendition) ?? 0) + part.duration;
    mediaEnd.set(part.rendition, end);
    const dated = runStart + end * 1000;
    const index = {
      ...withPart(before, { ...part, session, takenAt: new Date(dated) }),
      storedLagMs: Math.max(0, Date.now() - dated),
      audio,
    };
    const segment = index.segments.at(-1);
    if (!segment) return;
    const partNumber = segment.parts.length - 1;
    await ctx.store.putFile(key(liveFiles.part(segment.msn, partNumber)), part.path);
    const bytes = [...(partNumber === 0 ? [] : (openParts.get(part.rendition) ?? []))];
    bytes.push(await readFile(part.path));
    openParts.set(part.rendition, bytes);
    if (segment.complete) {
      const joined = join(tmpdir(), `reel-live-${randomUUID()}.m4s`);
      await writeFile(joined, Buffer.concat(bytes));
      await ctx.store.putFile(key(liveFiles.segment(segment.msn)), joined);
      await rm(joined, { force: true });
      openParts.delete(part.rendition);
    }
    indexes.set(part.rendition, index);
    await ctx.store.putText(liveKeys.index(streamId, part.rendition), JSON.stringify(index));
  };

  return ctx.live.ladder.start({
    input: input.url,
    audio,
    partSeconds: timing.partSeconds,
    keyFrameSeconds: timing.keyFrameSeconds,
    heights: LIVE_HEIGHTS,
    onPart: storePart,
    onError,
  });
}
