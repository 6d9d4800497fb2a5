import type { Context } from '../../context.js';
import { matchBlockedMedia } from '../../db/blocked-media.js';
import { lockUpload } from '../../db/uploads.js';
import { lockVideo } from '../../db/videos.js';
import { notFound, type ReelError } from '../../domain/errors.js';
import { wholeFileProblem } from '../../domain/upload-file-checks.js';
import { whyUploadClosed } from '../../domain/upload-state.js';
import { failBlockedVideo } from '../blocked-media/fail-blocked-video.js';
import { transitionVideo } from '../videos/transition-video.js';
import { transitionUpload } from './transition-upload.js';

/**
 * The state change that ends completing, under row locks: the upload completed and its video
 * processing (`transcode.requested`), or both failed when the file is not the one announced.
 * Returns the problem, if any, once it is committed; `blocked` when the upload completed but
 * its bytes are on the tenant's blocklist, so its video failed and its original must go.
 */
export async function recordCompletion(
  ctx: Context,
  input: {
    tenantId: string;
    uploadId: string;
    whole: { size: number; sha256: string };
    sha256: string;
  },
): Promise<ReelError | 'blocked' | undefined> {
  const { tenantId } = input;
  return ctx.database.db.transaction(async (tx) => {
    const upload = await lockUpload(tx, tenantId, input.uploadId);
    if (!upload) throw notFound('Upload');
    // Aborted or swept while the file was being assembled: the file goes, the state stays.
    // (Its time running out meanwhile does not count: complete was asked for in time.)
    const closed = upload.status === 'pending' ? undefined : whyUploadClosed(upload);
    if (closed) return closed;
    const video = await lockVideo(tx, upload.videoId, tenantId);
    if (!video) throw notFound('Video');
    const problem = wholeFileProblem(input.whole, {
      sizeBytes: upload.sizeBytes,
      sha256: input.sha256,
    });
    if (problem) {
      const reason = { code: problem.code, message: problem.message };
      await transitionUpload(tx, upload, { to: 'failed', ...reason });
      await transitionVideo(tx, video, { to: 'failed', ...reason });
      return problem;
    }
    await transitionUpload(tx, upload, { to: 'completed', sha256: input.sha256 });
    const blocked = await matchBlockedMedia(tx, tenantId, input.whole.sha256);
    if (blocked) {
      await failBlockedVideo(tx, video, blocked);
      return 'blocked';
    }
    await transitionVideo(tx, video, { to: 'processing' });
    return undefined;
  });
}
