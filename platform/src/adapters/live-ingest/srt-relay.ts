import { spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import {
  encodeHandshake,
  type Handshake,
  HandshakeType,
  inductionRequest,
  isShutdown,
  parseHandshake,
  shutdownPacket,
  withCookie,
} from './srt-handshake.js';

const LOOPBACK = '127.0.0.1';
/** The relay's listener takes a moment to start; its induction is tried again until then. */
const INDUCTION_RETRY_MS = 50;
const RELAY_START_MS = 5000;
const RELAY_EXIT_MS = 2000;
/**
 * The MPEG-TS probe reads 5 s by default before the relay sends anything on; a second holds a
 * key frame (and its SPS) of an encoder that starts on one, as they do.
 */
const PROBE_MICROSECONDS = 1_000_000;

/** One kept caller's way in: an ffmpeg relay and the packets carried to and from it. */
export interface SrtRelay {
  /** A packet from the caller, for the relay. */
  fromCaller(packet: Buffer): void;
  /** Whether either side has sent nothing since this time (ms since the epoch). */
  quietSince(time: number): boolean;
  /** Ends the relay and its ffmpeg; with `tellCaller`, sends the caller a shutdown. */
  close(tellCaller: boolean): void;
  /** Resolves once its ffmpeg has exited. */
  exited: Promise<void>;
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
 * Starts ffmpeg as an SRT listener on a loopback port that copies what it gets to `rtmpUrl`,
 * inducts with it from a UDP socket of its own, hands it the caller's conclusion with the
 * listener's cookie in place of the gateway's, and from then on carries every packet both ways.
 * The caller and the listener then talk as if nothing stood between them.
 */
export async function startSrtRelay(options: {
  ffmpeg: string;
  rtmpUrl: string;
  conclusion: Handshake;
  conclusionPacket: Buffer;
  toCaller(packet: Buffer): void;
  timestamp(): number;
  onClosed(): void;
}): Promise<SrtRelay> {
  const port = await freeUdpPort();
  const ffmpeg = spawn(
    options.ffmpeg,
    [
      ...['-hide_banner', '-loglevel', 'error'],
      ...['-analyzeduration', String(PROBE_MICROSECONDS)],
      ...['-i', `srt://${LOOPBACK}:${port}?mode=listener`],
      ...['-c', 'copy', '-f', 'flv', options.rtmpUrl],
    ],
    { stdio: 'ignore' },
  );
  const exited = new Promise<void>((resolve) => ffmpeg.once('close', () => resolve()));
  const upstream = createSocket('udp4');
  let conclusionPacket = options.conclusionPacket;
  /** The listener's SYN cookie, once it answered the relay's induction. */
  let cookie: number | null = null;
  let retry: NodeJS.Timeout | undefined;
  let lastFromCaller = Date.now();
  let lastFromRelay = Date.now();
  let closed = false;
  const toRelay = (packet: Buffer) => upstream.send(packet, port, LOOPBACK);

  const close = (tellCaller: boolean) => {
    if (closed) return;
    closed = true;
    clearInterval(retry);
    if (tellCaller)
      options.toCaller(shutdownPacket(options.conclusion.socketId, options.timestamp()));
    upstream.close();
    if (ffmpeg.exitCode === null && ffmpeg.signalCode === null) {
      ffmpeg.kill('SIGTERM');
      const kill = setTimeout(() => ffmpeg.kill('SIGKILL'), RELAY_EXIT_MS);
      exited.finally(() => clearTimeout(kill));
    }
    options.onClosed();
  };

  ffmpeg.once('error', () => close(true));
  exited.then(() => close(true));
  upstream.on('error', () => close(true));
  upstream.on('message', (packet: Buffer) => {
    lastFromRelay = Date.now();
    if (cookie === null) {
      const answer = parseHandshake(packet);
      if (answer?.type !== HandshakeType.induction) return;
      cookie = answer.cookie;
      clearInterval(retry);
      toRelay(withCookie(conclusionPacket, cookie));
      return;
    }
    options.toCaller(packet);
    if (isShutdown(packet)) close(false);
  });
  upstream.bind(0, LOOPBACK, () => {
    if (closed) return;
    const induce = () =>
      toRelay(encodeHandshake(inductionRequest(options.conclusion, options.timestamp())));
    const deadline = Date.now() + RELAY_START_MS;
    retry = setInterval(() => {
      if (Date.now() > deadline) close(true);
      else induce();
    }, INDUCTION_RETRY_MS);
    induce();
  });

  return {
    fromCaller(packet) {
      if (closed) return;
      lastFromCaller = Date.now();
      // A caller repeats its conclusion until answered; the listener gets each with its cookie.
      if (parseHandshake(packet)?.type === HandshakeType.conclusion) {
        conclusionPacket = packet;
        if (cookie !== null) toRelay(withCookie(packet, cookie));
        return;
      }
      if (cookie === null) return;
      toRelay(packet);
      if (isShutdown(packet)) close(false);
    },
    quietSince: (time) => lastFromCaller < time || lastFromRelay < time,
    close,
    exited,
  };
}
