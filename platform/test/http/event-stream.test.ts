import { describe, expect, it } from 'vitest';
import { eventMessage, heartbeatComment } from '../../src/http/notifications/event-stream.js';

describe('event stream messages', () => {
  it('writes id, event and data lines ended by a blank line', () => {
    expect(eventMessage({ id: 'a1', event: 'notification', data: '{"x":1}' })).toBe(
      'id: a1\nevent: notification\ndata: {"x":1}\n\n',
    );
  });

  it('puts each line of the data on a data line, so no newline forges a field', () => {
    expect(eventMessage({ data: 'one\r\ntwo\nid: forged\rthree' })).toBe(
      'data: one\ndata: two\ndata: id: forged\ndata: three\n\n',
    );
    expect(eventMessage({ id: 'a\nevent: x', data: '' })).toBe('id: aevent: x\ndata: \n\n');
  });

  it('heartbeats are comment lines', () => {
    expect(heartbeatComment()).toMatch(/^:.*\n\n$/);
  });
});
