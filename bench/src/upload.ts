import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { startBareProcess } from './bare-process.js';
import { cpuTimes } from './proc-stats.js';
import { progress } from './progress.js';
import type { RunningReel } from './reel-process.js';
import { interleave, median, round3 } from './stats.js';
import { putPartsBare, sha256File, uploadThroughReel } from './upload-client.js';

const MiB = 1024 * 1024;

/** The baseline: the same bytes copied to a file beside the embedded object store. */
async function rawWrite(source: string, dataDir: string) {
  const dir = join(dataDir, 'bench-raw');
  await mkdir(dir, { recursive: true });
  const target = join(dir, 'copy.bin');
  const start = performance.now();
  // No fsync: the local-disk store does not sync either, so both land in the page cache.
  await pipeline(createReadStream(source), createWriteStream(target));
  const sec = (performance.now() - start) / 1000;
  await rm(target, { force: true });
  return sec;
}

/**
 * `upload_vs_raw`: bytes/s from create through every part PUT to complete (which reads
 * and checks the SHA-256), against a raw write of the same bytes to the same disk.
 */
export async function benchUpload(reel: RunningReel, file: string, bytes: number, rounds: number) {
  const sha256 = await sha256File(file);
  let nodeCpu = 0;
  const pairs = await interleave(
    rounds,
    async (round) => {
      progress(`upload round ${round}/${rounds}: raw disk write`);
      return rawWrite(file, reel.dataDir);
    },
    async (round) => {
      progress(`upload round ${round}/${rounds}: through the upload routes`);
      const before = cpuTimes(reel.pid).self;
      const upload = await uploadThroughReel(reel.sdk, file, sha256, {
        mime: 'application/octet-stream',
      });
      nodeCpu += cpuTimes(reel.pid).self - before;
      // Random bytes fail the probe at once; the delete frees the disk for the next round.
      await reel.sdk.videos.delete(upload.videoId).catch(() => {});
      return {
        sec: (upload.completedMs - upload.startMs) / 1000,
        completeSec: (upload.completedMs - upload.completeStartMs) / 1000,
      };
    },
  );
  const totalReelSec = pairs.reduce((sum, p) => sum + p.subject.sec, 0);
  return {
    // bytes/s ratio = raw seconds / Reel seconds for the same bytes.
    ratio: round3(median(pairs.map((p) => p.baseline / p.subject.sec))),
    rounds: pairs.map((p) => round3(p.baseline / p.subject.sec)),
    figures: {
      upload_mib: Math.round(bytes / MiB),
      upload_reel_mib_per_s: round3(median(pairs.map((p) => bytes / MiB / p.subject.sec))),
      upload_raw_mib_per_s: round3(median(pairs.map((p) => bytes / MiB / p.baseline))),
      // complete reads the assembled file once to check its SHA-256.
      upload_complete_sec: round3(median(pairs.map((p) => p.subject.completeSec))),
      upload_parts_sec: round3(median(pairs.map((p) => p.subject.sec - p.subject.completeSec))),
      upload_cpu_cores_reel_node: round3(nodeCpu / totalReelSec),
    },
  };
}

/** The part size Reel plans for a file of this size: asked of Reel, then the upload aborted. */
export async function reelPartSize(reel: RunningReel, bytes: number, sha256: string) {
  const probe = await reel.sdk.uploads.create({
    filename: 'part-size-probe.bin',
    size_bytes: bytes,
    mime: 'application/octet-stream',
    sha256,
  });
  await reel.sdk.uploads.abort(probe.upload_id);
  return probe.part_size_bytes;
}

/**
 * `upload_vs_bare_put`: create → parts → complete through Reel against the same bytes PUT in
 * the same part size and concurrency over HTTP to a bare Fastify that writes them to one file
 * at their offsets: what any HTTP upload costs, so the ratio is Reel's own overhead.
 */
export async function benchUploadAgainstBarePut(
  reel: RunningReel,
  file: string,
  bytes: number,
  rounds: number,
) {
  const sha256 = await sha256File(file);
  const partSize = await reelPartSize(reel, bytes, sha256);
  const dir = join(reel.dataDir, 'bench-bare-put');
  await mkdir(dir, { recursive: true });
  const target = join(dir, 'data.bin');
  const bare = await startBareProcess('bare-put-server.ts', [String(partSize), target]);
  try {
    const pairs = await interleave(
      rounds,
      async (round) => {
        progress(`upload round ${round}/${rounds}: bare Fastify PUTs`);
        const sec = await putPartsBare(file, partSize, (n) => `${bare.url}/parts/${n}`);
        await rm(target, { force: true });
        return sec;
      },
      async (round) => {
        progress(`upload round ${round}/${rounds}: through the upload routes`);
        const upload = await uploadThroughReel(reel.sdk, file, sha256, {
          mime: 'application/octet-stream',
        });
        await reel.sdk.videos.delete(upload.videoId).catch(() => {});
        return (upload.completedMs - upload.startMs) / 1000;
      },
    );
    return {
      ratio: round3(median(pairs.map((p) => p.baseline / p.subject))),
      rounds: pairs.map((p) => round3(p.baseline / p.subject)),
      figures: {
        upload_part_size_mib: round3(partSize / MiB),
        upload_bare_put_mib_per_s: round3(median(pairs.map((p) => bytes / MiB / p.baseline))),
        upload_vs_bare_put_reel_mib_per_s: round3(
          median(pairs.map((p) => bytes / MiB / p.subject)),
        ),
      },
    };
  } finally {
    await bare.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
