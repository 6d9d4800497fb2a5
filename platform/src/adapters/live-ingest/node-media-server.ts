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
/**
 * How long after those an announced audio track has to send its first frame: encoders
 * interleave sound with the picture from the start, so it comes within milliseconds too.
 */
const SOUND_WAIT_MS = 1000;
const TRACKS_POLL_MS = 20;
const AUDIO = 8;
const AUDIO_FRAME = 1;

/**
 * Notes the first audio frame (not the sequence header) the publisher sends on its own
 * connection, then steps out of the way of its packets.
 */
function listenForSound(session: NmsSession): () => boolean {
  let heard = false;
  const forward = session.rtmp.onPacketCallback;
  session.rtmp.onPacketCallback = (packet) => {
    if (packet.codec_type === AUDIO && packet.flags === AUDIO_FRAME) {
      heard = true;
      session.rtmp.onPacketCallback = forward;
    }
    forward(packet);
  };
  return () => heard;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, TRACKS_POLL_MS));

/**
 * What a publisher sends, read off the library's broadcast once its onMetaData and first video
 * header are in. Audio counts only once a frame of it came: a track the metadata (or an AAC
 * sequence header) announces but that sends nothing would hold the ladder, whose filters wait
 * for a first frame of every input, for good; such a publisher is taken as video only.
 */
async function tracksOf(session: NmsSession, heardSound: () => boolean): Promise<PublishedTracks> {
  const { broadcast } = session;
  const gone = () => session.socket.destroyed;
  const deadline = Date.now() + TRACKS_WAIT_MS;
  while (
    !(broadcast.rtmpMetaData && broadcast.rtmpVideoHeader) &&
    !gone() &&
    Date.now() < deadline
  ) {
    await pause();
  }
  const announced = Boolean(session.audioCodec) || broadcast.rtmpAudioHeader !== null;
  const soundDeadline = Date.now() + SOUND_WAIT_MS;
  while (announced && !heardSound() && !gone() && Date.now() < soundDeadline) await pause();
  return { audio: heardSound() };
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
        const heardSound = listenForSound(session);
        const publisher: IncomingPublisher = {
          connectionId: session.id,
          streamKey: session.streamName,
          tracks: () => tracksOf(session, heardSound),
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
