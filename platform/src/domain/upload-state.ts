import type { components } from '../contract/openapi.gen.js';
import { conflict, ReelError } from './errors.js';

export type UploadStatus = components['schemas']['UploadStatus'];

/** A pending upload ends one way or another; a failed or expired one may still be aborted. */
const NEXT: Record<UploadStatus, readonly UploadStatus[]> = {
  pending: ['completed', 'failed', 'aborted', 'expired'],
  completed: [],
  failed: ['aborted'],
  aborted: [],
  expired: ['aborted'],
};

/**
 * Checks an upload's move. Moving to the status it already has is a no-op (returns false), so
 * every move is idempotent; an impossible one is a 409.
 */
export function mustMoveUpload(from: UploadStatus, to: UploadStatus): boolean {
  if (from === to) return false;
  if (!NEXT[from].includes(to)) {
    throw conflict('invalid_upload_status', `A ${from} upload cannot become ${to}`, {
      status: from,
    });
  }
  return true;
}

interface UploadLife {
  status: UploadStatus;
  expiresAt: Date;
  errorCode?: string | null;
}

/** A pending upload past its expiry reads as expired at once, before the sweeper records it. */
export const uploadStatusAt = (upload: UploadLife, now = new Date()): UploadStatus =>
  upload.status === 'pending' && upload.expiresAt <= now ? 'expired' : upload.status;

/** Part URLs never outlive their upload. */
export const partUrlExpiry = (upload: UploadLife, ttlSec: number, now = Date.now()): Date =>
  new Date(Math.min(now + ttlSec * 1000, upload.expiresAt.getTime()));

/** Why the upload takes no more parts, signatures or complete; undefined while it does. */
export function whyUploadClosed(upload: UploadLife, now = new Date()): ReelError | undefined {
  const status = uploadStatusAt(upload, now);
  if (status === 'expired') {
    return new ReelError(
      410,
      'upload_expired',
      `This upload expired at ${upload.expiresAt.toISOString()} before it was completed; create a new upload`,
      { expires_at: upload.expiresAt.toISOString() },
    );
  }
  if (status !== 'pending') {
    return conflict('upload_not_pending', `This upload is ${status} and takes no more parts`, {
      status,
      ...(upload.errorCode ? { error: upload.errorCode } : {}),
    });
  }
  return undefined;
}

/** True while a complete request holds the upload (its claim has not lapsed). */
export const isCompleting = (upload: { completingUntil: Date | null }, now = new Date()) =>
  upload.completingUntil !== null && upload.completingUntil > now;

/** Signing, sending parts and completing need a pending upload that has not expired. */
export function assertUploadOpen(upload: UploadLife, now = new Date()): void {
  const closed = whyUploadClosed(upload, now);
  if (closed) throw closed;
}
