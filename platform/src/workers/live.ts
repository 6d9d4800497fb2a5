import { runLiveIngest } from '../app/live-streams/run-live-ingest.js';
import type { Context } from '../context.js';
import type { Consumer } from '../ports/event-bus.js';

/** The live role: RTMP ingest and the live ladder, for every tenant's streams. */
export function startLive(ctx: Context, onError: (error: unknown) => void): Consumer {
  const started = runLiveIngest(ctx, onError);
  started.catch(onError);
  return { stop: async () => (await started.catch(() => undefined))?.stop() };
}
