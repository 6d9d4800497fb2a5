import { lookup } from 'node:dns/promises';
import { getDefaultAutoSelectFamily, setDefaultAutoSelectFamily } from 'node:net';
import { ReelError } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postWebhook } from '../../src/app/webhooks/post-webhook.js';
import { clip } from '../support/clips.js';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { ssrfCorpus } from '../support/ssrf-corpus.js';
import { startReceiver } from '../support/webhook-receiver.js';

/** `reel dev`: loopback receivers allowed. */
const DEV = {
  REEL_WEBHOOK_RETRY_SCHEDULE: '300ms,300ms,300ms',
  REEL_WEBHOOK_ALLOW_LOOPBACK: 'true',
  REEL_WEBHOOK_TIMEOUT_MS: '2000',
};
/** Production: loopback refused like any other inward address. */
const PRODUCTION = { ...DEV, REEL_WEBHOOK_ALLOW_LOOPBACK: 'false' };

/*
 * The name that resolves to loopback through the system resolver is plain `localhost`: every
 * Debian install lists it in /etc/hosts, which getaddrinfo reads (nsswitch `files`). Names
 * under `.localhost` need nss-myhostname or systemd-resolved, absent on a minimal Debian and
 * here, and glibc's files backend does not match `localhost.`; both only appear in the corpus,
 * where they must be refused whether or not they resolve.
 */
const onLocalhost = (url: string) => url.replace('//127.0.0.1:', '//localhost:');

const post = (url: string, allowLoopback: boolean) =>
  postWebhook(url, '{"type":"test"}', {}, { timeoutMs: 2000, allowLoopback });

afterAll(() => {
  expect(violations).toEqual([]);
});

describe('the sender and DNS names', () => {
  it('localhost resolves, through the system resolver, to loopback only', async () => {
    const answers = await lookup('localhost', { all: true });
    expect(answers.length).toBeGreaterThan(0);
    for (const { address } of answers) expect(['127.0.0.1', '::1']).toContain(address);
  });

  it('answers Node in the form it asked for: every address, or one', async () => {
    const receiver = await startReceiver();
    const autoSelect = getDefaultAutoSelectFamily();
    try {
      for (const family of [true, false]) {
        // With autoSelectFamily Node asks the lookup for all addresses; without it, for one.
        setDefaultAutoSelectFamily(family);
        const response = await post(onLocalhost(receiver.url), true);
        expect({ family, response }).toMatchObject({
          family,
          response: { statusCode: 200, error: null },
        });
      }
    } finally {
      setDefaultAutoSelectFamily(autoSelect);
      await receiver.close();
    }
    expect(receiver.received).toHaveLength(2);
  });
});

describe('webhooks to hostnames, loopback allowed (reel dev)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: DEV });
  });
  afterAll(async () => {
    await harness?.stop();
  });

  it('delivers signed events to http://localhost:PORT end to end', async () => {
    const { sdk } = await harness.tenant();
    const receiver = await startReceiver();
    const endpoint = await sdk.webhookEndpoints.create({
      url: onLocalhost(receiver.url),
      event_types: ['video.published'],
    });
    expect(endpoint.url).toMatch(/^http:\/\/localhost:\d+\/hooks$/);
    const uploaded = await uploadFile(sdk, await clip('tiny.mp4'));
    const got = await until('the video.published delivery', () => receiver.received[0], 90_000);
    const event = new Webhook(endpoint.secret).verify(
      got.body,
      got.headers as Record<string, string>,
    ) as { type: string; data: { video: { video_id: string } } };
    expect(event).toMatchObject({
      type: 'video.published',
      data: { video: { video_id: uploaded.video_id } },
    });
    const delivery = await until('the delivery to be recorded as succeeded', async () => {
      const [recorded] = await sdk.webhookEndpoints.deliveries(endpoint.endpoint_id).all();
      return recorded?.status === 'succeeded' ? recorded : undefined;
    });
    expect(delivery.attempts.map((a) => [a.status_code, a.error])).toEqual([[200, null]]);
    await receiver.close();
  });

  it('never follows a redirect, not even to a receiver it could reach', async () => {
    const { sdk } = await harness.tenant();
    const inner = await startReceiver();
    const redirecting = await startReceiver([302, 307, 308, 301], { redirectTo: inner.url });
    const endpoint = await sdk.webhookEndpoints.create({
      url: onLocalhost(redirecting.url),
      event_types: ['video.created'],
    });
    await sdk.uploads.create({
      filename: 'redirect.mp4',
      size_bytes: 6_000_000,
      mime: 'video/mp4',
      sha256: 'a'.repeat(64),
    });
    const [failed] = await until('the delivery to fail', async () => {
      const list = await sdk.webhookEndpoints
        .deliveries(endpoint.endpoint_id, { status: 'failed' })
        .all();
      return list.length ? list : undefined;
    });
    expect(failed?.attempts.map((a) => [a.status_code, a.error])).toEqual(
      [302, 307, 308, 301].map((status) => [status, 'redirects are not followed']),
    );
    expect(redirecting.received).toHaveLength(4);
    expect(inner.received).toEqual([]);
    await Promise.all([inner.close(), redirecting.close()]);
  });
});

