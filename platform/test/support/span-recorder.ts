import {
  InMemorySpanExporter,
  type ReadableSpan,
  SimpleSpanProcessor,
} from '@opentelemetry/sdk-trace';
import { OpenTelemetryTracing } from '../../src/adapters/tracing/opentelemetry.js';

/** Reel's real OpenTelemetry tracing, exporting every ended span to memory for the test. */
export function recordSpans() {
  const exporter = new InMemorySpanExporter();
  return {
    tracing: new OpenTelemetryTracing(new SimpleSpanProcessor({ exporter })),
    spans: (): ReadableSpan[] => exporter.getFinishedSpans(),
  };
}

/** The spans of one trace, as `name` strings, and whether they form one tree from one root. */
export function traceOf(spans: readonly ReadableSpan[], traceId: string) {
  const inTrace = spans.filter((s) => s.spanContext().traceId === traceId);
  const ids = new Set(inTrace.map((s) => s.spanContext().spanId));
  const roots = inTrace.filter((s) => !s.parentSpanContext || !ids.has(s.parentSpanContext.spanId));
  return { spans: inTrace, names: inTrace.map((s) => s.name), roots: roots.map((s) => s.name) };
}
