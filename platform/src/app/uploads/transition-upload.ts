import type { Queryable } from '../../db/connection.js';
import { type UploadChange, type UploadRow, writeUploadStatus } from '../../db/uploads.js';
import { mustMoveUpload } from '../../domain/upload-state.js';

/** A move of an upload's status, with what the move records. */
export type UploadMove =
  | { to: 'completed'; sha256: string }
  | { to: 'failed' | 'expired'; code: string; message: string }
  | { to: 'aborted' };

function recorded(move: UploadMove): UploadChange {
  switch (move.to) {
    case 'completed':
      return { completedAt: new Date(), sha256: move.sha256 };
    case 'failed':
    case 'expired':
      return { errorCode: move.code, errorMessage: move.message };
    case 'aborted':
      return {};
  }
}

/**
 * The one writer of `uploads.status`: checks the move against the table in
 * domain/upload-state.ts and writes it, in the caller's transaction, on an upload the caller
 * locked. A move ends any claim to complete it. Moving to the status it has changes
 * nothing; the row as it is afterwards comes back either way.
 */
export async function transitionUpload(
  tx: Queryable,
  upload: UploadRow,
  move: UploadMove,
): Promise<UploadRow> {
  if (!mustMoveUpload(upload.status, move.to)) return upload;
  return writeUploadStatus(tx, upload.id, move.to, { ...recorded(move), completingUntil: null });
}
