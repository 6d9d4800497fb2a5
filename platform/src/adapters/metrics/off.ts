import type { Metrics } from '../../ports/metrics.js';

/** `REEL_METRICS=false`: nothing is counted and the exposition is empty. */
export class MetricsOff implements Metrics {
  readonly name = 'off';
  observeRequest() {}
  observeEvents() {}
  observeTranscode() {}
  countTranscodeFailure() {}
  observeWebhookAttempt() {}
  countUploadBytes() {}
  countCacheLookup() {}
  async exposition() {
    return { contentType: 'text/plain; version=0.0.4; charset=utf-8', text: '' };
  }
}
