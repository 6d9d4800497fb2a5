import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { growingPlaylist, segmentUris } from '../../domain/growing-playlists.js';
import { playlistUris } from '../../domain/hls-playlists.js';
import { mediaKeys } from '../../domain/media-keys.js';
import type { ObjectStore } from '../../ports/object-store.js';
import { servedMaster, servedMediaPlaylist, storedName } from './rendition-files.js';

const CONCURRENT_PUTS = 4;

/** A file ffmpeg has not written yet reads as undefined. */
async function readIfThere(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** Segments a stored playlist lists: what a viewer may already have been told exists. */
async function storedSegmentCount(store: ObjectStore, key: string): Promise<number> {
  try {
    return segmentUris(await store.readText(key)).length;
  } catch {
    return 0;
  }
}

interface Rendition {
  id: string;
  /** Segments the stored playlist lists; it is only ever rewritten longer. */
  listed: number;
}

/**
 * Stores a running transcode's segments as ffmpeg finishes them (a segment is finished once
 * ffmpeg's playlist, renamed into place whole, lists it), then a growing playlist that lists
 * only stored segments. Once every rendition has some, the master is stored and the video can
 * play. A retry writes the same keys and never shortens a playlist a viewer has read.
 */
export class ProgressivePublisher {
  /** Keys stored so far, so the final store skips them. */
  readonly stored = new Set<string>();
  private renditions: Rendition[] = [];
  private masterStored = false;

  constructor(
    private readonly store: ObjectStore,
    private readonly videoId: string,
    private readonly outDir: string,
    private readonly renditionIds: readonly string[],
    /** The planned segment length: every growing playlist's target duration. */
    private readonly segmentSec: number,
  ) {}

  /** Reads what an earlier attempt already published. */
  async start(): Promise<void> {
    this.renditions = await Promise.all(
      this.renditionIds.map(async (id) => ({
        id,
        listed: await storedSegmentCount(this.store, mediaKeys.mediaPlaylist(this.videoId, id)),
      })),
    );
  }

  /** One pass over the output; true once the master is stored (the video can play). */
  async publishNew(): Promise<boolean> {
    let everyRenditionListed = true;
    for (const rendition of this.renditions) {
      await this.publishRendition(rendition);
      if (rendition.listed === 0) everyRenditionListed = false;
    }
    if (!this.masterStored && everyRenditionListed) {
      const master = await readIfThere(join(this.outDir, 'master.m3u8'));
      if (master === undefined) return false;
      await this.store.putText(mediaKeys.master(this.videoId), servedMaster(master));
      this.masterStored = true;
    }
    return this.masterStored;
  }

  private async publishRendition(rendition: Rendition) {
    const dir = join(this.outDir, rendition.id);
    const playlist = await readIfThere(join(dir, 'index.m3u8'));
    if (playlist === undefined) return;
    const uris = playlistUris(playlist).filter(
      (uri) => !this.stored.has(this.keyOf(rendition, uri)),
    );
    for (let i = 0; i < uris.length; i += CONCURRENT_PUTS) {
      await Promise.all(
        uris.slice(i, i + CONCURRENT_PUTS).map(async (uri) => {
          const key = this.keyOf(rendition, uri);
          await this.store.putFile(key, join(dir, uri));
          this.stored.add(key);
        }),
      );
    }
    const count = segmentUris(playlist).length;
    if (count <= rendition.listed) return;
    await this.store.putText(
      mediaKeys.mediaPlaylist(this.videoId, rendition.id),
      servedMediaPlaylist(growingPlaylist(playlist, count, this.segmentSec)),
    );
    rendition.listed = count;
  }

  private keyOf(rendition: Rendition, uri: string) {
    return mediaKeys.segment(this.videoId, rendition.id, storedName(uri));
  }
}
