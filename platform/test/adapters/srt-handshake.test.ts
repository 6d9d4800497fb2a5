import { describe, expect, it } from 'vitest';
import {
  encodeHandshake,
  HandshakeType,
  inductionAnswer,
  inductionRequest,
  isShutdown,
  parseHandshake,
  rejection,
  shutdownPacket,
  streamIdOf,
  withCookie,
} from '../../src/adapters/live-ingest/srt-handshake.js';

/**
 * A caller's conclusion as libsrt 1.5 sends it, byte for byte: header (control, handshake),
 * the 48 fixed bytes (version 5, flags HSREQ|KMREQ|CONFIG, seq, MTU 1500, window 8192,
 * CONCLUSION, socket id, cookie, peer IP 127.0.0.1), an HSREQ and a SID "live/abc12" whose
 * words are byte-swapped.
 */
const CONCLUSION = Buffer.from(
  [
    '80000000 00000000 0000abcd 00000000',
    '00000005 00000007 1a2b3c4d 000005dc 00002000 ffffffff 2f00001b 9e3779b9',
    '0100007f 00000000 00000000 00000000',
    '00010003 00010501 000000bf 00780078',
    '00050003 6576696c 6362612f 00003231',
  ]
    .join('')
    .replaceAll(/\s/g, ''),
  'hex',
);

describe('SRT handshake packets', () => {
  it('reads a conclusion field by field, its streamid unswapped', () => {
    const handshake = parseHandshake(CONCLUSION);
    expect(handshake).toMatchObject({
      timestamp: 0xabcd,
      destinationSocketId: 0,
      version: 5,
      encryption: 0,
      extensionField: 7,
      initialSequence: 0x1a2b3c4d,
      mtu: 1500,
      flowWindow: 8192,
      type: HandshakeType.conclusion,
      socketId: 0x2f00001b,
      cookie: 0x9e3779b9,
    });
    expect(handshake?.extensions.map((e) => [e.type, e.content.length])).toEqual([
      [1, 12],
      [5, 12],
    ]);
    expect(handshake && streamIdOf(handshake)).toBe('live/abc12');
  });

  it('writes back the same bytes it read', () => {
    const handshake = parseHandshake(CONCLUSION);
    expect(handshake && encodeHandshake(handshake).equals(CONCLUSION)).toBe(true);
  });

  it('answers an induction as an HSv5 listener, and asks one as a caller', () => {
    const caller = parseHandshake(CONCLUSION);
    if (!caller) throw new Error('unparsed');
    const request = parseHandshake(encodeHandshake(inductionRequest(caller, 9)));
    expect(request).toMatchObject({
      version: 4,
      extensionField: 2,
      type: HandshakeType.induction,
      cookie: 0,
      destinationSocketId: 0,
      socketId: 0x2f00001b,
      extensions: [],
    });
    if (!request) throw new Error('unparsed');
    const answer = parseHandshake(
      encodeHandshake(inductionAnswer(request, { socketId: 77, cookie: 0xdeadbeef, timestamp: 5 })),
    );
    expect(answer).toMatchObject({
      version: 5,
      extensionField: 0x4a17,
      type: HandshakeType.induction,
      socketId: 77,
      cookie: 0xdeadbeef,
      destinationSocketId: 0x2f00001b,
      extensions: [],
    });
  });

  it('refuses with access control "forbidden" (1000 + 1403), to the caller socket', () => {
    const caller = parseHandshake(CONCLUSION);
    if (!caller) throw new Error('unparsed');
    const refusal = encodeHandshake(rejection(caller, 77, 1));
    expect(refusal.readUInt32BE(16 + 20)).toBe(2403);
    expect(refusal.readUInt32BE(12)).toBe(0x2f00001b);
    expect(refusal.length).toBe(64);
  });

  it('rewrites only the cookie', () => {
    const rewritten = withCookie(CONCLUSION, 0x01020304);
    expect(parseHandshake(rewritten)?.cookie).toBe(0x01020304);
    expect(rewritten.subarray(0, 44).equals(CONCLUSION.subarray(0, 44))).toBe(true);
    expect(rewritten.subarray(48).equals(CONCLUSION.subarray(48))).toBe(true);
    expect(parseHandshake(CONCLUSION)?.cookie).toBe(0x9e3779b9);
  });

  it('reads nothing out of garbage, short packets, data packets and overlong extensions', () => {
    expect(parseHandshake(Buffer.alloc(0))).toBeNull();
    expect(parseHandshake(CONCLUSION.subarray(0, 63))).toBeNull();
    // A data packet (top bit clear) and a control packet of another type.
    expect(parseHandshake(Buffer.concat([Buffer.from([0x00]), CONCLUSION.subarray(1)]))).toBeNull();
    expect(parseHandshake(shutdownPacket(1, 0))).toBeNull();
    // An extension claiming more words than the packet holds.
    const overlong = Buffer.from(CONCLUSION);
    overlong.writeUInt16BE(0xffff, 16 + 48 + 16 + 2);
    expect(parseHandshake(overlong)).toBeNull();
  });

  it('takes no streamid that is absent, empty or over 512 bytes; NULs end it', () => {
    const base = parseHandshake(CONCLUSION);
    if (!base) throw new Error('unparsed');
    expect(streamIdOf({ ...base, extensions: [] })).toBeNull();
    expect(streamIdOf({ ...base, extensions: [{ type: 5, content: Buffer.alloc(0) }] })).toBeNull();
    expect(streamIdOf({ ...base, extensions: [{ type: 5, content: Buffer.alloc(516, 1) }] })).toBe(
      null,
    );
    const nul = Buffer.from('\0key', 'latin1').swap32();
    expect(streamIdOf({ ...base, extensions: [{ type: 5, content: nul }] })).toBe('');
  });

  it('knows a shutdown from anything else', () => {
    const shutdown = shutdownPacket(0x2f00001b, 3);
    expect(isShutdown(shutdown)).toBe(true);
    expect(shutdown.readUInt32BE(12)).toBe(0x2f00001b);
    expect(isShutdown(CONCLUSION)).toBe(false);
    expect(isShutdown(Buffer.from([0x80, 0x05]))).toBe(false);
  });
});
