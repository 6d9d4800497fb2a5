import type { OpenSpan, Tracing } from '../../ports/tracing.js';

const NO_SPAN: OpenSpan = { carrier: () => undefined, end() {} };

/** No `OTEL_EXPORTER_OTLP_ENDPOINT`: work runs as is, nothing is recorded or carried. */
export class TracingOff implements Tracing {
  readonly name = 'off';
  inSpan<T>(_name: string, work: () => Promise<T>): Promise<T> {
    return work();
  }
  startSpan() {
    return NO_SPAN;
  }
  carrier() {
    return undefined;
  }
  traceId() {
    return undefined;
  }
  async shutdown() {}
}
