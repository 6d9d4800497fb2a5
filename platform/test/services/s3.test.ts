import { createHash, randomBytes } from 'node:crypto';
import {
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, describe, expect, it } from 'vitest';
import { loadServicesEnv, uniqueName } from './services-env.js';

const MiB = 1024 * 1024;

describe('S3 (MinIO) from scripts/services', () => {
  const env = loadServicesEnv();
  const bucket = env.s3.bucket;
  const prefix = uniqueName('reel-test');
  const s3 = new S3Client({
    endpoint: env.s3.endpoint,
    region: env.s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: env.s3.accessKeyId, secretAccessKey: env.s3.secretAccessKey },
  });
  const written: string[] = [];

  afterAll(async () => {
    for (const key of written) await s3.send(new DeleteObjectCommand({ Bucket: bucket, Key: key }));
    s3.destroy();
  });

  it('has the bucket that up created', async () => {
    const head = await s3.send(new HeadBucketCommand({ Bucket: bucket }));
    expect(head.$metadata.httpStatusCode).toBe(200);
  });

  it('puts an object and gets the same bytes back', async () => {
    const key = `${prefix}/manifest.m3u8`;
    const body = '#EXTM3U\n#EXT-X-VERSION:7\n';
    await s3.send(
      new PutObjectCommand({
        Bucket: bucket,
        Key: key,
        Body: body,
        ContentType: 'application/vnd.apple.mpegurl',
      }),
    );
    written.push(key);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    expect(got.ContentType).toBe('application/vnd.apple.mpegurl');
    expect(await got.Body?.transformToString()).toBe(body);
  });

  it('assembles a multipart upload of two 5 MiB parts', async () => {
    const key = `${prefix}/upload.bin`;
    const parts = [randomBytes(5 * MiB), randomBytes(5 * MiB)];
    const created = await s3.send(new CreateMultipartUploadCommand({ Bucket: bucket, Key: key }));
    const uploadId = created.UploadId;
    expect(uploadId).toBeTruthy();
    const etags: string[] = [];
    for (const [i, part] of parts.entries()) {
      const uploaded = await s3.send(
        new UploadPartCommand({
          Bucket: bucket,
          Key: key,
          UploadId: uploadId,
          PartNumber: i + 1,
          Body: part,
        }),
      );
      etags.push(uploaded.ETag ?? '');
    }
    await s3.send(
      new CompleteMultipartUploadCommand({
        Bucket: bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: etags.map((ETag, i) => ({ ETag, PartNumber: i + 1 })) },
      }),
    );
    written.push(key);

    const head = await s3.send(new HeadObjectCommand({ Bucket: bucket, Key: key }));
    expect(head.ContentLength).toBe(10 * MiB);
    // A multipart ETag is "<md5 of the part md5s>-<part count>".
    expect(head.ETag).toMatch(/-2"$/);
    const got = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
    const bytes = Buffer.from((await got.Body?.transformToByteArray()) ?? []);
    expect(sha256(bytes)).toBe(sha256(Buffer.concat(parts)));
  });

  it('serves a presigned GET to a plain fetch, and refuses the URL once tampered', async () => {
    const key = `${prefix}/thumbnail.jpg`;
    const body = randomBytes(1024);
    await s3.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    written.push(key);

    const url = await getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket, Key: key }), {
      expiresIn: 60,
    });
    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(Buffer.from(await response.arrayBuffer()).equals(body)).toBe(true);

    const tampered = new URL(url);
    tampered.pathname = `/${bucket}/${prefix}/other.jpg`;
    expect((await fetch(tampered)).status).toBe(403);
  });
});

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
