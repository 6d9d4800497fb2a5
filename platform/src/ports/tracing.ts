/** A span's W3C trace context (`traceparent`, `tracestate`), as it travels with an event. */
export type TraceCarrier = Record<string, string>;

export type SpanKind = 'server' | 'client' | 'producer' | 'consumer' | 'internal';

export interface SpanOptions {
  kind?: SpanKind;
  /** The span this one continues, carried from another process or row; else the current one. */
  parent?: TraceCarrier | null;
  attributes?: Record<string, string | number | boolean>;
}

/** A span begun and ended apart, for work that starts in one call and ends in another. */
export interface OpenSpan {
  /** This span's context, to carry with what it sends. */
  carrier(): TraceCarrier | undefined;
  end(error?: unknown): void;
}

/**
 * Where Reel reports spans (OpenTelemetry, or off). The current span follows async calls, so an
 * event emitted inside a span carries it (`carrier()`), and its consumer's span joins the trace.
 */
export interface Tracing {
  readonly name: string;
  /** Runs `work` inside a new span; a throw marks the span failed and goes on. */
  inSpan<T>(name: string, work: () => Promise<T>, options?: SpanOptions): Promise<T>;
  startSpan(name: string, options?: SpanOptions): OpenSpan;
  /** The current span's context, undefined outside a span or when off. */
  carrier(): TraceCarrier | undefined;
  /** The current trace's id, for log lines. */
  traceId(): string | undefined;
  /** Sends what is still buffered. */
  shutdown(): Promise<void>;
}
