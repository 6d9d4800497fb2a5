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
    /** The connection's RTMP reader; it hands each packet it reads to `onPacketCallback`. */
    rtmp: { onPacketCallback(packet: NmsPacket): void };
    broadcast: {
      publishGraceMs: number;
      /** Null until the publisher has sent its metadata, video or audio sequence header. */
      rtmpMetaData: Buffer | null;
      rtmpVideoHeader: Buffer | null;
      rtmpAudioHeader: Buffer | null;
    };
    close(): void;
  }

  /** A packet a publisher sent: `codec_type` 8 audio, 9 video; `flags` 0 an audio header, 1 an audio frame. */
  export interface NmsPacket {
    codec_type: number;
    flags: number;
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
