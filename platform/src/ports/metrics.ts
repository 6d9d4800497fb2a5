/** What Reel counts about itself, for operators (Prometheus). `app/` and workers report here. */
export interface Metrics {
  readonly name: string;
  /** One answered request of a contract operation (`unmatched` for no route). */
  observeRequest(operationId: string, status: number, seconds: number): void;
  /** Events a worker role handled: how long they waited on the bus, how long handling took. */
  observeEvents(
    role: string,
    topic: string,
    outcome: 'ok' | 'failed',
    events: { handledSeconds: number; lagSeconds: readonly number[] },
  ): void;
  /** One ffmpeg run for a ladder topped by `rendition`, over `mediaSeconds` of source. */
  observeTranscode(rendition: string, seconds: number, mediaSeconds: number): void;
  /** A video the transcoder gave up on, by the failure code the video shows. */
  countTranscodeFailure(reason: string): void;
  /** One webhook POST and what came of it (`succeeded`, `retry`, `gone`, `exhausted`). */
  observeWebhookAttempt(outcome: string, seconds: number): void;
  /** Bytes of an upload that completed. */
  countUploadBytes(bytes: number): void;
  /** One cache-aside read; `cache` is the key's prefix (`video`, …). */
  countCacheLookup(cache: string, hit: boolean): void;
  /** The exposition in the Prometheus text format. */
  exposition(): Promise<{ contentType: string; text: string }>;
}
