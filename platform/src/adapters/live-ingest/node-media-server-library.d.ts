// node-media-server ships no types: the little of it Reel uses.
declare module 'node-media-server' {
  import type { Server, Socket } from 'node:net';

  interface NmsSession {
    id: string;
    streamApp: string;
    streamName: string;
    socket: Socket;
    broadcast: { publishGraceMs: number };
    close(): void;
  }

  export default class NodeMediaServer {
    constructor(config: { bind: string; rtmp: { port: number } });
    rtmpServer: { tcpServer: Server; stop(): void };
    on(event: 'postPublish' | 'donePublish', listener: (session: NmsSession) => void): void;
  }
}

declare module 'node-media-server/src/core/logger.js' {
  const logger: { level: string };
  export default logger;
}
