/**
 * A video's perceptual fingerprint: a 64-bit DCT hash (pHash) of each frame sampled at
 * FINGERPRINT_FPS, shrunk to FRAME_SIDE² grey pixels. Re-encoding, resizing and colour changes
 * move few bits; a trim only shifts the sequence, which matching slides over.
 */
export const FINGERPRINT_FPS = 2;
export const FRAME_SIDE = 32;
const HASH_SIDE = 8;

/** A frame with next to no detail (black, one colour): its hash says nothing, it is not compared. */
export const FLAT_FRAME = 0n;
const FLAT_STD_DEV = 3;

/** Bits two hashes of one frame may differ by. */
const FRAME_DISTANCE = 12;
/** Compared frames an alignment needs (2 s), and the share of them that must be close. */
const MIN_FRAMES = 4;
const MIN_SHARE = 0.6;

const COSINES = Array.from({ length: HASH_SIDE }, (_, u) =>
  Array.from({ length: FRAME_SIDE }, (_, x) =>
    Math.cos(((2 * x + 1) * u * Math.PI) / (2 * FRAME_SIDE)),
  ),
);

function isFlat(grey: Uint8Array) {
  let sum = 0;
  let squares = 0;
  for (const p of grey) {
    sum += p;
    squares += p * p;
  }
  const mean = sum / grey.length;
  return Math.sqrt(squares / grey.length - mean * mean) < FLAT_STD_DEV;
}

/** The lowest 8×8 frequencies of the frame's 2-D DCT, row by row. */
function lowFrequencies(grey: Uint8Array): number[] {
  const rows = Array.from({ length: FRAME_SIDE }, (_, y) =>
    COSINES.map((cos) => {
      let sum = 0;
      for (let x = 0; x < FRAME_SIDE; x++) sum += (grey[y * FRAME_SIDE + x] ?? 0) * (cos[x] ?? 0);
      return sum;
    }),
  );
  const out: number[] = [];
  for (const cos of COSINES) {
    for (let u = 0; u < HASH_SIDE; u++) {
      let sum = 0;
      for (let y = 0; y < FRAME_SIDE; y++) sum += (rows[y]?.[u] ?? 0) * (cos[y] ?? 0);
      out.push(sum);
    }
  }
  return out;
}

/** One frame (FRAME_SIDE² grey bytes) to its hash: a bit per coefficient above their median. */
export function frameHash(grey: Uint8Array): bigint {
  if (grey.length !== FRAME_SIDE * FRAME_SIDE) throw new Error('a frame is 32×32 grey bytes');
  if (isFlat(grey)) return FLAT_FRAME;
  const coefficients = lowFrequencies(grey);
  // The DC term is the frame's brightness, not its picture: left out of the median.
  const sorted = coefficients.slice(1).sort((a, b) => a - b);
  const median = ((sorted[31] ?? 0) + (sorted[32] ?? 0)) / 2;
  let hash = 0n;
  for (const c of coefficients) hash = (hash << 1n) | (c > median ? 1n : 0n);
  // A real frame's hash has bits on both sides of the median, so it never equals FLAT_FRAME.
  return hash;
}

function bitsSet(x: number) {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/** Hashes as two 32-bit halves each, so comparing them is integer work, not BigInt's. */
function halves(hashes: readonly bigint[]) {
  const out = new Uint32Array(hashes.length * 2);
  hashes.forEach((hash, i) => {
    out[2 * i] = Number(hash >> 32n);
    out[2 * i + 1] = Number(hash & 0xffffffffn);
  });
  return out;
}

const isFlatAt = (h: Uint32Array, i: number) => h[2 * i] === 0 && h[2 * i + 1] === 0;

const distanceAt = (a: Uint32Array, i: number, b: Uint32Array, j: number) =>
  bitsSet(((a[2 * i] ?? 0) ^ (b[2 * j] ?? 0)) >>> 0) +
  bitsSet(((a[2 * i + 1] ?? 0) ^ (b[2 * j + 1] ?? 0)) >>> 0);

export interface FingerprintMatch {
  /** Frames of the blocked video before the first frame of the upload, at this alignment. */
  offsetFrames: number;
  compared: number;
  close: number;
}

/**
 * Whether `upload` shows the `blocked` video, at any alignment of the two sequences (a trimmed
 * copy starts later in the original, a longer one starts earlier): the best alignment where
 * enough compared frames are close, the one with the most close frames.
 */
export function matchFingerprint(
  upload: readonly bigint[],
  blocked: readonly bigint[],
): FingerprintMatch | undefined {
  const a = halves(upload);
  const b = halves(blocked);
  let best: FingerprintMatch | undefined;
  for (let offset = -(upload.length - 1); offset < blocked.length; offset++) {
    let compared = 0;
    let close = 0;
    for (let i = Math.max(0, -offset); i < upload.length && i + offset < blocked.length; i++) {
      if (isFlatAt(a, i) || isFlatAt(b, i + offset)) continue;
      compared++;
      if (distanceAt(a, i, b, i + offset) <= FRAME_DISTANCE) close++;
    }
    if (compared < MIN_FRAMES || close < compared * MIN_SHARE) continue;
    if (!best || close > best.close) best = { offsetFrames: offset, compared, close };
  }
  return best;
}

const HASH_BYTES = 8;

/** The frames a transcode sampled (FRAME_SIDE² grey bytes each, one after another), hashed. */
export function fingerprintOf(frames: Uint8Array): bigint[] {
  const size = FRAME_SIDE * FRAME_SIDE;
  return Array.from({ length: Math.floor(frames.length / size) }, (_, i) =>
    frameHash(frames.subarray(i * size, (i + 1) * size)),
  );
}

/** Hashes as stored: 8 bytes each, big-endian. */
export function encodeFingerprint(hashes: readonly bigint[]): Buffer {
  const bytes = Buffer.alloc(hashes.length * HASH_BYTES);
  hashes.forEach((hash, i) => {
    bytes.writeBigUInt64BE(hash, i * HASH_BYTES);
  });
  return bytes;
}

export const storedFrames = (bytes: Uint8Array) => Math.floor(bytes.length / HASH_BYTES);

export function decodeFingerprint(bytes: Uint8Array): bigint[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Array.from({ length: storedFrames(bytes) }, (_, i) =>
    buffer.readBigUInt64BE(i * HASH_BYTES),
  );
}
