import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { createSocket, type RemoteInfo } from 'node:dgram';
import { isIP } from 'node:net';
import type { LiveIngest, LiveIngestHandlers } from '../../ports/live-ingest.js';
import {
  encodeHandshake,
  type Handshake,
  HandshakeType,
  inductionAnswer,
  parseHandshake,
  rejection,
  streamIdOf,
} from './srt-handshake.js';
import { type SrtRelay, startSrtRelay } from './srt-relay.js';

/** SRT peers send keep-alives every second; this long without a packet, the peer is gone. */
const QUIET_MS = 5000;
const CHECK_MS = 1000;
const COOKIE_MINUTE_MS = 60_000;

/**
 * SRT ingest in front of the RTMP one. ffmpeg's SRT listener takes any caller whatever its
 * streamid, so the gateway holds the handshake itself: it answers the caller's induction with
 * its own cookie, reads the streamid off the conclusion and asks `mayPublish`. A refused caller
 * gets a rejection (access control's "forbidden"); a kept one gets an ffmpeg relay
 * (SRT listener on loopback → RTMP to the ingest behind), which the gateway hands the caller's
 * conclusion to after its own induction with it, and then carries every packet both ways.
 */
export function srtGatewayIngest(
  rtmp: LiveIngest,
  options: { host: string; port: number; ffmpeg: string },
): LiveIngest {
  const socket = createSocket({ type: isIP(options.host) === 6 ? 'udp6' : 'udp4' });
  const secret = randomBytes(32);
  const socketId = randomInt(1, 2 ** 31);
  const started = process.hrtime.bigint();
  const relays = new Map<string, SrtRelay>();
  const keysSending = new Set<string>();
  let handlers: LiveIngestHandlers | undefined;
  let timer: NodeJS.Timeout | undefined;

  const timestamp = () => Number(((process.hrtime.bigint() - started) / 1000n) & 0xffffffffn);
  const cookieFor = (rinfo: RemoteInfo, minute: number) =>
    createHmac('sha256', secret)
      .update(`${rinfo.address}|${rinfo.port}|${minute}`)
      .digest()
      .readUInt32BE(0);
  const minuteNow = () => Math.floor(Date.now() / COOKIE_MINUTE_MS);
  const send = (packet: Buffer, rinfo: RemoteInfo) =>
    socket.send(packet, rinfo.port, rinfo.address);

  async function relayFor(rinfo: RemoteInfo, conclusion: Handshake, packet: Buffer, key: string) {
    const peerKey = `${rinfo.address}|${rinfo.port}`;
    const relay = await startSrtRelay({
      ffmpeg: options.ffmpeg,
      rtmpUrl: rtmp.pullUrl(key),
      conclusion,
      conclusionPacket: packet,
      toCaller: (answer) => send(answer, rinfo),
      timestamp,
      onClosed() {
        relays.delete(peerKey);
        keysSending.delete(key);
      },
    });
    relays.set(peerKey, relay);
  }

  async function admit(rinfo: RemoteInfo, conclusion: Handshake, packet: Buffer) {
    const key = streamIdOf(conclusion);
    const allowed =
      key !== null &&
      !keysSending.has(key) &&
      (await handlers?.mayPublish(key).catch(() => false)) === true &&
      !keysSending.has(key);
    if (!allowed || key === null) {
      send(encodeHandshake(rejection(conclusion, socketId, timestamp())), rinfo);
      return;
    }
    keysSending.add(key);
    await relayFor(rinfo, conclusion, packet, key).catch(() => keysSending.delete(key));
  }

  // Callers whose key is being looked up: their repeated conclusions wait for the answer.
  const admitting = new Set<string>();

  function onMessage(packet: Buffer, rinfo: RemoteInfo) {
    const peerKey = `${rinfo.address}|${rinfo.port}`;
    const relay = relays.get(peerKey);
    if (relay) return relay.fromCaller(packet);
    if (admitting.has(peerKey)) return;
    const handshake = parseHandshake(packet);
    if (handshake?.type === HandshakeType.induction) {
      const answer = inductionAnswer(handshake, {
        socketId,
        cookie: cookieFor(rinfo, minuteNow()),
        timestamp: timestamp(),
      });
      send(encodeHandshake(answer), rinfo);
      return;
    }
    if (handshake?.type !== HandshakeType.conclusion) return;
    const minute = minuteNow();
    if (
      handshake.cookie !== cookieFor(rinfo, minute) &&
      handshake.cookie !== cookieFor(rinfo, minute - 1)
    ) {
      return;
    }
    admitting.add(peerKey);
    admit(rinfo, handshake, packet)
      .catch(() => undefined)
      .then(() => admitting.delete(peerKey));
  }

  return {
    async start(given) {
      handlers = given;
      await rtmp.start(given);
      socket.on('message', (packet, rinfo) => {
        try {
          onMessage(packet, rinfo);
        } catch {
          // Whatever a datagram holds, it costs the gateway nothing but itself.
        }
      });
      await new Promise<void>((resolve, reject) => {
        socket.once('error', reject);
        socket.bind(options.port, options.host, () => {
          socket.off('error', reject);
          resolve();
        });
      }).catch(async (error: unknown) => {
        // A taken UDP port fails the start: the RTMP listener must not stay open behind it.
        await rtmp.stop();
        throw error;
      });
      // A send to a caller that went away must not bring the role down.
      socket.on('error', () => undefined);
      timer = setInterval(() => {
        const quietSince = Date.now() - QUIET_MS;
        for (const relay of relays.values()) if (relay.quietSince(quietSince)) relay.close(true);
      }, CHECK_MS);
    },
    pullUrl: (streamKey) => rtmp.pullUrl(streamKey),
    cut: (connectionId) => rtmp.cut(connectionId),
    async stop() {
      clearInterval(timer);
      const open = [...relays.values()];
      for (const relay of open) relay.close(true);
      await Promise.all(open.map((relay) => relay.exited));
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      await rtmp.stop();
    },
  };
}
