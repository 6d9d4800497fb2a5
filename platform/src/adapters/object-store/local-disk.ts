import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ReelError } from '../../domain/errors.js';
import { signUrl } from '../../domain/url-signature.js';
import type {
  ByteRange,
  ObjectInfo,
  ObjectStore,
  PartReceiver,
  StoredPartInfo,
} from '../../ports/object-store.js';

const PART_FILE = /^(\d+)\.([0-9a-f]{32})$/;

/**
 * Objects as files under one folder. Part URLs point at Reel's own part route, signed with
 * an HMAC, so the embedded mode needs nothing but a disk.
 */
export class LocalDiskStore implements ObjectStore, PartReceiver {
  readonly name = 'local-disk';

  constructor(
    private readonly root: string,
    private readonly publicUrl: string,
    private readonly signingSecret: string,
  ) {}

  private path(key: string): string {
    const full = normalize(join(this.root, key));
    if (!full.startsWith(this.root + sep)) throw new Error(`Object key escapes the store: ${key}`);
    return full;
  }

  private partsDir(multipartId: string): string {
    return this.path(`.multipart/${multipartId}`);
  }

  async createMultipart(_key: string, uploadId: string): Promise<string> {
    await mkdir(this.partsDir(uploadId), { recursive: true });
    return uploadId;
  }

  signPartUrl(uploadId: string, _multipartId: string, partNumber: number, expiresAt: Date): string {
    const path = `/v1/uploads/${uploadId}/parts/${partNumber}`;
    const expires = Math.floor(expiresAt.getTime() / 1000);
    const signature = signUrl(this.signingSecret, 'PUT', path, expires);
    return `${this.publicUrl}${path}?expires=${expires}&signature=${signature}`;
  }

  async receivePart(
    multipartId: string,
    partNumber: number,
    body: Readable,
    expectedBytes: number,
  ): Promise<StoredPartInfo> {
    const dir = this.partsDir(multipartId);
    const md5 = createHash('md5');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > expectedBytes) {
          done(
            new ReelError(
              413,
              'part_too_large',
              `Part ${partNumber} must be ${expectedBytes} bytes`,
            ),
          );
          return;
        }
        md5.update(chunk);
        done(null, chunk);
      },
    });
    const temp = join(dir, `.${partNumber}.${process.pid}.${Date.now()}.tmp`);
    try {
      await pipeline(body, counter, createWriteStream(temp));
      if (size !== expectedBytes) {
        throw new ReelError(
          400,
          'part_size_mismatch',
          `Part ${partNumber} must be ${expectedBytes} bytes, got ${size}`,
          {
            part_number: partNumber,
            expected_bytes: expectedBytes,
            received_bytes: size,
          },
        );
      }
      const etag = md5.digest('hex');
      // The ETag is in the name so listing parts needs no reads; a resend replaces the part.
      for (const old of await readdir(dir)) {
        if (old.startsWith(`${partNumber}.`)) await rm(join(dir, old), { force: true });
      }
      await rename(temp, join(dir, `${partNumber}.${etag}`));
      return { partNumber, sizeBytes: size, etag };
    } catch (error) {
      await rm(temp, { force: true });
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ReelError(409, 'upload_not_pending', 'This upload no longer takes parts');
      }
      throw error;
    }
  }

  async listParts(_key: string, multipartId: string): Promise<StoredPartInfo[]> {
    const dir = this.partsDir(multipartId);
    let names: string[];
    try {
      names = await readdir(dir);
    } catch {
      return [];
    }
    const parts: StoredPartInfo[] = [];
    for (const name of names) {
      const match = PART_FILE.exec(name);
      if (!match) continue;
      const info = await stat(join(dir, name));
      parts.push({ partNumber: Number(match[1]), sizeBytes: info.size, etag: match[2] ?? '' });
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  async completeMultipart(
    key: string,
    multipartId: string,
    parts: readonly StoredPartInfo[],
  ): Promise<{ size: number; sha256: string }> {
    const dir = this.partsDir(multipartId);
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.assembling`;
    const sha = createHash('sha256');
    let size = 0;
    const out = createWriteStream(temp);
    try {
      for (const part of [...parts].sort((a, b) => a.partNumber - b.partNumber)) {
        const hashing = new Transform({
          transform(chunk: Buffer, _enc, done) {
            sha.update(chunk);
            size += chunk.length;
            done(null, chunk);
          },
        });
        await pipeline(
          createReadStream(join(dir, `${part.partNumber}.${part.etag}`)),
          hashing,
          out,
          {
            end: false,
          },
        );
      }
      await new Promise<void>((resolve, reject) =>
        out.end((err?: Error | null) => (err ? reject(err) : resolve())),
      );
      await rename(temp, target);
    } catch (error) {
      out.destroy();
      await rm(temp, { force: true });
      throw error;
    }
    await rm(dir, { recursive: true, force: true });
    return { size, sha256: sha.digest('hex') };
  }

  async abortMultipart(_key: string, multipartId: string): Promise<void> {
    await rm(this.partsDir(multipartId), { recursive: true, force: true });
  }

  async head(key: string): Promise<ObjectInfo | null> {
    try {
      const info = await stat(this.path(key));
      if (!info.isFile()) return null;
      return {
        size: info.size,
        etag: `${info.size.toString(16)}-${Math.floor(info.mtimeMs).toString(16)}`,
        lastModified: info.mtime,
      };
    } catch {
      return null;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable> {
    return createReadStream(this.path(key), range ? { start: range.start, end: range.end } : {});
  }

  readText(key: string): Promise<string> {
    return readFile(this.path(key), 'utf8');
  }

  async putFile(key: string, filePath: string): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    await pipeline(createReadStream(filePath), createWriteStream(`${target}.writing`));
    await rename(`${target}.writing`, target);
  }

  async putText(key: string, text: string): Promise<void> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(`${target}.writing`, text);
    await rename(`${target}.writing`, target);
  }

  async localCopy(key: string): Promise<string> {
    return this.path(key);
  }

  async deletePrefix(prefix: string): Promise<void> {
    await rm(this.path(prefix), { recursive: true, force: true });
  }
}
