import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Reel } from '@reel/sdk';

/** Parts in flight at once: the SDK's `uploadFile` default. */
export const PART_CONCURRENCY = 4;

export async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path, { highWaterMark: 4 * 1024 * 1024 }))
    hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export interface UploadTiming {
  videoId: string;
  bytes: number;
  /** performance.now() just before create, just before complete, and when complete answered. */
  startMs: number;
  completeStartMs: number;
  completedMs: number;
}

/**
 * The upload flow a client runs (create → PUT every part to its signed URL → complete), as
 * `uploadFile` in the SDK does it, but with hashing done beforehand so the clock covers only
 * the upload routes and part URLs.
 */
export async function uploadThroughReel(
  reel: Reel,
  path: string,
  sha256: string,
  options: { mime?: string; title?: string; beforeComplete?: () => void } = {},
): Promise<UploadTiming> {
  const size = (await stat(path)).size;
  const startMs = performance.now();
  const created = await reel.uploads.create({
    filename: basename(path),
    size_bytes: size,
    mime: options.mime ?? 'video/mp4',
    sha256,
    title: options.title ?? basename(path),
  });
  const file = await open(path, 'r');
  try {
    const queue = created.parts.map((p) => ({ n: p.part_number, url: p.url }));
    const lanes = Array.from({ length: Math.min(PART_CONCURRENCY, queue.length) }, async () => {
      for (let part = queue.shift(); part; part = queue.shift()) {
        const start = (part.n - 1) * created.part_size_bytes;
        const length = Math.min(created.part_size_bytes, size - start);
        const bytes = new Uint8Array(length);
        await file.read(bytes, 0, length, start);
        await reel.uploads.putPart(part.url, bytes);
      }
    });
    await Promise.all(lanes);
  } finally {
    await file.close();
  }
  options.beforeComplete?.();
  const completeStartMs = performance.now();
  await reel.uploads.complete(created.upload_id);
  return {
    videoId: created.video_id,
    bytes: size,
    startMs,
    completeStartMs,
    completedMs: performance.now(),
  };
}

/**
 * The same bytes in the same parts and lanes as `uploadThroughReel`, each handed to `put` with
 * nothing around them: no create, no signed URLs, no complete. Returns the seconds it took.
 */
export async function putParts(
  path: string,
  partSize: number,
  put: (partNumber: number, bytes: Uint8Array) => Promise<void>,
): Promise<number> {
  const size = (await stat(path)).size;
  const startMs = performance.now();
  const file = await open(path, 'r');
  try {
    const queue = Array.from({ length: Math.ceil(size / partSize) }, (_, i) => i + 1);
    const lanes = Array.from({ length: Math.min(PART_CONCURRENCY, queue.length) }, async () => {
      for (let n = queue.shift(); n; n = queue.shift()) {
        const start = (n - 1) * partSize;
        const length = Math.min(partSize, size - start);
        const bytes = new Uint8Array(length);
        await file.read(bytes, 0, length, start);
        await put(n, bytes);
      }
    });
    await Promise.all(lanes);
  } finally {
    await file.close();
  }
  return (performance.now() - startMs) / 1000;
}

/** `putParts` over plain HTTP PUTs to `partUrl(n)`. */
export function putPartsBare(
  path: string,
  partSize: number,
  partUrl: (partNumber: number) => string,
): Promise<number> {
  return putParts(path, partSize, async (n, bytes) => {
    const response = await fetch(partUrl(n), { method: 'PUT', body: bytes });
    if (!response.ok) throw new Error(`bare PUT of part ${n} answered ${response.status}`);
    await response.arrayBuffer();
  });
}
