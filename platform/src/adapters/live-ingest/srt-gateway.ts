import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
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
/** `localhost` is ::1 on some systems and 127.0.0.1 on others: a loopback gateway takes both. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

/** Where a datagram came from, and the way to answer it (from the socket it came in on). */
interface Sender {
  address: string;
  port: number;
  reply(packet: Buffer): void;
}

async function bound(host: string, port: number): Promise<Socket> {
  const socket = createSocket({ type: isIP(host) === 6 ? 'udp6' : 'udp4' });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return socket;
}

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
  const sockets: Socket[] = [];
  const secret = randomBytes(32);
  const socketId = randomInt(1, 2 ** 31);
  const started = process.hrtime.bigint();
  const relays = new Map<string, SrtRelay>();
  const keysSending = new Set<string>();
  let handlers: LiveIngestHandlers | undefined;
  let timer: NodeJS.Timeout | undefined;

  const timestamp = () => Number(((process.hrtime.bigint() - started) / 1000n) & 0xffffffffn);
  const cookieFor = (from: Sender, minute: number) =>
    createHmac('sha256', secret)
      .update(`${from.address}|${from.port}|${minute}`)
      .digest()
      .readUInt32BE(0);
  const minuteNow = () => Math.floor(Date.now() / COOKIE_MINUTE_MS);

  async function relayFor(from: Sender, conclusion: Handshake, packet: Buffer, key: string) {
    const peerKey = `${from.address}|${from.port}`;
    const relay = await startSrtRelay({
      ffmpeg: options.ffmpeg,
      rtmpUrl: rtmp.pullUrl(key),
      conclusion,
      conclusionPacket: packet,
      toCaller: (answer) => from.reply(answer),
      timestamp,
      onClosed() {
        relays.delete(peerKey);
        keysSending.delete(key);
      },
    });
    relays.set(peerKey, relay);
  }

  async function admit(from: Sender, conclusion: Handshake, packet: Buffer) {
    const key = streamIdOf(conclusion);
    const allowed =
      key !== null &&
      !keysSending.has(key) &&
      (await handlers?.mayPublish(key).catch(() => false)) === true &&
      !keysSending.has(key);
    if (!allowed || key === null) {
      from.reply(encodeHandshake(rejection(conclusion, socketId, timestamp())));
      return;
    }
    keysSending.add(key);
    await relayFor(from, conclusion, packet, key).catch(() => keysSending.delete(key));
  }

  // Callers whose key is being looked up: their repeated conclusions wait for the answer.
  const admitting = new Set<string>();

  function onMessage(packet: Buffer, from: Sender) {
    const peerKey = `${from.address}|${from.port}`;
    const relay = relays.get(peerKey);
    if (relay) return relay.fromCaller(packet);
    if (admitting.has(peerKey)) return;
    const handshake = parseHandshake(packet);
    if (handshake?.type === HandshakeType.induction) {
      const answer = inductionAnswer(handshake, {
        socketId,
        cookie: cookieFor(from, minuteNow()),
        timestamp: timestamp(),
      });
      from.reply(encodeHandshake(answer));
      return;
    }
    if (handshake?.type !== HandshakeType.conclusion) return;
    const minute = minuteNow();
    if (
      handshake.cookie !== cookieFor(from, minute) &&
      handshake.cookie !== cookieFor(from, minute - 1)
    ) {
      return;
    }
    admitting.add(peerKey);
    admit(from, handshake, packet)
      .catch(() => undefined)
      .then(() => admitting.delete(peerKey));
  }

  return {
    async start(given) {
      handlers = given;
      await rtmp.start(given);
      const [first = options.host, ...others] = LOOPBACK_HOSTS.has(options.host)
        ? ['127.0.0.1', '::1']
        : [options.host];
      // A taken UDP port fails the start: the RTMP listener must not stay open behind it.
      sockets.push(
        await bound(first, options.port).catch(async (error: unknown) => {
          await rtmp.stop();
          throw error;
        }),
      );
      for (const host of others) {
        // A machine without IPv6 has no ::1; its `localhost` is 127.0.0.1 alone.
        const socket = await bound(host, options.port).catch(() => null);
        if (socket) sockets.push(socket);
      }
      for (const socket of sockets) {
        socket.on('message', (packet, rinfo) => {
          const reply = (answer: Buffer) => socket.send(answer, rinfo.port, rinfo.address);
          try {
            onMessage(packet, { address: rinfo.address, port: rinfo.port, reply });
          } catch {
            // Whatever a datagram holds, it costs the gateway nothing but itself.
          }
        });
        // A send to a caller that went away must not bring the role down.
        socket.on('error', () => undefined);
      }
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
      await Promise.all(
        sockets.map((socket) => new Promise<void>((resolve) => socket.close(() => resolve()))),
      );
      await rtmp.stop();
    },
  };
}
