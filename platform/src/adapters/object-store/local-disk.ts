import { createHash } from 'node:crypto';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { mkdir, open, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { setTimeout as delay } from 'node:timers/promises';
import { check, lock } from 'proper-lockfile';
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
import { type RunningHash, RunningHashes } from './running-sha256.js';

/** A stored part: an empty marker `{n}.{md5}.{size}` for bytes already in place in the data file. */
const PART_FILE = /^(\d+)\.([0-9a-f]{32})\.(\d+)$/;
const DATA_FILE = 'data';
const HASH_CHUNK_BYTES = 1024 * 1024;
/** A writer that stops refreshing its part lock for this long has died; another may take it. */
const PART_LOCK_STALE_MS = 10_000;
const PART_LOCK_MAX_WAIT_STEP_MS = 500;

/** A part write's lock, `{n}.lock` beside the markers. */
const PART_LOCK = /^(\d+)\.lock$/;
/** Held by `completeMultipart` while it reads the data file: part writes refuse meanwhile. */
const COMPLETING = 'completing';

/**
 * Takes the lock on `name` in `dir`, waiting while another holder, in this process or another,
 * has it, until `gaveUp`. `onLost` hears when the lock is lost (the folder removed by an abort,
 * or this process too stalled to refresh it).
 */
async function takeLock(
  dir: string,
  name: string,
  onLost: (error: Error) => void,
  gaveUp: () => boolean = () => false,
) {
  for (let wait = 10; ; wait = Math.min(wait * 2, PART_LOCK_MAX_WAIT_STEP_MS)) {
    try {
      return await lock(join(dir, name), {
        realpath: false,
        stale: PART_LOCK_STALE_MS,
        onCompromised: onLost,
      });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ELOCKED' || gaveUp()) throw error;
    }
    await delay(wait);
  }
}

/** Part `n`'s lock; losing it fails `body`, so the write stops and is not stored. */
const lockPart = (dir: string, partNumber: number, body: Readable) =>
  takeLock(
    dir,
    String(partNumber),
    (error) => body.destroy(error),
    () => body.destroyed,
  );

/** Waits for every part write in flight in `dir` to finish or fail. */
async function waitForPartWrites(dir: string): Promise<void> {
  for (const name of await readdir(dir)) {
    const partNumber = PART_LOCK.exec(name)?.[1];
    if (partNumber === undefined) continue;
    const release = await takeLock(dir, partNumber, () => undefined);
    await release();
  }
}

/** The whole data file's size and SHA-256, read once: when no running hash covers it. */
async function hashFile(data: string): Promise<{ size: number; sha256: string }> {
  const sha = createHash('sha256');
  let size = 0;
  for await (const chunk of createReadStream(data, { highWaterMark: HASH_CHUNK_BYTES })) {
    const bytes = chunk as Buffer;
    sha.update(bytes);
    size += bytes.length;
  }
  return { size, sha256: sha.digest('hex') };
}

/** Why a part write stopped, as the client should hear it. */
function partWriteError(error: unknown): unknown {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'ENOENT':
      return new ReelError(409, 'upload_not_pending', 'This upload no longer takes parts');
    // The client left: mid-body, or while it waited for another write of the part.
    case 'ECONNRESET':
    case 'ELOCKED':
      return new ReelError(400, 'part_incomplete', 'The connection closed before the whole part');
    case 'ECOMPROMISED':
      return new ReelError(409, 'part_interrupted', 'This part write was cut short; send it again');
    default:
      return error;
  }
}

/**
 * Objects as files under one folder. Part URLs point at Reel's own part route, signed with
 * an HMAC, so the embedded mode needs nothing but a disk.
 */
export class LocalDiskStore implements ObjectStore, PartReceiver {
  readonly name = 'local-disk';
  /** Each upload's SHA-256 taken as its parts arrive, so complete need not read it again. */
  private readonly runningHashes = new RunningHashes();

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
   * no second copy. Parallel parts write disjoint regions; two writes of one part take turns
   * under its lock, so the region and its marker are one whole write: the last to finish.
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
    let release: (() => Promise<void>) | undefined;
    try {
      release = await lockPart(dir, partNumber, body);
      if (await check(join(dir, COMPLETING), { realpath: false, stale: PART_LOCK_STALE_MS })) {
        throw new ReelError(
          409,
          'upload_completing',
          'This upload is being completed and takes no more parts',
        );
      }
      const run = this.runningHashes.of(multipartId, join(dir, DATA_FILE));
      run.writing(partNumber);
      // Its region is about to change, so an earlier copy of this part is no longer stored.
      await this.unstore(dir, partNumber);
      const data = await open(join(dir, DATA_FILE), constants.O_WRONLY | constants.O_CREAT);
      await pipeline(body, counter, data.createWriteStream({ start: place.offset }));
      if (size !== place.bytes) {
        throw new ReelError(
          400,
          'part_size_mismatch',
          `Part ${partNumber} must be ${place.bytes} bytes, got ${size}`,
          { part_number: partNumber, expected_bytes: place.bytes, received_bytes: size },
        );
      }
      const etag = md5.digest('hex');
      await this.store(dir, partNumber, etag, size);
      run.stored(partNumber, { etag, offset: place.offset, bytes: size });
      return { partNumber, sizeBytes: size, etag };
    } catch (error) {
      throw partWriteError(error);
    } finally {
      await release?.().catch(() => undefined);
    }
  }

  /** The marker comes only once every byte is in place, so a part cut short is never listed. */
  private async store(dir: string, partNumber: number, etag: string, size: number) {
    await this.unstore(dir, partNumber);
    await writeFile(join(dir, `${partNumber}.${etag}.${size}`), '');
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

  /**
   * One read to hash the data file, then it becomes the object: a rename, not a copy. Part
   * writes already under way finish first, and later ones refuse, so the bytes hashed are the
   * bytes kept: a write still running would otherwise go on into the renamed file.
   */
  async completeMultipart(
    key: string,
    multipartId: string,
    parts: readonly StoredPartInfo[],
  ): Promise<{ size: number; sha256: string }> {
    const dir = this.partsDir(multipartId);
    let lost: Error | undefined;
    const release = await takeLock(dir, COMPLETING, (error) => {
      lost = error;
    });
    try {
      await waitForPartWrites(dir);
      const run = this.runningHashes.take(multipartId);
      return await this.joinParts(key, dir, parts, () => lost, run);
    } finally {
      await release().catch(() => undefined);
    }
  }

  private async joinParts(
    key: string,
    dir: string,
    parts: readonly StoredPartInfo[],
    lostLock: () => Error | undefined,
    run: RunningHash | undefined,
  ): Promise<{ size: number; sha256: string }> {
    const names = new Set(await readdir(dir));
    for (const part of parts) {
      if (!names.has(`${part.partNumber}.${part.etag}.${part.sizeBytes}`)) {
        throw new Error(`Part ${part.partNumber} is not stored`);
      }
    }
    const data = join(dir, DATA_FILE);
    const whole = (await run?.finish(parts)) ?? (await hashFile(data));
    const lost = lostLock();
    if (lost) throw lost;
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    await rename(data, target);
    await rm(dir, { recursive: true, force: true });
    return whole;
  }

  async abortMultipart(_key: string, multipartId: string): Promise<void> {
    this.runningHashes.take(multipartId);
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
