import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { masterVariants, playlistUris, rewritePlaylistUris } from '../../domain/hls-playlists.js';
import type { Rung } from '../../domain/ladder.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { type StoryboardPlan, storyboardVtt } from '../../domain/storyboard.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { ThumbnailSpec } from '../../ports/transcoder.js';

interface Outputs {
  ladder: readonly Rung[];
  audio: boolean;
  thumbnails: readonly ThumbnailSpec[];
  storyboard: StoryboardPlan;
  durationSec: number;
}

const CONCURRENT_PUTS = 8;

async function putAll(store: ObjectStore, files: { key: string; path: string }[]) {
  for (let i = 0; i < files.length; i += CONCURRENT_PUTS) {
    await Promise.all(files.slice(i, i + CONCURRENT_PUTS).map((f) => store.putFile(f.key, f.path)));
  }
}

/**
 * Moves one transcode's files into the store under Reel's layout, rewriting playlist URIs to
 * Reel's routes (segments as `segments/<name>`, the init segment as `init.mp4`). Playlists go
 * last, so a playlist never names a segment that is not stored yet.
 */
export async function storeOutputs(
  store: ObjectStore,
  videoId: string,
  outDir: string,
  out: Outputs,
) {
  const renditionIds = [...out.ladder.map((r) => r.id), ...(out.audio ? ['audio'] : [])];
  // ffmpeg lists the audio group last as a variant of its own too: kept, for listen-only
  // clients (hls.js and Safari start on a variant with a picture when there is one).
  const master = await readFile(join(outDir, 'master.m3u8'), 'utf8');
  const variants = masterVariants(master);
  const renditions = [];
  const playlists: { key: string; text: string }[] = [];
  for (const id of renditionIds) {
    const dir = join(outDir, id);
    const playlist = await readFile(join(dir, 'index.m3u8'), 'utf8');
    const names = new Map(
      playlistUris(playlist).map((uri) => [uri, /^init(_\d+)?\.mp4$/.test(uri) ? 'init.mp4' : uri]),
    );
    const files = [...names].map(([from, to]) => ({
      key: mediaKeys.segment(videoId, id, to),
      path: join(dir, from),
    }));
    await putAll(store, files);
    let sizeBytes = 0;
    for (const f of files) sizeBytes += (await stat(f.path)).size;
    playlists.push({
      key: mediaKeys.mediaPlaylist(videoId, id),
      text: rewritePlaylistUris(playlist, (uri) => `segments/${names.get(uri) ?? uri}`),
    });
    const rung = out.ladder.find((r) => r.id === id);
    const variant = variants.find((v) => v.uri === `${id}/index.m3u8`);
    renditions.push({
      videoId,
      renditionId: id,
      width: rung?.width ?? 0,
      height: rung?.height ?? 0,
      bitrateKbps: variant ? Math.round(variant.bandwidth / 1000) : 128,
      codecs: variant?.codecs ?? 'mp4a.40.2',
      playlistKey: mediaKeys.mediaPlaylist(videoId, id),
      sizeBytes,
    });
  }

  const thumbnails = out.thumbnails.map((t) => ({
    videoId,
    size: t.size,
    key: mediaKeys.thumbnail(videoId, t.size),
    width: t.width,
    height: t.height,
  }));
  await putAll(store, [
    ...out.thumbnails.map((t) => ({
      key: mediaKeys.thumbnail(videoId, t.size),
      path: join(outDir, `thumb_${t.size}.jpg`),
    })),
    { key: mediaKeys.storyboardImage(videoId), path: join(outDir, 'storyboard.jpg') },
  ]);
  await store.putText(
    mediaKeys.storyboardVtt(videoId),
    storyboardVtt(out.storyboard, out.durationSec, 'storyboard.jpg'),
  );
  for (const p of playlists) await store.putText(p.key, p.text);
  const manifestKey = mediaKeys.master(videoId);
  await store.putText(
    manifestKey,
    rewritePlaylistUris(master, (uri) => `renditions/${uri}`),
  );
  return { renditions, thumbnails, manifestKey };
}
