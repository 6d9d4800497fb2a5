import { createHash } from 'node:crypto';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { type Readable, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { ReelError } from '../../domain/errors.js';
import { signUrl } from '../../domain/url-signature.js';
import type {
  ByteRange,
  ObjectInfo,
  ObjectStore,
  PartPlacement,
  PartReceiver,
  StoredPartInfo,
} from '../../ports/object-store.js';

/** A stored part: an empty marker `{n}.{md5}.{size}` for bytes already in place in the data file. */
const PART_FILE = /^(\d+)\.([0-9a-f]{32})\.(\d+)$/;
const DATA_FILE = 'data';
const HASH_CHUNK_BYTES = 1024 * 1024;

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

  /**
   * Writes the part straight into the upload's one data file at its offset, so completing needs
   * no second copy. Parallel parts write disjoint regions.
   */
  async receivePart(
    multipartId: string,
    partNumber: number,
    body: Readable,
    place: PartPlacement,
  ): Promise<StoredPartInfo> {
    const dir = this.partsDir(multipartId);
    const md5 = createHash('md5');
    let size = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, done) {
        size += chunk.length;
        if (size > place.bytes) {
          done(
            new ReelError(413, 'part_too_large', `Part ${partNumber} must be ${place.bytes} bytes`),
          );
          return;
        }
        md5.update(chunk);
        done(null, chunk);
      },
    });
    try {
      // Its region is about to change, so an earlier copy of this part is no longer stored.
      await this.unstore(dir, partNumber);
      const data = await open(join(dir, DATA_FILE), constants.O_WRONLY | constants.O_CREAT);
      await pipeline(body, counter, data.createWriteStream({ start: place.offset }));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new ReelError(409, 'upload_not_pending', 'This upload no longer takes parts');
      }
      throw error;
    }
    if (size !== place.bytes) {
      throw new ReelError(
        400,
        'part_size_mismatch',
        `Part ${partNumber} must be ${place.bytes} bytes, got ${size}`,
        { part_number: partNumber, expected_bytes: place.bytes, received_bytes: size },
      );
    }
    const etag = md5.digest('hex');
    // The marker comes only once every byte is in place, so a part cut short is never listed.
    await this.unstore(dir, partNumber);
    await writeFile(join(dir, `${partNumber}.${etag}.${size}`), '');
    return { partNumber, sizeBytes: size, etag };
  }

  private async unstore(dir: string, partNumber: number): Promise<void> {
    for (const name of await readdir(dir)) {
      if (PART_FILE.exec(name)?.[1] === String(partNumber))
        await rm(join(dir, name), { force: true });
    }
  }

  async listParts(_key: string, multipartId: string): Promise<StoredPartInfo[]> {
    let names: string[];
    try {
      names = await readdir(this.partsDir(multipartId));
    } catch {
      return [];
    }
    const parts: StoredPartInfo[] = [];
    for (const name of names) {
      const match = PART_FILE.exec(name);
      if (match) {
        parts.push({
          partNumber: Number(match[1]),
          etag: match[2] ?? '',
          sizeBytes: Number(match[3]),
        });
      }
    }
    return parts.sort((a, b) => a.partNumber - b.partNumber);
  }

  /** One read to hash the data file, then it becomes the object: a rename, not a copy. */
  async completeMultipart(
    key: string,
    multipartId: string,
    parts: readonly StoredPartInfo[],
  ): Promise<{ size: number; sha256: string }> {
    const dir = this.partsDir(multipartId);
    const names = new Set(await readdir(dir));
    for (const part of parts) {
      if (!names.has(`${part.partNumber}.${part.etag}.${part.sizeBytes}`)) {
        throw new Error(`Part ${part.partNumber} is not stored`);
      }
    }
    const data = join(dir, DATA_FILE);
    const sha = createHash('sha256');
    let size = 0;
    for await (const chunk of createReadStream(data, { highWaterMark: HASH_CHUNK_BYTES })) {
      const bytes = chunk as Buffer;
      sha.update(bytes);
      size += bytes.length;
    }
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    await rename(data, target);
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
