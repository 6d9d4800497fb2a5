/**
 * The few SRT packets the gateway reads and writes itself, per draft-sharabayko-srt (section 3)
 * and libsrt's docs/features/handshake.md: the 16-byte header, the handshake's fixed 48 bytes
 * and its extensions, and the shutdown control packet.
 */

const HEADER_BYTES = 16;
const HANDSHAKE_CIF_BYTES = 48;
const CONTROL_BIT = 0x80000000;
const CONTROL_HANDSHAKE = 0x0000;
const CONTROL_SHUTDOWN = 0x0005;
/** Carried in an HSv5 listener's induction answer, so the caller goes on with HSv5. */
const SRT_MAGIC = 0x4a17;
const SRT_CMD_SID = 5;
/** libsrt's own limit on a streamid. */
const MAX_STREAM_ID_BYTES = 512;

export const HandshakeType = {
  induction: 1,
  conclusion: 0xffffffff,
  /** A rejection goes on the wire as 1000 + the reason; 1403 is access control's "forbidden". */
  rejectedForbidden: 1000 + 1403,
} as const;

export interface Handshake {
  timestamp: number;
  destinationSocketId: number;
  version: number;
  encryption: number;
  extensionField: number;
  initialSequence: number;
  mtu: number;
  flowWindow: number;
  type: number;
  socketId: number;
  cookie: number;
  peerIp: Buffer;
  extensions: { type: number; content: Buffer }[];
}

const controlTypeOf = (packet: Buffer) =>
  packet.length >= HEADER_BYTES && (packet.readUInt32BE(0) & CONTROL_BIT) !== 0
    ? (packet.readUInt32BE(0) >>> 16) & 0x7fff
    : null;

export const isShutdown = (packet: Buffer) => controlTypeOf(packet) === CONTROL_SHUTDOWN;

/** A handshake control packet, or null for anything else or anything cut short. */
export function parseHandshake(packet: Buffer): Handshake | null {
  if (controlTypeOf(packet) !== CONTROL_HANDSHAKE) return null;
  if (packet.length < HEADER_BYTES + HANDSHAKE_CIF_BYTES) return null;
  const at = (offset: number) => packet.readUInt32BE(HEADER_BYTES + offset);
  const extensions: Handshake['extensions'] = [];
  let offset = HEADER_BYTES + HANDSHAKE_CIF_BYTES;
  while (offset + 4 <= packet.length) {
    const type = packet.readUInt16BE(offset);
    const end = offset + 4 + packet.readUInt16BE(offset + 2) * 4;
    if (end > packet.length) return null;
    extensions.push({ type, content: packet.subarray(offset + 4, end) });
    offset = end;
  }
  return {
    timestamp: packet.readUInt32BE(8),
    destinationSocketId: packet.readUInt32BE(12),
    version: at(0),
    encryption: packet.readUInt16BE(HEADER_BYTES + 4),
    extensionField: packet.readUInt16BE(HEADER_BYTES + 6),
    initialSequence: at(8),
    mtu: at(12),
    flowWindow: at(16),
    type: at(20),
    socketId: at(24),
    cookie: at(28),
    peerIp: Buffer.from(packet.subarray(HEADER_BYTES + 32, HEADER_BYTES + 48)),
    extensions,
  };
}

export function encodeHandshake(handshake: Handshake): Buffer {
  const extensionBytes = handshake.extensions.reduce((n, e) => n + 4 + e.content.length, 0);
  const packet = Buffer.alloc(HEADER_BYTES + HANDSHAKE_CIF_BYTES + extensionBytes);
  packet.writeUInt32BE((CONTROL_BIT | (CONTROL_HANDSHAKE << 16)) >>> 0, 0);
  packet.writeUInt32BE(handshake.timestamp >>> 0, 8);
  packet.writeUInt32BE(handshake.destinationSocketId >>> 0, 12);
  const put = (offset: number, value: number) =>
    packet.writeUInt32BE(value >>> 0, HEADER_BYTES + offset);
  put(0, handshake.version);
  packet.writeUInt16BE(handshake.encryption, HEADER_BYTES + 4);
  packet.writeUInt16BE(handshake.extensionField, HEADER_BYTES + 6);
  put(8, handshake.initialSequence);
  put(12, handshake.mtu);
  put(16, handshake.flowWindow);
  put(20, handshake.type);
  put(24, handshake.socketId);
  put(28, handshake.cookie);
  handshake.peerIp.copy(packet, HEADER_BYTES + 32, 0, 16);
  let offset = HEADER_BYTES + HANDSHAKE_CIF_BYTES;
  for (const { type, content } of handshake.extensions) {
    packet.writeUInt16BE(type, offset);
    packet.writeUInt16BE(content.length / 4, offset + 2);
    content.copy(packet, offset + 4);
    offset += 4 + content.length;
  }
  return packet;
}

/** The answer an HSv5 listener gives a caller's induction: its socket id and a SYN cookie. */
export function inductionAnswer(
  induction: Handshake,
  answer: { socketId: number; cookie: number; timestamp: number },
): Handshake {
  return {
    ...induction,
    ...answer,
    destinationSocketId: induction.socketId,
    version: 5,
    encryption: 0,
    extensionField: SRT_MAGIC,
    extensions: [],
  };
}

/** The induction request a caller sends first: HSv4-looking, as libsrt's callers send it. */
export function inductionRequest(like: Handshake, timestamp: number): Handshake {
  return {
    ...like,
    timestamp,
    destinationSocketId: 0,
    version: 4,
    encryption: 0,
    extensionField: 2,
    type: HandshakeType.induction,
    cookie: 0,
    extensions: [],
  };
}

/** A conclusion answered with a rejection code: libsrt's caller gives up on it at once. */
export function rejection(conclusion: Handshake, socketId: number, timestamp: number): Handshake {
  return {
    ...conclusion,
    timestamp,
    socketId,
    destinationSocketId: conclusion.socketId,
    type: HandshakeType.rejectedForbidden,
    extensions: [],
  };
}

/**
 * The caller's streamid (SRT_CMD_SID), or null. libsrt writes it as 32-bit words in host order,
 * so on the wire each group of four bytes is reversed; the last one is padded with NULs.
 */
export function streamIdOf(handshake: Handshake): string | null {
  const sid = handshake.extensions.find((e) => e.type === SRT_CMD_SID)?.content;
  if (!sid || sid.length === 0 || sid.length > MAX_STREAM_ID_BYTES) return null;
  const bytes = Buffer.from(sid);
  bytes.swap32();
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end === -1 ? bytes.length : end).toString('utf8');
}

/** The packet with its handshake's SYN cookie replaced: for the listener behind the gateway. */
export function withCookie(packet: Buffer, cookie: number): Buffer {
  const copy = Buffer.from(packet);
  copy.writeUInt32BE(cookie >>> 0, HEADER_BYTES + 28);
  return copy;
}

/** A shutdown control packet for the peer socket named. */
export function shutdownPacket(destinationSocketId: number, timestamp: number): Buffer {
  const packet = Buffer.alloc(HEADER_BYTES + 4);
  packet.writeUInt32BE((CONTROL_BIT | (CONTROL_SHUTDOWN << 16)) >>> 0, 0);
  packet.writeUInt32BE(timestamp >>> 0, 8);
  packet.writeUInt32BE(destinationSocketId >>> 0, 12);
  return packet;
}
