/** What the uploader reports as bytes move. */
export interface UploadProgress {
  /** Bytes stored on the server so far (parts found there on resume count too). */
  bytesUploaded: number;
  bytesTotal: number;
  /** 0 to 1. */
  fraction: number;
  /** Bytes per second over the last few seconds; 0 until there is a sample. */
  bytesPerSecond: number;
  /** Seconds left at that speed; null while unknown. */
  secondsLeft: number | null;
}

/**
 * Speed over a sliding window (default 5 s) of samples, so one burst or stall does not swing the
 * estimate. Bytes skipped because they were already on the server are not counted as speed.
 */
export class ProgressMeter {
  readonly #samples: Array<{ at: number; bytes: number }> = [];
  readonly #windowMs: number;
  #last = 0;

  constructor(
    readonly bytesTotal: number,
    { windowMs = 5000 }: { windowMs?: number } = {},
  ) {
    this.#windowMs = windowMs;
  }

  /** Records `bytesUploaded` at time `now` (ms) and returns the progress to report. */
  update(bytesUploaded: number, now: number): UploadProgress {
    this.#last = Math.min(Math.max(bytesUploaded, 0), this.bytesTotal);
    this.#samples.push({ at: now, bytes: this.#last });
    while (this.#samples.length > 2 && (this.#samples[1]?.at ?? now) <= now - this.#windowMs) {
      this.#samples.shift();
    }
    return this.read(now);
  }

  /** Jumps to `bytesUploaded` without counting it as speed (parts already stored, a resume). */
  skipTo(bytesUploaded: number, now: number): UploadProgress {
    this.#samples.length = 0;
    return this.update(bytesUploaded, now);
  }

  read(now: number): UploadProgress {
    const first = this.#samples[0];
    const elapsed = first ? (now - first.at) / 1000 : 0;
    const moved = first ? this.#last - first.bytes : 0;
    const bytesPerSecond = elapsed > 0.2 && moved > 0 ? moved / elapsed : 0;
    const remaining = this.bytesTotal - this.#last;
    return {
      bytesUploaded: this.#last,
      bytesTotal: this.bytesTotal,
      fraction: this.bytesTotal > 0 ? this.#last / this.bytesTotal : 1,
      bytesPerSecond,
      secondsLeft: remaining === 0 ? 0 : bytesPerSecond > 0 ? remaining / bytesPerSecond : null,
    };
  }
}

/** `1.5 MB`, `312 KB`: decimal units, as file managers and network tools show them. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '–';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** `42 s`, `3 min 5 s`, `1 h 2 min`; `–` when unknown. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null || !Number.isFinite(seconds) || seconds < 0) return '–';
  const total = Math.ceil(seconds);
  if (total < 60) return `${total} s`;
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const rest = total % 60;
  return hours > 0 ? `${hours} h ${minutes} min` : `${minutes} min ${rest} s`;
}
