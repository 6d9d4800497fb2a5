/**
 * One Server-Sent Events message (the WHATWG event stream format): each line of `data` goes on
 * a `data:` line of its own, so a newline in it cannot end the event early or forge a field.
 */
export function eventMessage(message: { id?: string; event?: string; data: string }): string {
  const oneLine = (value: string) => value.replace(/[\r\n]/g, '');
  const lines = [
    ...(message.id === undefined ? [] : [`id: ${oneLine(message.id)}`]),
    ...(message.event === undefined ? [] : [`event: ${oneLine(message.event)}`]),
    ...message.data.split(/\r\n|\r|\n/).map((line) => `data: ${line}`),
  ];
  return `${lines.join('\n')}\n\n`;
}

/** A comment line: clients ignore it, proxies see traffic and keep the connection. */
export const heartbeatComment = () => ': heartbeat\n\n';
