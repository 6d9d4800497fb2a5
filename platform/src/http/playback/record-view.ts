import { recordView as takeTheReport } from '../../app/views/record-view.js';
import { answer } from '../answer.js';
import type { OperationHandler } from '../operation.js';
import { playbackAccess } from './playback-access.js';

export const recordView: OperationHandler<'recordView'> = async (ctx, request, caller) =>
  answer(
    202,
    await takeTheReport(ctx, {
      videoId: request.params.video_id,
      access: playbackAccess(ctx, request),
      ip: request.ip,
      userAgent: request.headers['user-agent'] ?? '',
      referrer: request.headers.referer,
      viewer: caller.viewer && {
        tenantId: caller.tenantId,
        viewerId: caller.viewer.id,
        scopes: caller.viewer.scopes,
      },
      body: request.body,
    }),
  );
