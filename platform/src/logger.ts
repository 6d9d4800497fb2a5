import { trace } from '@opentelemetry/api';
import pino, { type Logger } from 'pino';
import type { Config } from './config.js';

/** A line logged inside a span names its trace (tracing on); off, no span is ever active. */
export function traceFields() {
  const span = trace.getActiveSpan();
  if (!span) return {};
  const { traceId, spanId } = span.spanContext();
  return { trace_id: traceId, span_id: spanId };
}

/**
 * Short coloured lines for a person at a terminal, formatted off the main thread; otherwise one
 * JSON object a line through an asynchronous destination. Either way a burst of request logs
 * never blocks the event loop.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>): Logger {
  if (config.logFormat === 'pretty') {
    return pino({
      level: config.logLevel,
      mixin: traceFields,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'HH:MM:ss', ignore: 'pid,hostname' },
      },
    });
  }
  return pino({ level: config.logLevel, mixin: traceFields }, pino.destination({ sync: false }));
}
