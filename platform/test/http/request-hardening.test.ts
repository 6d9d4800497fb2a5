import { randomUUID } from 'node:crypto';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import { type Harness, startHarness } from '../support/harness.js';

/** What the fuzzer and a careless client send: each gets a 4xx that names the problem. */
let harness: Harness;
let apiKey: string;
let videoId: string;
beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  const tenant = await harness.tenant();
  apiKey = tenant.apiKey;
  videoId = randomUUID();
  await harness.reel.ctx.database.db.insert(videos).values({
    id: videoId,
    tenantId: tenant.tenantId,
    status: 'ready',
    title: 'Before',
    originalKey: `raw-uploads/${videoId}/original`,
    publishedAt: new Date(),
  });
});
afterAll(() => harness?.stop());

const call = async (method: string, path: string, body?: string | Buffer, type?: string) => {
  const response = await fetch(`${harness.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body !== undefined && { 'content-type': type ?? 'application/json' }),
    },
    ...(body !== undefined && { body }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: JSON.parse(text || 'null') };
};
const patch = (body: unknown) =>
  call('PATCH', `/v1/videos/${videoId}`, typeof body === 'string' ? body : JSON.stringify(body));
const title = async () => (await call('GET', `/v1/videos/${videoId}`)).json.title;

const upload = (body: Record<string, unknown>) =>
  call(
    'POST',
    '/v1/uploads',
    JSON.stringify({ filename: 'a.mp4', size_bytes: 100, mime: 'video/mp4', ...body }),
  );

describe('NUL characters', () => {
  it.each([
    ['title', { title: 'a\u0000b' }, 'body/title'],
    ['description', { description: 'x\u0000' }, 'body/description'],
    ['a tag', { tags: ['ok', '\u0000'] }, 'body/tags/1'],
  ])('in %s: 400 naming the field, and nothing changes', async (_, body, path) => {
    const answer = await patch(body);
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe('invalid_request');
    expect(answer.json.details.errors[0].path).toBe(path);
    expect(await title()).toBe('Before');
  });

  it('in a filename: 400 and no upload is made', async () => {
    const answer = await upload({ filename: 'a\u0000.mp4' });
    expect(answer.status).toBe(400);
    expect(answer.json.details.errors[0].path).toBe('body/filename');
  });

  it('in a search query: 400 naming the parameter', async () => {
    const answer = await call('GET', '/v1/search?q=a%00b');
    expect(answer.status).toBe(400);
    expect(answer.json.details.errors[0].path).toBe('querystring/q');
  });
});

describe('numbers', () => {
  it.each(['1e-300', '1e308', '-1', 'NaN', 'Infinity'])(
    'min_duration_sec=%s is a 400 naming the parameter',
    async (value) => {
      const answer = await call('GET', `/v1/search?q=a&min_duration_sec=${value}`);
      expect(answer.status).toBe(400);
      expect(answer.json.code).toBe('invalid_request');
      expect(JSON.stringify(answer.json.details)).toContain('min_duration_sec');
    },
  );

  it('a size given as a string or a boolean is refused, not coerced', async () => {
    for (const size_bytes of ['100', true]) {
      const answer = await upload({ size_bytes });
      expect(answer.status).toBe(400);
      expect(answer.json.details.errors[0].path).toBe('/size_bytes');
    }
  });
});

describe('bodies the contract does not allow', () => {
  it('an unknown field is a 400 naming it, not silently dropped', async () => {
    const answer = await patch({ title: 'After', colour: 'red' });
    expect(answer.status).toBe(400);
    expect(answer.json.details.errors[0].params).toEqual({ additionalProperty: 'colour' });
    expect(await title()).toBe('Before');
  });

  it('invalid UTF-8 is a 400, never stored as replacement characters', async () => {
    const bytes = Buffer.concat([
      Buffer.from('{"title":"a'),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const answer = await call('PATCH', `/v1/videos/${videoId}`, bytes);
    expect(answer.status).toBe(400);
    expect(answer.json.code).toBe('invalid_utf8');
    expect(await title()).toBe('Before');
  });

  it('broken JSON is a 400 invalid_json', async () => {
    const answer = await patch('{"title": ');
    expect(answer).toMatchObject({ status: 400, json: { code: 'invalid_json' } });
  });

  it('a prototype-polluting body is refused', async () => {
    const answer = await patch('{"title":"x","__proto__":{"admin":true}}');
    expect(answer.status).toBe(400);
    expect(await title()).toBe('Before');
  });
});

describe('requests HTTP itself refuses', () => {
  it('an undeclared method on a known path is 405 with Allow', async () => {
    const answer = await call('PUT', `/v1/videos/${videoId}`, '{}');
    expect(answer.status).toBe(405);
    expect(answer.json.code).toBe('method_not_allowed');
    expect(answer.headers.get('allow')).toBe('DELETE, GET, HEAD, PATCH');
  });

  it('an unknown path is still a 404', async () => {
    expect((await call('GET', '/v1/nothing-here')).json.code).toBe('not_found');
  });

  it('an over-long path parameter is a 400 in the error shape', async () => {
    const answer = await call('GET', `/v1/videos/${'a'.repeat(5000)}`);
    expect(answer).toMatchObject({ status: 400, json: { code: 'invalid_request' } });
  });

  it('QUERY, which Fastify wants a body for, is a 405 too', async () => {
    const answer = await call('QUERY', '/healthz');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('GET, HEAD');
  });

  it('PUT on /parts/sign is a 405, not a part number "sign"', async () => {
    const answer = await call('PUT', `/v1/uploads/${videoId}/parts/sign`, '{"part_numbers":[1]}');
    expect(answer.status).toBe(405);
    expect(answer.headers.get('allow')).toBe('POST');
  });

  it('an optional body sent as JSON null is refused, not read as empty', async () => {
    const answer = await call('POST', '/v1/signing-keys', 'null');
    expect(answer.status).toBe(400);
  });

  it('oversized headers are 431 in the error shape', async () => {
    const raw = await rawRequest(
      `GET /v1/videos HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    expect(raw).toMatch(/^HTTP\/1\.1 431 /);
    expect(JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4))).toMatchObject({
      code: 'headers_too_large',
      message: expect.any(String),
    });
  });

  it('garbage that is not HTTP is 400 in the error shape', async () => {
    const raw = await rawRequest('\u0001\u0002 nonsense\r\n\r\n');
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('"code":"bad_request"');
  });
});

function rawRequest(text: string): Promise<string> {
  const { port } = new URL(harness.url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), '127.0.0.1', () => socket.write(text));
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString()));
    socket.on('error', reject);
  });
}
