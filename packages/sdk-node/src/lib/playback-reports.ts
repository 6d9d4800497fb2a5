import type { ViewHeartbeat, ViewRecorded } from '../generated/types.gen';

type PlaybackEventName = NonNullable<ViewHeartbeat['event']>;

/**
 * Reports one playback of a video (one `session_id`, a `seq` that counts up), the way
 * `<reel-player>` does: `start`, then `heartbeat` every 10 s of playing and on pause, seek and
 * page hide, then `complete`. Each call is one `POST /v1/videos/{id}/views`, answered 202 at
 * once; with a viewer token the reports build the viewer's watch history and resume position.
 */
export class PlaybackReporter {
  /** One per playback; a new reporter for the next one. */
  readonly sessionId = globalThis.crypto.randomUUID();
  private nextSeq = 0;

  constructor(private readonly send: (report: ViewHeartbeat) => Promise<ViewRecorded>) {}

  start = (positionSec = 0) => this.report('start', positionSec);
  heartbeat = (positionSec: number) => this.report('heartbeat', positionSec);
  complete = (positionSec: number) => this.report('complete', positionSec);

  /** `seq` is taken when called, so reports that arrive out of order are still put in order. */
  private report(event: PlaybackEventName, positionSec: number) {
    const seq = this.nextSeq;
    this.nextSeq += 1;
    return this.send({
      event,
      position_sec: Math.max(0, positionSec),
      session_id: this.sessionId,
      seq,
      client_ts: new Date().toISOString(),
    });
  }
}
