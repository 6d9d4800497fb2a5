import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { progress } from './progress.js';
import type { RunningReel } from './reel-process.js';
import { interleave, median, round3 } from './stats.js';
import { reelPartSize } from './upload.js';
import { putParts, sha256File, uploadThroughReel } from './upload-client.js';

const MiB = 1024 * 1024;

function s3Of(services: Record<string, string>): { client: S3Client; bucket: string } {
  const { S3_ENDPOINT, S3_BUCKET, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY } = services;
  if (!S3_ENDPOINT || !S3_BUCKET || !S3_ACCESS_KEY_ID || !S3_SECRET_ACCESS_KEY) {
    throw new Error('upload_vs_minio needs S3_* in .reel/services.env');
  }
  const client = new S3Client({
    endpoint: S3_ENDPOINT,
    region: S3_REGION ?? 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: S3_ACCESS_KEY_ID, secretAccessKey: S3_SECRET_ACCESS_KEY },
  });
  return { client, bucket: S3_BUCKET };
}

/** The baseline: one multipart upload straight to the bucket with the AWS SDK, then deleted. */
async function uploadStraight(s3: ReturnType<typeof s3Of>, file: string, partSize: number) {
  const Key = `bench/straight-${Date.now()}.bin`;
  const { client, bucket: Bucket } = s3;
  const startMs = performance.now();
  const { UploadId } = await client.send(new CreateMultipartUploadCommand({ Bucket, Key }));
  const etags: { PartNumber: number; ETag: string }[] = [];
  await putParts(file, partSize, async (PartNumber, Body) => {
    const { ETag } = await client.send(
      new UploadPartCommand({ Bucket, Key, UploadId, PartNumber, Body }),
    );
    etags.push({ PartNumber, ETag: ETag ?? '' });
  });
  etags.sort((a, b) => a.PartNumber - b.PartNumber);
  await client.send(
    new CompleteMultipartUploadCommand({
      Bucket,
      Key,
      UploadId,
      MultipartUpload: { Parts: etags },
    }),
  );
  const sec = (performance.now() - startMs) / 1000;
  await client.send(new DeleteObjectCommand({ Bucket, Key }));
  return sec;
}

/**
 * `upload_vs_minio`: create → parts → complete through Reel on S3 (parts go to presigned MinIO
 * URLs) against the same parts in the same lanes sent straight to MinIO with the AWS SDK.
 */
export async function benchUploadAgainstMinio(
  reel: RunningReel,
  services: Record<string, string>,
  file: string,
  bytes: number,
  rounds: number,
): Promise<Record<string, number>> {
  const s3 = s3Of(services);
  const sha256 = await sha256File(file);
  const partSize = await reelPartSize(reel, bytes, sha256);
  try {
    const pairs = await interleave(
      rounds,
      async (round) => {
        progress(`upload round ${round}/${rounds}: straight to MinIO`);
        return uploadStraight(s3, file, partSize);
      },
      async (round) => {
        progress(`upload round ${round}/${rounds}: through Reel on MinIO`);
        const upload = await uploadThroughReel(reel.sdk, file, sha256, {
          mime: 'application/octet-stream',
        });
        await reel.sdk.videos.delete(upload.videoId).catch(() => {});
        return {
          sec: (upload.completedMs - upload.startMs) / 1000,
          completeSec: (upload.completedMs - upload.completeStartMs) / 1000,
        };
      },
    );
    return {
      upload_vs_minio: round3(median(pairs.map((p) => p.baseline / p.subject.sec))),
      upload_minio_mib_per_s: round3(median(pairs.map((p) => bytes / MiB / p.baseline))),
      upload_reel_on_minio_mib_per_s: round3(median(pairs.map((p) => bytes / MiB / p.subject.sec))),
      upload_reel_on_minio_complete_sec: round3(median(pairs.map((p) => p.subject.completeSec))),
    };
  } finally {
    s3.client.destroy();
  }
}
