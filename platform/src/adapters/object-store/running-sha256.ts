import { createHash, type Hash } from 'node:crypto';
import { open } from 'node:fs/promises';

/** Uploads hashed as they arrive at most; past this the oldest is dropped (complete reads it all). */
const MAX_RUNNING = 1000;
const READ_CHUNK_BYTES = 1024 * 1024;

interface StoredRegion {
  etag: string;
  offset: number;
  bytes: number;
}

/**
 * The SHA-256 of one upload's data file, taken part by part, in order, as the parts are stored,
 * so `complete` need not read the whole file again. A part stored out of order waits until the
 * ones before it are in; one rewritten after it was hashed (or while it is read) breaks the run,
 * and `complete` then reads the file as before. `complete` trusts the run only if it hashed
 * exactly the parts it is given, by number and ETag.
 */
export class RunningHash {
  private readonly hash: Hash = createHash('sha256');
  private next = 1;
  private reading = 0;
  private broken = false;
  private size = 0;
  private readonly hashed = new Map<number, string>();
  private readonly waiting = new Map<number, StoredRegion>();
  private chain: Promise<void> = Promise.resolve();

  constructor(private readonly dataFile: string) {}

  /** A write of part `n` begins: bytes already hashed or being read are about to change. */
  writing(partNumber: number) {
    if (partNumber < this.next || partNumber === this.reading) this.broken = true;
    this.waiting.delete(partNumber);
  }

  stored(partNumber: number, region: StoredRegion) {
    if (this.broken) return;
    this.waiting.set(partNumber, region);
    this.chain = this.chain.then(() => this.catchUp());
  }

  private async catchUp() {
    for (let part = this.waiting.get(this.next); part && !this.broken; ) {
      this.reading = this.next;
      this.waiting.delete(this.next);
      await this.feed(part);
      this.hashed.set(this.next, part.etag);
      this.reading = 0;
      this.next += 1;
      part = this.waiting.get(this.next);
    }
  }

  private async feed(part: StoredRegion) {
    const file = await open(this.dataFile, 'r');
    try {
      const buffer = Buffer.allocUnsafe(Math.min(READ_CHUNK_BYTES, part.bytes));
      for (let done = 0; done < part.bytes; ) {
        const want = Math.min(buffer.length, part.bytes - done);
        const { bytesRead } = await file.read(buffer, 0, want, part.offset + done);
        if (bytesRead === 0) throw new Error('The data file ended inside a stored part');
        this.hash.update(buffer.subarray(0, bytesRead));
        done += bytesRead;
      }
      this.size += part.bytes;
    } finally {
      await file.close();
    }
  }

  /** The whole file's hash if exactly these parts, in order, were hashed; else undefined. */
  async finish(parts: readonly { partNumber: number; etag: string }[]) {
    await this.chain.catch(() => {
      this.broken = true;
    });
    const inOrder = [...parts].sort((a, b) => a.partNumber - b.partNumber);
    const same =
      !this.broken &&
      this.hashed.size === inOrder.length &&
      inOrder.every((p, i) => p.partNumber === i + 1 && this.hashed.get(p.partNumber) === p.etag);
    return same ? { size: this.size, sha256: this.hash.digest('hex') } : undefined;
  }
}

/** The running hashes of the uploads this process receives parts for, by multipart id. */
export class RunningHashes {
  private readonly runs = new Map<string, RunningHash>();

  of(multipartId: string, dataFile: string): RunningHash {
    let run = this.runs.get(multipartId);
    if (!run) {
      if (this.runs.size >= MAX_RUNNING) this.runs.delete(this.runs.keys().next().value ?? '');
      run = new RunningHash(dataFile);
      this.runs.set(multipartId, run);
    }
    return run;
  }

  /** Takes the upload's run out (complete or abort): it is used once, or not at all. */
  take(multipartId: string): RunningHash | undefined {
    const run = this.runs.get(multipartId);
    this.runs.delete(multipartId);
    return run;
  }
}
