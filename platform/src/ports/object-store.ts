import type { Readable } from 'node:stream';

export interface ObjectInfo {
  size: number;
  etag: string;
  lastModified: Date;
}

export interface StoredPartInfo {
  partNumber: number;
  sizeBytes: number;
  etag: string;
}

export interface ByteRange {
  start: number;
  end: number;
}

/**
 * Where uploads and media live. Uploads are multipart from the first byte: parts go straight to
 * the store through signed URLs, so the API is not in the data path.
 */
export interface ObjectStore {
  readonly name: string;
  createMultipart(key: string, uploadId: string): Promise<string>;
  signPartUrl(uploadId: string, multipartId: string, partNumber: number, expiresAt: Date): string;
  listParts(key: string, multipartId: string): Promise<StoredPartInfo[]>;
  /** Joins the parts into `key` and returns the whole object's size and SHA-256. */
  completeMultipart(
    key: string,
    multipartId: string,
    parts: readonly StoredPartInfo[],
  ): Promise<{ size: number; sha256: string }>;
  abortMultipart(key: string, multipartId: string): Promise<void>;
  head(key: string): Promise<ObjectInfo | null>;
  read(key: string, range?: ByteRange): Promise<Readable>;
  readText(key: string): Promise<string>;
  putFile(key: string, filePath: string): Promise<void>;
  putText(key: string, text: string): Promise<void>;
  /** A local path to read `key` from, copying it down when the store is remote. */
  localCopy(key: string, scratchDir: string): Promise<string>;
  deletePrefix(prefix: string): Promise<void>;
}

/** Where a part's bytes belong in the whole file, and how many it must have. */
export interface PartPlacement {
  offset: number;
  bytes: number;
}

/** A store that receives parts itself (the embedded one): the part route writes through it. */
export interface PartReceiver {
  receivePart(
    multipartId: string,
    partNumber: number,
    body: Readable,
    place: PartPlacement,
  ): Promise<StoredPartInfo>;
}

export const receivesParts = (store: ObjectStore): store is ObjectStore & PartReceiver =>
  'receivePart' in store;

/**
 * A store players can fetch media from themselves (S3, or a CDN in front of it): playback
 * redirects segments and images there, so the API is not in the data path. Playlists are still
 * served by the API, which rewrites them for signed playback.
 */
export interface DirectDownloads {
  /**
   * A URL that serves `key` without credentials for at least `expiresInSec`. `shareable` media
   * (public videos') may get a lasting URL anyone can cache, such as a CDN's; other media only
   * a URL that expires. With `saveAs`, the URL's answer says to save the file under that name
   * (`Content-Disposition: attachment`); a CDN URL cannot, so it is a presigned one then.
   */
  downloadUrl(
    key: string,
    expiresInSec: number,
    options: { shareable: boolean; saveAs?: string },
  ): string;
}

export const servesDirectly = (store: ObjectStore): store is ObjectStore & DirectDownloads =>
  'downloadUrl' in store;
