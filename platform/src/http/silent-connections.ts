import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Hangs up, when the server closes, on connections that never sent a request (a browser's
 * preconnect, a probe). Node counts them neither idle nor busy, so `server.close()` would wait
 * for its headers timeout, a minute, before a stopping Reel could exit. Connections that did
 * send one are Fastify's to drain as usual.
 */
export function trackSilentConnections(server: Server) {
  const silent = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    silent.add(socket);
    socket.once('close', () => silent.delete(socket));
  });
  server.on('request', (request: { socket: Socket }) => silent.delete(request.socket));
  return {
    hangUp() {
      for (const socket of silent) socket.destroy();
      silent.clear();
    },
  };
}
