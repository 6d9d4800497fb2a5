import pg from 'pg';

/**
 * Calls `onNotify` for each NOTIFY on `channel`, over a connection of its own. A lost
 * connection is reopened; pollers still run meanwhile, so a gap costs latency, not events.
 * `onNotify(undefined)`: notifications may have been missed; look at everything.
 */
export function listen(
  url: string,
  channel: string,
  onNotify: (payload: string | undefined) => void,
) {
  let client: pg.Client | undefined;
  let stopped = false;
  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url });
    // The error event and a failed LISTEN can both report one loss: reconnect once for it.
    let lost = false;
    const reconnect = () => {
      if (lost) return;
      lost = true;
      if (client === next) client = undefined;
      next.end().catch(() => {});
      if (!stopped) setTimeout(connect, 1000);
    };
    next.on('notification', (msg) => onNotify(msg.payload ?? ''));
    next.on('error', reconnect);
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      if (lost) return;
      client = next;
      // Whatever was notified while no one listened: let the consumer look now.
      onNotify(undefined);
    } catch {
      reconnect();
    }
  };
  void connect();
  return {
    async stop() {
      stopped = true;
      await client?.end().catch(() => {});
    },
  };
}
