import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { closedPlaylist } from '../../domain/growing-playlists.js';
import { masterVariants, playlistUris } from '../../domain/hls-playlists.js';
import type { Rung } from '../../domain/ladder.js';
import { mediaKeys } from '../../domain/media-keys.js';
import { type StoryboardPlan, storyboardVtt } from '../../domain/storyboard.js';
import type { ObjectStore } from '../../ports/object-store.js';
import type { ThumbnailSpec } from '../../ports/transcoder.js';
import {
  renditionIdsOf,
  servedMaster,
  servedMediaPlaylist,
  storedName,
} from './rendition-files.js';

interface Outputs {
  ladder: readonly Rung[];
  audio: boolean;
  thumbnails: readonly ThumbnailSpec[];
  storyboard: StoryboardPlan;
  durationSec: number;
  /** The planned segment length, the playlists' target duration while they grew. */
  segmentSec: number;
  /** Keys stored while encoding (progressive publishing): not sent again. */
  alreadyStored: ReadonlySet<string>;
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
 * last, closed (`VOD`), so a playlist never names a segment that is not stored yet.
 */
export async function storeOutputs(
  store: ObjectStore,
  videoId: string,
  outDir: string,
  out: Outputs,
) {
  const renditionIds = renditionIdsOf(out.ladder, out.audio);
  const master = await readFile(join(outDir, 'master.m3u8'), 'utf8');
  const variants = masterVariants(master);
  const renditions = [];
  const playlists: { key: string; text: string }[] = [];
  for (const id of renditionIds) {
    const dir = join(outDir, id);
    const playlist = await readFile(join(dir, 'index.m3u8'), 'utf8');
    const files = playlistUris(playlist).map((uri) => ({
      key: mediaKeys.segment(videoId, id, storedName(uri)),
      path: join(dir, uri),
    }));
    await putAll(
      store,
      files.filter((f) => !out.alreadyStored.has(f.key)),
    );
    let sizeBytes = 0;
    for (const f of files) sizeBytes += (await stat(f.path)).size;
    playlists.push({
      key: mediaKeys.mediaPlaylist(videoId, id),
      text: servedMediaPlaylist(closedPlaylist(playlist, out.segmentSec)),
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
  await store.putText(manifestKey, servedMaster(master));
  return { renditions, thumbnails, manifestKey };
}
