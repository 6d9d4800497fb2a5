import { type ChildProcess, spawn } from 'node:child_process';
import { createHmac, randomBytes, randomInt } from 'node:crypto';
import { createSocket, type RemoteInfo, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import type { LiveIngest, LiveIngestHandlers } from '../../ports/live-ingest.js';
import {
  encodeHandshake,
  type Handshake,
  HandshakeType,
  inductionAnswer,
  inductionRequest,
  isShutdown,
  parseHandshake,
  rejection,
  shutdownPacket,
  streamIdOf,
  withCookie,
} from './srt-handshake.js';

const LOOPBACK = '127.0.0.1';
/** SRT peers send keep-alives every second; this long without a packet, the peer is gone. */
const QUIET_MS = 5000;
const CHECK_MS = 1000;
/** The relay's listener takes a moment to start; its induction is tried again until then. */
const INDUCTION_RETRY_MS = 50;
const RELAY_START_MS = 5000;
const RELAY_EXIT_MS = 2000;
const COOKIE_MINUTE_MS = 60_000;
const RELAY_PROBE_MICROSECONDS = 1_000_000;

interface Peer {
  address: string;
  port: number;
  streamKey: string;
  conclusion: Handshake;
  /** The caller's latest conclusion, sent on to the relay once it has given its own cookie. */
  conclusionPacket: Buffer;
  upstream: Socket;
  relayPort: number;
  relay: ChildProcess;
  relayExited: Promise<void>;
  /** The relay listener's SYN cookie, once it answered the gateway's induction. */
  relayCookie: number | null;
  retry: NodeJS.Timeout | undefined;
  lastFromCaller: number;
  lastFromRelay: number;
  closed: boolean;
}

async function freeUdpPort(): Promise<number> {
  const probe = createSocket('udp4');
  await new Promise<void>((resolve, reject) => {
    probe.once('error', reject);
    probe.bind(0, LOOPBACK, () => resolve());
  });
  const { port } = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
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
  const socket = createSocket({ type: isIP(options.host) === 6 ? 'udp6' : 'udp4' });
  const secret = randomBytes(32);
  const socketId = randomInt(1, 2 ** 31);
  const started = process.hrtime.bigint();
  const peers = new Map<string, Peer>();
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
  const toCaller = (peer: Peer, packet: Buffer) => socket.send(packet, peer.port, peer.address);

  function close(peer: Peer, tellCaller: boolean) {
    if (peer.closed) return;
    peer.closed = true;
    clearInterval(peer.retry);
    peers.delete(`${peer.address}|${peer.port}`);
    keysSending.delete(peer.streamKey);
    if (tellCaller) toCaller(peer, shutdownPacket(peer.conclusion.socketId, timestamp()));
    peer.upstream.close();
    if (peer.relay.exitCode === null && peer.relay.signalCode === null) {
      peer.relay.kill('SIGTERM');
      const kill = setTimeout(() => peer.relay.kill('SIGKILL'), RELAY_EXIT_MS);
      peer.relayExited.finally(() => clearTimeout(kill));
    }
  }

  function fromCaller(peer: Peer, packet: Buffer) {
    peer.lastFromCaller = Date.now();
    if (parseHandshake(packet)?.type === HandshakeType.conclusion) {
      peer.conclusionPacket = packet;
      if (peer.relayCookie === null) return;
      packet = withCookie(packet, peer.relayCookie);
    } else if (peer.relayCookie === null) {
      return;
    }
    peer.upstream.send(packet, peer.relayPort, LOOPBACK);
    if (isShutdown(packet)) close(peer, false);
  }

  function fromRelay(peer: Peer, packet: Buffer) {
    peer.lastFromRelay = Date.now();
    const handshake = parseHandshake(packet);
    if (peer.relayCookie === null) {
      if (handshake?.type !== HandshakeType.induction) return;
      peer.relayCookie = handshake.cookie;
      clearInterval(peer.retry);
      peer.upstream.send(
        withCookie(peer.conclusionPacket, peer.relayCookie),
        peer.relayPort,
        LOOPBACK,
      );
      return;
    }
    toCaller(peer, packet);
    if (isShutdown(packet)) close(peer, false);
  }

  async function relayFor(rinfo: RemoteInfo, conclusion: Handshake, packet: Buffer, key: string) {
    const relayPort = await freeUdpPort();
    const relay = spawn(
      options.ffmpeg,
      [
        ...['-hide_banner', '-loglevel', 'error'],
        // The MPEG-TS probe reads 5 s by default before anything goes on; a second holds a key
        // frame (and its SPS) of any encoder that starts on one, as they do.
        ...['-analyzeduration', String(RELAY_PROBE_MICROSECONDS)],
        ...['-i', `srt://${LOOPBACK}:${relayPort}?mode=listener`],
        ...['-c', 'copy', '-f', 'flv', rtmp.pullUrl(key)],
      ],
      { stdio: 'ignore' },
    );
    const upstream = createSocket('udp4');
    const peer: Peer = {
      address: rinfo.address,
      port: rinfo.port,
      streamKey: key,
      conclusion,
      conclusionPacket: packet,
      upstream,
      relayPort,
      relay,
      relayExited: new Promise((resolve) => relay.once('close', () => resolve())),
      relayCookie: null,
      retry: undefined,
      lastFromCaller: Date.now(),
      lastFromRelay: Date.now(),
      closed: false,
    };
    peers.set(`${rinfo.address}|${rinfo.port}`, peer);
    relay.once('error', () => close(peer, true));
    peer.relayExited.then(() => close(peer, true));
    upstream.on('message', (message) => fromRelay(peer, message));
    upstream.on('error', () => close(peer, true));
    upstream.bind(0, LOOPBACK, () => {
      const induce = () =>
        upstream.send(
          encodeHandshake(inductionRequest(conclusion, timestamp())),
          relayPort,
          LOOPBACK,
        );
      const deadline = Date.now() + RELAY_START_MS;
      peer.retry = setInterval(() => {
        if (Date.now() > deadline) close(peer, true);
        else induce();
      }, INDUCTION_RETRY_MS);
      induce();
    });
  }

  async function admit(rinfo: RemoteInfo, conclusion: Handshake, packet: Buffer) {
    const key = streamIdOf(conclusion);
    const allowed =
      key !== null &&
      !keysSending.has(key) &&
      (await handlers?.mayPublish(key).catch(() => false)) === true &&
      !keysSending.has(key);
    if (!allowed || key === null) {
      const refusal = rejection(conclusion, socketId, timestamp());
      socket.send(encodeHandshake(refusal), rinfo.port, rinfo.address);
      return;
    }
    keysSending.add(key);
    await relayFor(rinfo, conclusion, packet, key).catch(() => keysSending.delete(key));
  }

  // Callers whose key is being looked up: their repeated conclusions wait for the answer.
  const admitting = new Set<string>();

  function onMessage(packet: Buffer, rinfo: RemoteInfo) {
    const peerKey = `${rinfo.address}|${rinfo.port}`;
    const peer = peers.get(peerKey);
    if (peer) return fromCaller(peer, packet);
    if (admitting.has(peerKey)) return;
    const handshake = parseHandshake(packet);
    if (handshake?.type === HandshakeType.induction) {
      const answer = inductionAnswer(handshake, {
        socketId,
        cookie: cookieFor(rinfo, minuteNow()),
        timestamp: timestamp(),
      });
      socket.send(encodeHandshake(answer), rinfo.port, rinfo.address);
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
      });
      // A send to a caller that went away must not bring the role down.
      socket.on('error', () => undefined);
      timer = setInterval(() => {
        const quietSince = Date.now() - QUIET_MS;
        for (const peer of peers.values()) {
          if (peer.lastFromCaller < quietSince || peer.lastFromRelay < quietSince)
            close(peer, true);
        }
      }, CHECK_MS);
    },
    pullUrl: (streamKey) => rtmp.pullUrl(streamKey),
    cut: (connectionId) => rtmp.cut(connectionId),
    async stop() {
      clearInterval(timer);
      const exits = [...peers.values()].map((peer) => peer.relayExited);
      for (const peer of [...peers.values()]) close(peer, true);
      await Promise.all(exits);
      await new Promise<void>((resolve) => socket.close(() => resolve()));
      await rtmp.stop();
    },
  };
}
