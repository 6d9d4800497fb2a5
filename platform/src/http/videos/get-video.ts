import { readerOf } from '../../app/auth/reader.js';
import { getVideo as getTheVideo } from '../../app/videos/get-video.js';
import { jsonOnce } from '../json-bytes.js';
import type { OperationHandler } from '../operation.js';

/** With an API key, a viewer token or no credential: each gets its own view (`readerOf`). */
export const getVideo: OperationHandler<'getVideo'> = async (ctx, request, caller) =>
  jsonOnce(await getTheVideo(ctx, { reader: readerOf(caller), videoId: request.params.video_id }));
