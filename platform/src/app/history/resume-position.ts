import type { Queryable } from '../../db/connection.js';
import { findEntry } from '../../db/watch-history.js';
import { resumePosition } from '../../domain/watch-progress.js';
import type { ViewerOfTenant } from './list-history.js';

/** Where the viewer should pick the video up, or undefined: never played, or watched to the end. */
export async function resumePositionOf(
  db: Queryable,
  input: ViewerOfTenant & { videoId: string },
): Promise<number | undefined> {
  return resumePosition(await findEntry(db, input));
}
