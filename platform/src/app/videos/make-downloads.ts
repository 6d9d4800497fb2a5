import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Context } from '../../context.js';
import { invalidateVideo } from '../../db/cached-videos.js';
import { type DownloadRow, forgetDownloads, recordDownload } from '../../db/downloads.js';
import { emit } from '../../db/outbox.js';
import { findVideoForEvent } from '../../db/videos.js';
import { type DownloadSource, plannedDownloads } from '../../domain/downloads.js';
import { TOPICS } from '../../domain/event-routes.js';
import { playlistUris } from '../../domain/hls-playlists.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { withWebhookData } from '../webhooks/webhook-data.js';
import { downloadView } from './video-view.js';

const REMUX_TIMEOUT_SEC = 300;

/** Writes a stored rendition's init segment and media segments, in order, into one local file. */
async function writeTrack(ctx: Context, videoId: string, renditionId: string, path: string) {
  const playlist = await ctx.store.readText(mediaKeys.mediaPlaylist(videoId, renditionId));
  const out = createWriteStream(path);
  for (const uri of playlistUris(playlist)) {
    const file = basename(uri.split('?')[0] ?? uri);
    await pipeline(await ctx.store.read(mediaKeys.segment(videoId, renditionId, file)), out, {
      end: false,
    });
  }
  await new Promise<void>((resolve, reject) =>
    out.end((e?: Error | null) => (e ? reject(e) : resolve())),
  );
}

/** Remuxes one download from the stored segments and stores it; answers its size. */
async function makeDownload(
  ctx: Context,
  videoId: string,
  source: DownloadSource,
  withAudio: boolean,
): Promise<number> {
  const scratch = await mkdtemp(join(tmpdir(), 'reel-download-'));
  try {
    const inputs = [join(scratch, 'video.mp4')];
    await writeTrack(ctx, videoId, source.renditionId, join(scratch, 'video.mp4'));
    if (withAudio) {
      inputs.push(join(scratch, 'audio.mp4'));
      await writeTrack(ctx, videoId, 'audio', join(scratch, 'audio.mp4'));
    }
    const output = join(scratch, 'download.mp4');
    await ctx.transcoder.remuxToMp4({ inputs, output, timeoutSec: REMUX_TIMEOUT_SEC });
    await ctx.store.putFile(mediaKeys.download(videoId, source.name), output);
    return (await stat(output)).size;
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}

/**
 * Brings a video's MP4 downloads in line with its `mp4_support`: a ready video gets the ones it
 * lacks (then `video.downloads.ready`), and loses those no longer asked for. Run again, it makes
 * nothing twice.
 */
export async function makeDownloads(ctx: Context, videoId: string): Promise<void> {
  const found = await findVideoForEvent(ctx.database.db, videoId);
  if (!found || found.video.deletedAt) return;
  const { video, renditions } = found;
  const had = found.downloads ?? [];
  if (video.mp4Support !== 'none' && video.status !== 'ready') return;
  const wanted = plannedDownloads(video.mp4Support, renditions);
  const unwanted = had.filter((d) => !wanted.some((w) => w.name === d.name));
  const missing = wanted.filter((w) => !had.some((d) => d.name === w.name));
  const withAudio = renditions.some((r) => r.renditionId === 'audio');
  const made: DownloadRow[] = [];
  for (const source of missing) {
    const sizeBytes = await makeDownload(ctx, video.id, source, withAudio);
    made.push({
      tenantId: video.tenantId,
      videoId: video.id,
      name: source.name,
      width: source.width,
      height: source.height,
      sizeBytes,
      objectKey: mediaKeys.download(video.id, source.name),
      createdAt: new Date(),
    });
  }
  await ctx.database.db.transaction(async (tx) => {
    for (const row of made) await recordDownload(tx, row);
    await forgetDownloads(
      tx,
      video.id,
      unwanted.map((d) => d.name),
    );
    if (made.length === 0) return;
    // Smallest first, as the video lists them.
    const downloads = [...had.filter((d) => !unwanted.includes(d)), ...made].toSorted(
      (a, b) => a.height - b.height || (a.name < b.name ? -1 : 1),
    );
    const base = `${ctx.config.publicUrl}/v1/videos/${video.id}`;
    await emit(tx, {
      topic: TOPICS.videoDownloadsReady,
      videoId: video.id,
      tenantId: video.tenantId,
      data: withWebhookData({
        video_id: video.id,
        downloads: downloads.map((d) => downloadView(d, base)),
      }),
    });
  });
  await Promise.all(unwanted.map((d) => ctx.store.deletePrefix(d.objectKey)));
  await invalidateVideo(ctx, video.id);
}
