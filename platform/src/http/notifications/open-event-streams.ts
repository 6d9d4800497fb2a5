import type { Server } from 'node:http';

/** Event streams each HTTP server holds open: closing the server ends them, or it would wait. */
const byServer = new WeakMap<object, Set<() => void>>();

/** Remembers a stream's end until it ends; answers the forgetting. */
export function holdEventStream(server: object, end: () => void) {
  const held = byServer.get(server) ?? new Set();
  byServer.set(server, held);
  held.add(end);
  return () => held.delete(end);
}

export function endEventStreams(server: Server | object) {
  for (const end of byServer.get(server) ?? []) end();
}
