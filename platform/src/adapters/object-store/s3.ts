import { createHash, createHmac } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateBucketCommand,
  CreateMultipartUploadCommand,
  DeleteObjectsCommand,
  GetObjectCommand,
  HeadBucketCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  ListPartsCommand,
  PutBucketCorsCommand,
  PutBucketLifecycleConfigurationCommand,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { create as contentDisposition } from 'content-disposition';
import type { S3Settings } from '../../config.js';
import { mediaKeys } from '../../domain/media-keys.js';
import type {
  ByteRange,
  DirectDownloads,
  ObjectInfo,
  ObjectStore,
  StoredPartInfo,
} from '../../ports/object-store.js';

/** S3 refuses presigned URLs that live longer than a week. */
const MAX_PRESIGN_SEC = 7 * 24 * 3600;

const CONTENT_TYPES: Record<string, string> = {
  m3u8: 'application/vnd.apple.mpegurl',
  m4s: 'video/iso.segment',
  mp4: 'video/mp4',
  jpg: 'image/jpeg',
  vtt: 'text/vtt',
};

const contentType = (key: string) =>
  CONTENT_TYPES[key.split('.').pop() ?? ''] ?? 'application/octet-stream';

/** RFC 3986 encoding as SigV4 wants it; `/` kept in paths. */
function uriEncode(value: string, keepSlash = false): string {
  const encoded = encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return keepSlash ? encoded.replaceAll('%2F', '/') : encoded;
}

const hmac = (key: string | Buffer, data: string) =>
  createHmac('sha256', key).update(data).digest();

const isMissing = (error: unknown) => {
  const e = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return (
    e?.name === 'NotFound' ||
    e?.name === 'NoSuchKey' ||
    e?.name === 'NoSuchUpload' ||
    e?.$metadata?.httpStatusCode === 404
  );
};

export interface S3StoreOptions extends S3Settings {
  /** Days after which S3 aborts a multipart upload nobody completed (a lifecycle rule). */
  abandonedUploadDays: number;
  /** When set, public videos' media URLs point here (`<cdn>/<key>`), not at presigned URLs. */
  cdnBaseUrl?: string;
}

/**
 * Objects on the S3 API (AWS, MinIO). Part URLs are presigned UploadPart URLs on the bucket
 * itself, so upload bytes never pass through Reel. URLs are signed here with SigV4 (query
 * signing), synchronously, since the port hands out part URLs without waiting.
 */
export class S3Store implements ObjectStore, DirectDownloads {
  readonly name = 's3';
  private readonly client: S3Client;
  private readonly bucket: string;
  private readonly accessKeyId: string;
  private readonly secretAccessKey: string;

  constructor(private readonly options: S3StoreOptions) {
    if (!options.accessKeyId || !options.secretAccessKey) {
      throw new Error(
        'S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY are required: Reel signs part URLs itself',
      );
    }
    this.bucket = options.bucket;
    this.accessKeyId = options.accessKeyId;
    this.secretAccessKey = options.secretAccessKey;
    this.client = new S3Client({
      region: options.region,
      ...(options.endpoint && { endpoint: options.endpoint, forcePathStyle: true }),
      credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    });
  }

