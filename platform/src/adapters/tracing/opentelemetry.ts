import {
  context,
  defaultTextMapGetter,
  defaultTextMapSetter,
  type Context as OtelContext,
  SpanKind as OtelSpanKind,
  propagation,
  ROOT_CONTEXT,
  type Span,
  SpanStatusCode,
  type Tracer,
  trace,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import {
  detectResources,
  resourceAttributesEnvDetector,
  resourceFromAttributes,
  serviceNameEnvDetector,
} from '@opentelemetry/resources';
import { type SpanProcessor, TracerProvider } from '@opentelemetry/sdk-trace';
import type {
  OpenSpan,
  SpanKind,
  SpanOptions,
  TraceCarrier,
  Tracing,
} from '../../ports/tracing.js';

const KINDS: Record<SpanKind, OtelSpanKind> = {
  server: OtelSpanKind.SERVER,
  client: OtelSpanKind.CLIENT,
  producer: OtelSpanKind.PRODUCER,
  consumer: OtelSpanKind.CONSUMER,
  internal: OtelSpanKind.INTERNAL,
};

const propagator = new W3CTraceContextPropagator();

// The current span follows async calls through AsyncLocalStorage; `db/outbox.ts` injects it
// with the global propagator. Both are process-wide; a second registration keeps the first.
function registerGlobals() {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  propagation.setGlobalPropagator(propagator);
}

const fail = (span: Span, error: unknown) => {
  span.recordException(error instanceof Error ? error : String(error));
  span.setStatus({ code: SpanStatusCode.ERROR });
};

/** Spans through the OpenTelemetry SDK, to `processor` (OTLP in production, memory in tests). */
export class OpenTelemetryTracing implements Tracing {
  readonly name = 'opentelemetry';
  private readonly provider: TracerProvider;
  private readonly tracer: Tracer;

  constructor(processor: SpanProcessor) {
    registerGlobals();
    this.provider = new TracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'reel' }).merge(
        detectResources({ detectors: [serviceNameEnvDetector, resourceAttributesEnvDetector] }),
      ),
      spanProcessors: [processor],
    });
    this.tracer = this.provider.getTracer('@reel/platform');
  }

  private parentOf(parent: TraceCarrier | null | undefined): OtelContext {
    if (parent === undefined) return context.active();
    return parent ? propagator.extract(ROOT_CONTEXT, parent, defaultTextMapGetter) : ROOT_CONTEXT;
  }

  inSpan<T>(name: string, work: () => Promise<T>, options: SpanOptions = {}): Promise<T> {
    return this.tracer.startActiveSpan(
      name,
      { kind: KINDS[options.kind ?? 'internal'], attributes: options.attributes },
      this.parentOf(options.parent),
      async (span) => {
        try {
          return await work();
        } catch (error) {
          fail(span, error);
          throw error;
        } finally {
          span.end();
        }
      },
    );
  }

  startSpan(name: string, options: SpanOptions = {}): OpenSpan {
    const span = this.tracer.startSpan(
      name,
      { kind: KINDS[options.kind ?? 'internal'], attributes: options.attributes },
      this.parentOf(options.parent),
    );
    return {
      carrier: () => carrierOf(trace.setSpan(ROOT_CONTEXT, span)),
      end(error?: unknown) {
        if (error !== undefined) fail(span, error);
        span.end();
      },
    };
  }

  carrier(): TraceCarrier | undefined {
    return carrierOf(context.active());
  }

  traceId(): string | undefined {
    return trace.getActiveSpan()?.spanContext().traceId;
  }

  async shutdown() {
    await this.provider.shutdown();
  }
}

function carrierOf(active: OtelContext): TraceCarrier | undefined {
  const carrier: TraceCarrier = {};
  propagator.inject(active, carrier, defaultTextMapSetter);
  return carrier.traceparent ? carrier : undefined;
}
