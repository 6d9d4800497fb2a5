export type { CompletedVideo, SignedPart, StoredPart, UploadInfo } from './api-client.js';
export { UploadApi } from './api-client.js';
export { sha256Hex } from './checksum.js';
export { ReelUploadError } from './errors.js';
export { formatBytes, formatDuration, type UploadProgress } from './progress.js';
export type { CreatedUpload, CreateUpload } from './reel-uploader.js';
export { ReelUploaderElement } from './reel-uploader.js';
export {
  createUploader,
  type UploadCompleteDetail,
  type Uploader,
  type UploaderEventMap,
  type UploaderOptions,
  type UploaderState,
  type UploadPartDetail,
  type UploadRetryDetail,
  type UploadStartDetail,
} from './uploader.js';

import { ReelUploaderElement } from './reel-uploader.js';

/** Registers `<reel-uploader>` (or another tag name); importing this module already does it once. */
export function defineReelUploader(tagName = 'reel-uploader'): void {
  if (typeof customElements === 'undefined' || customElements.get(tagName)) return;
  customElements.define(
    tagName,
    tagName === 'reel-uploader' ? ReelUploaderElement : class extends ReelUploaderElement {},
  );
}

defineReelUploader();

declare global {
  interface HTMLElementTagNameMap {
    'reel-uploader': ReelUploaderElement;
  }
}