  /**
   * Makes the bucket ready: created if missing, a lifecycle rule that aborts abandoned
   * multipart uploads, and CORS so browsers can PUT parts (reading the ETag) and players can
   * follow segment redirects. Returns what could not be set, for the startup log.
   */
  async prepareBucket(): Promise<string[]> {
    const problems: string[] = [];
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.bucket }));
    } catch (error) {
      if (!isMissing(error)) throw error;
      await this.client.send(new CreateBucketCommand({ Bucket: this.bucket }));
    }
    try {
      await this.client.send(
        new PutBucketLifecycleConfigurationCommand({
          Bucket: this.bucket,
          LifecycleConfiguration: {
            Rules: [
              {
                ID: 'reel-abort-abandoned-uploads',
                Status: 'Enabled',
                Filter: { Prefix: 'raw-uploads/' },
                AbortIncompleteMultipartUpload: {
                  DaysAfterInitiation: this.options.abandonedUploadDays,
                },
              },
            ],
          },
        }),
      );
    } catch (error) {
      problems.push(`lifecycle rule: ${(error as Error).message}`);
    }
    try {
      await this.client.send(
        new PutBucketCorsCommand({
          Bucket: this.bucket,
          CORSConfiguration: {
            CORSRules: [
              {
                AllowedOrigins: ['*'],
                AllowedMethods: ['GET', 'HEAD', 'PUT'],
                AllowedHeaders: ['*'],
                ExposeHeaders: ['ETag', 'Content-Length', 'Content-Range', 'Accept-Ranges'],
                MaxAgeSeconds: 600,
              },
            ],
          },
        }),
      );
    } catch (error) {
      // MinIO has no per-bucket CORS API; it answers CORS for every origin by default.
      problems.push(`CORS: ${(error as Error).message}`);
    }
    return problems;
  }

  private checkKey(key: string): string {
    const segments = key.split('/');
    if (key.startsWith('/') || segments.some((s) => s === '' || s === '.' || s === '..')) {
      throw new Error(`Object key escapes the store: ${key}`);
    }
    return key;
  }

  /** A SigV4 query-signed URL for `method` on `key` (path style on a custom endpoint). */
  private presign(
    method: 'GET' | 'PUT',
    key: string,
    expiresInSec: number,
    extra: Record<string, string> = {},
  ): string {
    const { region, endpoint } = this.options;
    const base = endpoint
      ? new URL(`${endpoint.replace(/\/$/, '')}/${this.bucket}/${uriEncode(key, true)}`)
      : new URL(`https://${this.bucket}.s3.${region}.amazonaws.com/${uriEncode(key, true)}`);
    const amzDate = new Date().toISOString().replace(/[:-]|\.\d{3}/g, '');
    const day = amzDate.slice(0, 8);
    const scope = `${day}/${region}/s3/aws4_request`;
    const params: Record<string, string> = {
      'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
      'X-Amz-Credential': `${this.accessKeyId}/${scope}`,
      'X-Amz-Date': amzDate,
      'X-Amz-Expires': String(Math.max(1, Math.min(MAX_PRESIGN_SEC, Math.floor(expiresInSec)))),
      'X-Amz-SignedHeaders': 'host',
      ...extra,
    };
    const query = Object.keys(params)
      .sort()
      .map((k) => `${uriEncode(k)}=${uriEncode(params[k] ?? '')}`)
      .join('&');
    const canonical = [
      method,
      base.pathname,
      query,
      `host:${base.host}\n`,
      'host',
      'UNSIGNED-PAYLOAD',
    ].join('\n');
    const toSign = [
      'AWS4-HMAC-SHA256',
      amzDate,
      scope,
      createHash('sha256').update(canonical).digest('hex'),
    ].join('\n');
    const key4 = hmac(
      hmac(hmac(hmac(`AWS4${this.secretAccessKey}`, day), region), 's3'),
      'aws4_request',
    );
    const signature = createHmac('sha256', key4).update(toSign).digest('hex');
    return `${base.origin}${base.pathname}?${query}&X-Amz-Signature=${signature}`;
  }

  async createMultipart(key: string): Promise<string> {
    const created = await this.client.send(
      new CreateMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.checkKey(key),
      }),
    );
    if (!created.UploadId) throw new Error('S3 returned no UploadId');
    return created.UploadId;
  }

  signPartUrl(uploadId: string, multipartId: string, partNumber: number, expiresAt: Date): string {
    // The port names the upload, not its key: the original's key follows from the upload id.
    return this.presign(
      'PUT',
      mediaKeys.original(uploadId),
      (expiresAt.getTime() - Date.now()) / 1000,
      { partNumber: String(partNumber), uploadId: multipartId },
    );
  }

  async listParts(key: string, multipartId: string): Promise<StoredPartInfo[]> {
    const parts: StoredPartInfo[] = [];
    let marker: string | undefined;
    try {
      do {
        const page = await this.client.send(
          new ListPartsCommand({
            Bucket: this.bucket,
            Key: this.checkKey(key),
            UploadId: multipartId,
            PartNumberMarker: marker,
          }),
        );
        for (const p of page.Parts ?? []) {
          parts.push({
            partNumber: p.PartNumber ?? 0,
            sizeBytes: p.Size ?? 0,
            etag: (p.ETag ?? '').replaceAll('"', ''),
          });
        }
        marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
      } while (marker);
    } catch (error) {
      // An aborted or completed upload has no parts left.
      if (isMissing(error)) return [];
      throw error;
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async completeMultipart(
    key: string,
    multipartId: string,
    parts: readonly StoredPartInfo[],
  ): Promise<{ size: number; sha256: string }> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.bucket,
        Key: this.checkKey(key),
        UploadId: multipartId,
        MultipartUpload: {
          Parts: [...parts]
            .sort((a, b) => a.partNumber - b.partNumber)
            .map((p) => ({ PartNumber: p.partNumber, ETag: `"${p.etag}"` })),
        },
      }),
    );
    // S3 keeps no SHA-256 of a multipart object: read it back once to check the client's.
    const sha = createHash('sha256');
    let size = 0;
    for await (const chunk of await this.read(key)) {
      sha.update(chunk as Buffer);
      size += (chunk as Buffer).length;
    }
    return { size, sha256: sha.digest('hex') };
  }

  async abortMultipart(key: string, multipartId: string): Promise<void> {
    try {
      await this.client.send(
        new AbortMultipartUploadCommand({
          Bucket: this.bucket,
          Key: this.checkKey(key),
          UploadId: multipartId,
        }),
      );
    } catch (error) {
      if (!isMissing(error)) throw error;
    }
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const head = await this.client.send(
        new HeadObjectCommand({ Bucket: this.bucket, Key: this.checkKey(key) }),
      );
      return {
        size: head.ContentLength ?? 0,
        etag: (head.ETag ?? '').replaceAll('"', ''),
        lastModified: head.LastModified ?? new Date(0),
      };
    } catch (error) {
      if (isMissing(error)) return null;
      throw error;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    const got = await this.client.send(
      new GetObjectCommand({
        Bucket: this.bucket,
        Key: this.checkKey(key),
        ...(range && { Range: `bytes=${range.start}-${range.end}` }),
      }),
    );
    return got.Body as Readable;
  }

  async readText(key: string): Promise<string> {
    const got = await this.client.send(
      new GetObjectCommand({ Bucket: this.bucket, Key: this.checkKey(key) }),
    );
    return (await got.Body?.transformToString('utf8')) ?? '';
  }

  async putFile(key: string, filePath: string): Promise<void> {
    const { size } = await stat(filePath);
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.checkKey(key),
        Body: createReadStream(filePath),
        ContentLength: size,
        ContentType: contentType(key),
      }),
    );
  }

  async putText(key: string, text: string): Promise<void> {
    await this.client.send(
      new PutObjectCommand({
        Bucket: this.bucket,
        Key: this.checkKey(key),
        Body: text,
        ContentType: contentType(key),
      }),
    );
  }

  async localCopy(key: string, scratchDir: string): Promise<string> {
    await mkdir(scratchDir, { recursive: true });
    const target = join(scratchDir, `download-${basename(key)}`);
    await pipeline(await this.read(key), createWriteStream(target));
    return target;
  }

  async deletePrefix(prefix: string): Promise<void> {
    // A folder's worth: `transcoded/<id>/…`, never a sibling that merely starts the same.
    const folder = `${this.checkKey(prefix).replace(/\/$/, '')}/`;
    let token: string | undefined;
    do {
      const page = await this.client.send(
        new ListObjectsV2Command({ Bucket: this.bucket, Prefix: folder, ContinuationToken: token }),
      );
      const keys = (page.Contents ?? []).flatMap((o) => (o.Key ? [{ Key: o.Key }] : []));
      if (keys.length > 0) {
        await this.client.send(
          new DeleteObjectsCommand({
            Bucket: this.bucket,
            Delete: { Objects: keys, Quiet: true },
          }),
        );
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  downloadUrl(
    key: string,
    expiresInSec: number,
    options: { shareable: boolean; saveAs?: string },
  ): string {
    const cdn = this.options.cdnBaseUrl;
    // A CDN URL never expires: a signed video's media there would outlive every token.
    if (cdn && options.shareable && !options.saveAs)
      return `${cdn}/${uriEncode(this.checkKey(key), true)}`;
    // S3 answers the signed response-* parameters as headers.
    const saveAs: Record<string, string> = options.saveAs
      ? { 'response-content-disposition': contentDisposition(options.saveAs) }
      : {};
    return this.presign('GET', this.checkKey(key), expiresInSec, saveAs);
  }

  async close(): Promise<void> {
    this.client.destroy();
  }
}
