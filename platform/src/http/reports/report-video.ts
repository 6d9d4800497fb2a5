import { reportVideo as reportTheVideo } from '../../app/reports/report-video.js';
import { unauthorized } from '../../domain/errors.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';

export const reportVideo: OperationHandler<'reportVideo'> = async (ctx, request, caller) => {
  if (!caller.viewer) throw unauthorized();
  const { report, created } = await reportTheVideo(ctx, {
    tenantId: caller.tenantId,
    viewerId: caller.viewer.id,
    videoId: request.params.video_id,
    report: request.body,
  });
  return answer(created ? 201 : 200, report);
};
