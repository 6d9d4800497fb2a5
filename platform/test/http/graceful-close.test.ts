import { createConnection, type Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { startHarness } from '../support/harness.js';

const connect = (url: string) =>
  new Promise<Socket>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const socket = createConnection({ host: hostname, port: Number(port) }, () => resolve(socket));
    socket.on('error', reject);
  });

describe('closing the API', () => {
  // Node would wait a minute (its headers timeout) for a connection that never sent a request.
  it('hangs up, as it stops, on a connection that never sent a request', async () => {
    const harness = await startHarness({ roles: [] });
    const silent = await connect(harness.url);
    const hungUp = new Promise<void>((resolve) => silent.on('close', () => resolve()));
    // Another client's requests are answered as usual until then.
    expect((await fetch(`${harness.url}/healthz`)).status).toBe(200);
    await harness.stop();
    await hungUp;
    expect(silent.destroyed).toBe(true);
  }, 20_000);
});
