import { expect, it } from 'vitest';
import { traceFields } from '../../src/logger.js';
import { until } from '../support/polling.js';
import { uploadTraceCases } from './upload-trace-cases.js';

uploadTraceCases('embedded: the Postgres queue', (reel) => {
  it("continues a caller's traceparent, and starts a new trace for a garbage one", async () => {
    const { apiKey } = await reel().harness.tenant();
    const callerTrace = '4bf92f3577b34da6a3ce929d0e0e4736';
    const get = (traceparent: string) =>
      fetch(`${reel().harness.url}/v1/videos?limit=1`, {
        headers: { authorization: `Bearer ${apiKey}`, traceparent },
      });
    expect((await get(`00-${callerTrace}-00f067aa0ba902b7-01`)).status).toBe(200);
    expect((await get('00-zz-garbage-\u00ff')).status).toBe(200);
    expect((await get(`00-${'0'.repeat(32)}-00f067aa0ba902b7-01`)).status).toBe(200);
    const lists = await until('three list spans', () => {
      const found = reel()
        .recorder.spans()
        .filter((s) => s.name === 'listVideos');
      return found.length >= 3 ? found.slice(-3) : undefined;
    });
    const [continued, garbage, zeros] = lists.map((s) => s.spanContext().traceId);
    expect(continued).toBe(callerTrace);
    expect(garbage).toMatch(/^[0-9a-f]{32}$/);
    expect(garbage).not.toBe(callerTrace);
    // An all-zero trace id is invalid by W3C: a fresh trace, never the zeros.
    expect(zeros).not.toBe('0'.repeat(32));
  });

  it('puts the trace id on log lines written inside a span, and nothing outside one', async () => {
    const { tracing } = reel().recorder;
    expect(traceFields()).toEqual({});
    const inside = await tracing.inSpan('a log line', async () => ({
      fields: traceFields(),
      traceId: tracing.traceId(),
    }));
    expect(inside.fields).toMatchObject({ trace_id: inside.traceId, span_id: expect.any(String) });
    expect(inside.traceId).toMatch(/^[0-9a-f]{32}$/);
  });
});
