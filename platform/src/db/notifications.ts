import pg from 'pg';

/**
 * Calls `onNotify` for each NOTIFY on `channel`, over a connection of its own. A lost
 * connection is reopened; pollers still run meanwhile, so a gap costs latency, not events.
 */
export function listen(url: string, channel: string, onNotify: (payload: string) => void) {
  let client: pg.Client | undefined;
  let stopped = false;
  const connect = async () => {
    if (stopped) return;
    const next = new pg.Client({ connectionString: url });
    next.on('notification', (msg) => onNotify(msg.payload ?? ''));
    next.on('error', () => {
      next.end().catch(() => {});
      if (!stopped) setTimeout(connect, 1000);
    });
    try {
      await next.connect();
      await next.query(`LISTEN ${channel}`);
      client = next;
    } catch {
      next.end().catch(() => {});
      if (!stopped) setTimeout(connect, 1000);
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
