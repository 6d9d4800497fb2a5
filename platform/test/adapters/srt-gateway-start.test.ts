import { createSocket } from 'node:dgram';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { nodeMediaServerIngest } from '../../src/adapters/live-ingest/node-media-server.js';
import { srtGatewayIngest } from '../../src/adapters/live-ingest/srt-gateway.js';
import { findFfmpeg } from '../../src/adapters/transcoder/ffmpeg-binaries.js';
import { freePort } from '../support/free-port.js';

const unexpected = () => {
  throw new Error('no publisher was expected');
};

describe('the SRT gateway starting', () => {
  it('fails on a taken UDP port and leaves the RTMP port free', async () => {
    const taken = createSocket('udp4');
    await new Promise<void>((resolve) => taken.bind(0, '127.0.0.1', () => resolve()));
    const rtmpPort = await freePort();
    const ingest = srtGatewayIngest(nodeMediaServerIngest({ host: '127.0.0.1', port: rtmpPort }), {
      host: '127.0.0.1',
      port: taken.address().port,
      ffmpeg: findFfmpeg().ffmpeg,
    });
    try {
      await expect(
        ingest.start({ mayPublish: unexpected, onPublish: unexpected, onUnpublish: unexpected }),
      ).rejects.toThrow(/EADDRINUSE/);
      const server = createServer();
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(rtmpPort, '127.0.0.1', () => resolve());
      });
      await new Promise<void>((resolve) => server.close(() => resolve()));
    } finally {
      await new Promise<void>((resolve) => taken.close(() => resolve()));
    }
  });
});
