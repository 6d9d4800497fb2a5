import type { NmsSession } from 'node-media-server';
import NodeMediaServer from 'node-media-server';
import nmsLogger from 'node-media-server/src/core/logger.js';
import type {
  IncomingPublisher,
  LiveIngest,
  LiveIngestHandlers,
  PublishedTracks,
} from '../../ports/live-ingest.js';

const APP = 'live';
/** A publisher's metadata and first video header come within milliseconds of its publish. */
const TRACKS_WAIT_MS = 2000;
const TRACKS_POLL_MS = 20;

/**
 * What a publisher sends, read off the library's broadcast: its onMetaData names the audio
 * codec (OBS and ffmpeg send it before any media), else an AAC sequence header shows one.
 */
async function tracksOf(session: NmsSession): Promise<PublishedTracks> {
  const deadline = Date.now() + TRACKS_WAIT_MS;
  const { broadcast } = session;
  while (
    !(broadcast.rtmpMetaData && broadcast.rtmpVideoHeader) &&
    !session.socket.destroyed &&
    Date.now() < deadline
  ) {
    await new Promise((resolve) => setTimeout(resolve, TRACKS_POLL_MS));
  }
  return { audio: Boolean(session.audioCodec) || broadcast.rtmpAudioHeader !== null };
}

/**
 * RTMP ingest on node-media-server. Only its RTMP listener runs (not its HTTP server, store or
 * relays); Reel listens itself so a taken port is an error, not the library's process exit.
 */
export function nodeMediaServerIngest(options: { host: string; port: number }): LiveIngest {
  const nms = new NodeMediaServer({ bind: options.host, rtmp: { port: options.port } });
  nmsLogger.level = 'error';
  const kept = new Map<string, { close(): void }>();
  const byKey = new Map<string, string>();
  return {
    async start(handlers: LiveIngestHandlers) {
      nms.on('postPublish', (session) => {
        // Reel has its own reconnect window: the library's grace would hide a leave for 30 s.
        session.broadcast.publishGraceMs = 0;
        const publisher: IncomingPublisher = {
          connectionId: session.id,
          streamKey: session.streamName,
          tracks: () => tracksOf(session),
        };
        if (session.streamApp !== APP || byKey.has(session.streamName)) {
          session.close();
          return;
        }
        byKey.set(session.streamName, session.id);
        let ended = false;
        session.socket.once('close', () => {
          ended = true;
          byKey.delete(session.streamName);
          if (kept.delete(session.id)) handlers.onUnpublish(publisher);
        });
        handlers.onPublish(publisher).then(
          (keep) => {
            if (keep && !ended) kept.set(session.id, session);
            else session.close();
            if (keep && ended) handlers.onUnpublish(publisher);
          },
          () => session.close(),
        );
      });
      await new Promise<void>((resolve, reject) => {
        const server = nms.rtmpServer.tcpServer;
        server.once('error', reject);
        server.listen(options.port, options.host, () => {
          server.off('error', reject);
          resolve();
        });
      });
    },
    pullUrl: (streamKey) => `rtmp://${options.host}:${options.port}/${APP}/${streamKey}`,
    cut(connectionId) {
      kept.get(connectionId)?.close();
    },
    async stop() {
      nms.rtmpServer.stop();
    },
  };
}
