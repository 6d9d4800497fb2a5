import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/contract.js';
import { type Harness, startHarness } from '../support/harness.js';

/**
 * Every route × every kind of body a client can send by mistake or on purpose: the process stays
 * up and each answer is a 4xx in the error shape. Raw sockets, so nothing is tidied on the way.
 */
let harness: Harness;
let apiKey: string;
beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  ({ apiKey } = await harness.tenant());
});
afterAll(() => harness?.stop());

const ID = '7d1f0f3e-9a52-4c2b-8d4e-3f6a1b2c9d0e';
const operations = loadContract().operations;
const pathOf = (path: string) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    name === 'part_number' ? '1' : name === 'size' ? 'small' : name === 'segment' ? '0.m4s' : ID,
  );

const multipart = [
  '--b',
  'Content-Disposition: form-data; name="title"',
  '',
  'x',
  '--b--',
  '',
].join('\r\n');
const BODIES: Record<string, { type?: string; body: Buffer }> = {
  'octet-stream': { type: 'application/octet-stream', body: Buffer.from([0, 1, 2, 255, 0]) },
  xml: { type: 'application/xml', body: Buffer.from('<video><title>x</title></video>') },
  form: { type: 'application/x-www-form-urlencoded', body: Buffer.from('title=x&size_bytes=1') },
  multipart: { type: 'multipart/form-data; boundary=b', body: Buffer.from(multipart) },
  'no content type': { body: Buffer.from('{"title":"x"}') },
  'empty json': { type: 'application/json', body: Buffer.alloc(0) },
  'json with a charset we do not speak': {
    type: 'application/json; charset=utf-16',
    body: Buffer.from('{"title":"x"}', 'utf16le'),
  },
  '20 MB': { type: 'application/octet-stream', body: Buffer.alloc(20 * 1024 * 1024, 7) },
  '20 MB json': { type: 'application/json', body: Buffer.alloc(20 * 1024 * 1024, 0x20) },
};

interface Answer {
  status: number;
  body: string;
}

function send(
  method: string,
  path: string,
  body: { type?: string; body: Buffer },
  bearer?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${harness.url}${path}`, {
      method,
      headers: {
        ...(body.type && { 'content-type': body.type }),
        'content-length': String(body.body.length),
        ...(bearer && { authorization: `Bearer ${bearer}` }),
      },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }),
      );
    });
    // A server may answer and close before reading a large body: the answer still counts.
    req.on('error', (error) => reject(error));
    req.end(body.body);
  });
}

/** Declares more bytes than it sends, then hangs up: the server must not wait or fall over. */
function sendTruncated(method: string, path: string, bearer: string): Promise<void> {
  const { port } = new URL(harness.url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), '127.0.0.1', () => {
      socket.write(
        `${method} ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n` +
          `Authorization: Bearer ${bearer}\r\nContent-Length: 1000\r\n\r\n{"title":"x`,
      );
      socket.end();
    });
    socket.on('close', () => resolve());
    socket.on('error', () => resolve());
    socket.resume();
  });
}

const isErrorShape = (text: string) => {
  try {
    const json = JSON.parse(text) as { code?: unknown; message?: unknown };
    return typeof json.code === 'string' && typeof json.message === 'string';
  } catch {
    return false;
  }
};

const healthy = async () => (await fetch(`${harness.url}/healthz`)).status;

describe('crash corpus: every route with every kind of body', () => {
  for (const op of operations) {
    if (op.method === 'GET') continue;
    it(`${op.method} ${op.path}`, async () => {
      const path = pathOf(op.path);
      const raw = op.operationId === 'uploadPart';
      const wrong: string[] = [];
      for (const [kind, body] of Object.entries(BODIES)) {
        for (const bearer of [undefined, apiKey]) {
          const answer = await send(op.method, path, body, bearer);
          const who = bearer ? 'api key' : 'anonymous';
          if (answer.status < 400 || answer.status >= 500 || !isErrorShape(answer.body)) {
            wrong.push(`${kind} (${who}): ${answer.status} ${answer.body.slice(0, 120)}`);
          }
          // A JSON route refuses other media types by name, whoever calls.
          const foreign = body.type && !body.type.startsWith('application/json');
          if (op.jsonBody && !raw && foreign && answer.status !== 415) {
            wrong.push(`${kind} (${who}): ${answer.status}, expected 415`);
          }
        }
      }
      await sendTruncated(op.method, path, apiKey);
      expect(wrong).toEqual([]);
      expect(await healthy()).toBe(200);
    });
  }

  it('GET routes ignore a body they never asked for and stay up', async () => {
    const wrong: string[] = [];
    for (const op of operations.filter((o) => o.method === 'GET')) {
      const answer = await send('GET', pathOf(op.path), BODIES.xml as never, apiKey);
      if (answer.status >= 500) wrong.push(`${op.path}: ${answer.status}`);
    }
    expect(wrong).toEqual([]);
    expect(await healthy()).toBe(200);
  });
});
