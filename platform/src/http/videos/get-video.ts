import { readerOf } from '../../app/auth/reader.js';
import { getVideo as getTheVideo } from '../../app/videos/get-video.js';
import type { OperationHandler } from '../operation.js';

/** With an API key, a viewer token or no credential: each gets its own view (`readerOf`). */
export const getVideo: OperationHandler<'getVideo'> = (ctx, request, caller) =>
  getTheVideo(ctx, { reader: readerOf(caller), videoId: request.params.video_id });
