import { createSHA256 } from 'hash-wasm';

export interface ChecksumOptions {
  /** Bytes read at a time. Slices, not `Blob.stream()`: Safari cannot stream files over 4 GB. */
  sliceBytes?: number;
  signal?: AbortSignal;
  onProgress?: (bytesHashed: number) => void;
}

/**
 * The SHA-256 of a whole file, in hex, read slice by slice and hashed incrementally in wasm
 * (WebCrypto's digest needs the whole file in memory at once). Memory stays at one slice.
 */
export async function sha256Hex(blob: Blob, options: ChecksumOptions = {}): Promise<string> {
  const { sliceBytes = 8 * 1024 * 1024, signal, onProgress } = options;
  const hasher = await createSHA256();
  hasher.init();
  for (let offset = 0; offset < blob.size; offset += sliceBytes) {
    signal?.throwIfAborted();
    const slice = blob.slice(offset, Math.min(offset + sliceBytes, blob.size));
    hasher.update(new Uint8Array(await slice.arrayBuffer()));
    onProgress?.(Math.min(offset + sliceBytes, blob.size));
  }
  signal?.throwIfAborted();
  return hasher.digest('hex');
}
