import { recordView as countTheView } from '../../app/views/record-view.js';
import type { OperationHandler } from '../operation.js';

export const recordView: OperationHandler<'recordView'> = (ctx, request) =>
  countTheView(ctx, {
    videoId: request.params.video_id,
    access: request.query,
    ip: request.ip,
    userAgent: request.headers['user-agent'] ?? '',
  });
