import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({
    roles: [],
    env: { REEL_RATE_LIMIT_PER_KEY: '5', REEL_RATE_LIMIT_PER_IP: '8' },
  });
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const get = (path: string, bearer?: string) =>
  contractFetch(`${harness.url}${path}`, {
    headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
  });

/** A status from a GET sent from another loopback address, so each case has its own IP budget. */
const statusFrom = (from: string, path: string, bearer?: string) =>
  new Promise<number>((resolve, reject) => {
    const req = httpRequest(`${harness.url}${path}`, {
      localAddress: from,
      headers: bearer ? { authorization: `Bearer ${bearer}` } : {},
    });
    req.on('response', (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });

describe('rate limits', () => {
  it('limits each API key per minute, with RateLimit headers and a 429 in the error shape', async () => {
    const { apiKey } = await harness.tenant();
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await get('/v1/videos', apiKey));
    expect(answers.slice(0, 5).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers[0]?.headers.get('ratelimit-limit')).toBe('5');
    expect(answers[4]?.headers.get('ratelimit-remaining')).toBe('0');
    const refused = answers[5];
    expect(refused?.status).toBe(429);
    expect(Number(refused?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await refused?.json()).toMatchObject({
      code: 'rate_limited',
      details: { retry_after_sec: expect.any(Number) },
    });
    // Another key has its own budget.
    expect((await get('/v1/videos', (await harness.tenant()).apiKey)).status).toBe(200);
  });

  it('counts wrong keys against the IP address, so keys cannot be guessed quickly', async () => {
    const statuses = [];
    for (let i = 0; i < 9; i++) statuses.push((await get('/v1/videos', 'reel_sk_guess')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401, 401, 401, 429]);
  });

  it('gives no new budget to made-up credentials: each counts against the IP address', async () => {
    const statuses = [];
    for (let i = 0; i < 9; i++) {
      statuses.push(await statusFrom('127.0.0.2', '/v1/videos', `made-up-${i}-${Math.random()}`));
    }
    expect(statuses.slice(0, 8).every((s) => s === 401)).toBe(true);
    expect(statuses[8]).toBe(429);
  });

  it('limits unauthenticated calls per IP address', async () => {
    const statuses = [];
    const manifest = '/v1/videos/7d1f0f3e-9a52-4c2b-8d4e-3f6a1b2c9d0e/manifest.m3u8';
    for (let i = 0; i < 9; i++) statuses.push(await statusFrom('127.0.0.3', manifest));
    expect(statuses.slice(0, 8).every((s) => s === 404)).toBe(true);
    expect(statuses[8]).toBe(429);
  });

  it('never limits /healthz, which load balancers poll', async () => {
    const statuses = [];
    for (let i = 0; i < 30; i++) statuses.push(await statusFrom('127.0.0.4', '/healthz'));
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