describe('the SSRF corpus in production mode', () => {
  /** The API and webhook workers of a production deployment. */
  let production: Harness;
  /**
   * An API that accepted loopback URLs, standing for a name that resolved to a public address
   * when the endpoint was made and inward when it is delivered to (DNS rebinding).
   */
  let accepting: Harness;
  beforeAll(async () => {
    production = await startHarness({ env: PRODUCTION, roles: ['webhooks'] });
    accepting = await startHarness({ env: DEV, roles: ['relay'] });
  });
  afterAll(async () => {
    await accepting?.stop();
    await production?.stop();
  });

  it('has at least 40 spellings', () => {
    expect(ssrfCorpus(1).length).toBeGreaterThanOrEqual(40);
  });

  it('refuses every spelling at endpoint creation with 400 or 422 and {code, message}', async () => {
    const { sdk } = await production.tenant();
    const receiver = await startReceiver();
    const port = Number(new URL(receiver.url).port);
    const answers = await Promise.all(
      ssrfCorpus(port).map(async (url) => {
        const error = await sdk.webhookEndpoints.create({ url }).then(
          () => undefined,
          (e: unknown) => e,
        );
        return {
          url,
          refused:
            error instanceof ReelError &&
            [400, 422].includes(error.status) &&
            error.code !== 'unknown_error' &&
            error.message.length > 0,
        };
      }),
    );
    expect(answers.filter((a) => !a.refused)).toEqual([]);
    expect(await sdk.webhookEndpoints.list().all()).toEqual([]);
    expect(receiver.received).toEqual([]);
    await receiver.close();
  });

  it('the sender refuses every spelling before a byte leaves', async () => {
    const receiver = await startReceiver();
    const port = Number(new URL(receiver.url).port);
    const sendable = ssrfCorpus(port).filter((url) => URL.canParse(url));
    const responses = await Promise.all(
      sendable.map(async (url) => ({ url, error: (await post(url, false)).error })),
    );
    const notRefused = responses.filter(
      // A name that does not resolve here never reaches anything either.
      (r) => !r.error?.startsWith('refused: ') && !r.error?.includes('ENOTFOUND'),
    );
    expect(notRefused).toEqual([]);
    expect(receiver.received).toEqual([]);
    await receiver.close();
  });

  it('records a refusal on every delivery to an inward address, and nothing arrives', async () => {
    const { sdk } = await accepting.tenant();
    const receiver = await startReceiver();
    const port = Number(new URL(receiver.url).port);
    const made = await Promise.all(
      ssrfCorpus(port).map((url) =>
        sdk.webhookEndpoints.create({ url, event_types: ['video.created'] }).catch(() => undefined),
      ),
    );
    const endpoints = made.filter((e) => e !== undefined);
    // The loopback spellings get this far, localhost among them: its DNS answers are checked.
    expect(endpoints.map((e) => e.url)).toContain(onLocalhost(receiver.url));
    expect(endpoints.length).toBeGreaterThanOrEqual(20);
    await sdk.uploads.create({
      filename: 'inward.mp4',
      size_bytes: 6_000_000,
      mime: 'video/mp4',
      sha256: 'b'.repeat(64),
    });
    const firstAttempts = await until('a first attempt on every endpoint', async () => {
      const attempts = await Promise.all(
        endpoints.map(async (e) => ({
          url: e.url,
          attempt: (await sdk.webhookEndpoints.deliveries(e.endpoint_id).all())[0]?.attempts[0],
        })),
      );
      return attempts.every((a) => a.attempt) ? attempts : undefined;
    });
    expect(
      firstAttempts.filter(
        ({ attempt }) => attempt?.status_code !== null || !attempt?.error?.startsWith('refused: '),
      ),
    ).toEqual([]);
    expect(receiver.received).toEqual([]);
    await receiver.close();
  });
});
