// node-media-server ships no types: the little of it Reel uses.
declare module 'node-media-server' {
  import type { Server, Socket } from 'node:net';

  export interface NmsSession {
    id: string;
    streamApp: string;
    streamName: string;
    socket: Socket;
    /** The onMetaData's audiocodecid; 0 until it comes, or without audio. */
    audioCodec: number;
    broadcast: {
      publishGraceMs: number;
      /** Null until the publisher has sent its metadata, video or audio sequence header. */
      rtmpMetaData: Buffer | null;
      rtmpVideoHeader: Buffer | null;
      rtmpAudioHeader: Buffer | null;
    };
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
