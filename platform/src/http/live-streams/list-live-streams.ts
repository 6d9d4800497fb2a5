import { listLiveStreams as listTheLiveStreams } from '../../app/live-streams/list-live-streams.js';
import type { OperationHandler } from '../operation.js';

export const listLiveStreams: OperationHandler<'listLiveStreams'> = (ctx, request, caller) =>
  listTheLiveStreams(ctx, { tenantId: caller.tenantId, ...request.query });
