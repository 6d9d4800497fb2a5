import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { CreateCaptionRequest, UploadWithParts, Video } from '../generated/types.gen';
import { ReelError } from './errors';
import type { Reel } from './reel';

export interface UploadProgress {
  phase: 'hashing' | 'uploading' | 'completing';
  bytesDone: number;
  bytesTotal: number;
}

export interface UploadFileOptions {
  title?: string;
  autoPublish?: boolean;
  playbackPolicy?: 'public' | 'signed';
  visibility?: 'public' | 'unlisted' | 'private';
  /** Normalise the audio to -23 LUFS (EBU R128), measured in a first pass. */
  normalizeAudio?: boolean;
  /** MP4 downloads to make once the video is ready (`mp4_support`; default `none`). */
  mp4Support?: 'none' | 'highest' | 'all';
  /** The channel the video goes on, from the start (so its subscribers hear of it). */
  channelId?: string;
  /** Caption tracks (WebVTT or SRT text) stored with the video and listed in its manifest. */
  captions?: CreateCaptionRequest[];
  /** Parts sent at once. Default 4. */
  concurrency?: number;
  /** Resume this upload instead of starting one: parts already stored are skipped. */
  resumeUploadId?: string;
  onProgress?: (progress: UploadProgress) => void;
  /** Called once the upload exists, before any byte is sent: the ids to resume with. */
  onCreated?: (upload: { upload_id: string; video_id: string }) => void;
}

const MIME: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.m4v': 'video/mp4',
  '.mov': 'video/quicktime',
  '.mkv': 'video/x-matroska',
  '.webm': 'video/webm',
  '.avi': 'video/x-msvideo',
  '.ts': 'video/mp2t',
};

async function sha256File(path: string, onBytes: (n: number) => void): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 })) {
    hash.update(chunk as Buffer);
    onBytes((chunk as Buffer).length);
  }
  return hash.digest('hex');
}

/**
 * Uploads a file in parallel parts with progress, resumable, then completes it. Parts whose URL
 * expired are signed again. Returns the video as complete left it (processing).
 */
export async function uploadFile(
  reel: Reel,
  path: string,
  options: UploadFileOptions = {},
): Promise<Video> {
  const size = (await stat(path)).size;
  const report = (phase: UploadProgress['phase'], bytesDone: number) =>
    options.onProgress?.({ phase, bytesDone, bytesTotal: size });

  let upload: Pick<UploadWithParts, 'upload_id' | 'video_id' | 'part_size_bytes' | 'part_count'>;
  let urls = new Map<number, string>();
  let stored = new Set<number>();
  if (options.resumeUploadId) {
    upload = await reel.uploads.get(options.resumeUploadId);
    stored = new Set(
      (await reel.uploads.listParts(upload.upload_id).all()).map((p) => p.part_number),
    );
  } else {
    let hashed = 0;
    const sha256 = await sha256File(path, (n) => {
      hashed += n;
      report('hashing', hashed);
    });
    const created = await reel.uploads.create({
      filename: basename(path),
      size_bytes: size,
      mime: MIME[extname(path).toLowerCase()] ?? 'application/octet-stream',
      sha256,
      ...(options.title !== undefined && { title: options.title }),
      ...(options.autoPublish !== undefined && { auto_publish: options.autoPublish }),
      ...(options.playbackPolicy !== undefined && { playback_policy: options.playbackPolicy }),
      ...(options.visibility !== undefined && { visibility: options.visibility }),
      ...(options.channelId !== undefined && { channel_id: options.channelId }),
      ...(options.normalizeAudio !== undefined && { normalize_audio: options.normalizeAudio }),
      ...(options.mp4Support !== undefined && { mp4_support: options.mp4Support }),
      ...(options.captions !== undefined && { captions: options.captions }),
    });
    upload = created;
    urls = new Map(created.parts.map((p) => [p.part_number, p.url]));
  }
  options.onCreated?.({ upload_id: upload.upload_id, video_id: upload.video_id });

  const todo = Array.from({ length: upload.part_count }, (_, i) => i + 1).filter(
    (n) => !stored.has(n),
  );
  let sent = [...stored].reduce(
    (sum, n) => sum + Math.min(upload.part_size_bytes, size - (n - 1) * upload.part_size_bytes),
    0,
  );
  report('uploading', sent);
  const file = await open(path, 'r');
  try {
    const sendPart = async (n: number) => {
      const start = (n - 1) * upload.part_size_bytes;
      const length = Math.min(upload.part_size_bytes, size - start);
      const bytes = new Uint8Array(length);
      await file.read(bytes, 0, length, start);
      for (let fresh = false; ; fresh = true) {
        let url = urls.get(n);
        if (!url || fresh) {
          const [signed] = (await reel.uploads.signParts(upload.upload_id, [n])).parts;
          url = signed?.url ?? '';
          urls.set(n, url);
        }
        try {
          await reel.uploads.putPart(url, bytes);
          break;
        } catch (error) {
          // An expired URL after long retries is signed again, once.
          if (fresh || !(error instanceof ReelError && error.code === 'signature_expired'))
            throw error;
        }
      }
      sent += length;
      report('uploading', sent);
    };
    const queue = [...todo];
    const lanes = Array.from(
      { length: Math.min(options.concurrency ?? 4, queue.length) },
      async () => {
        for (let n = queue.shift(); n !== undefined; n = queue.shift()) await sendPart(n);
      },
    );
    await Promise.all(lanes);
  } finally {
    await file.close();
  }
  report('completing', size);
  return reel.uploads.complete(upload.upload_id);
}
