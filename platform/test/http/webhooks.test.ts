import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { type ReelError, webhooks } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { startWorkers } from '../../src/workers/roles.js';
import { clip } from '../support/clips.js';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness, testEnv } from '../support/harness.js';
import { sleep, until } from '../support/polling.js';
import { startReceiver } from '../support/webhook-receiver.js';

const FAST = {
  REEL_WEBHOOK_RETRY_SCHEDULE: '300ms,300ms,300ms',
  REEL_WEBHOOK_ALLOW_LOOPBACK: 'true',
  REEL_WEBHOOK_TIMEOUT_MS: '2000',
};
let harness: Harness;

beforeAll(async () => {
  harness = await startHarness({ env: FAST });
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('webhook delivery', () => {
  it('delivers one verified video.published even though the first two attempts failed', async () => {
    const { sdk } = await harness.tenant();
    const receiver = await startReceiver([503, 500]);
    const endpoint = await sdk.webhookEndpoints.create({
      url: receiver.url,
      event_types: ['video.published'],
    });
    expect(endpoint.secret).toMatch(/^whsec_/);
    const uploaded = await uploadFile(sdk, await clip('tiny.mp4'));
    await until('three attempts', () => receiver.received.length >= 3 || undefined);
    await sleep(1000); // no fourth attempt comes after the success
    expect(receiver.received).toHaveLength(3);

    const ids = new Set(receiver.received.map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1); // one event, so a receiver deduping on webhook-id acts once
    const last = receiver.received[2];
    const event = new Webhook(endpoint.secret).verify(
      last?.body ?? '',
      last?.headers as Record<string, string>,
    ) as { type: string; data: { video: { video_id: string; status: string } }; sequence: number };
    expect(event).toMatchObject({
      type: 'video.published',
      data: { video: { video_id: uploaded.video_id, status: 'ready' } },
    });
    expect(event.sequence).toBeGreaterThan(1);
    expect(
      (
        await webhooks.unwrap(
          last?.body ?? '',
          last?.headers as Record<string, string>,
          endpoint.secret,
        )
      ).type,
    ).toBe('video.published');

    const [delivery] = await sdk.webhookEndpoints.deliveries(endpoint.endpoint_id).all();
    expect(delivery).toMatchObject({
      status: 'succeeded',
      event_type: 'video.published',
      attempt_count: 3,
    });
    expect(delivery?.attempts.map((a) => a.status_code)).toEqual([503, 500, 200]);
    expect(delivery?.attempts[0]?.response_excerpt).toContain('not now');
    expect(
      await sdk.webhookEndpoints.deliveries(endpoint.endpoint_id, { status: 'failed' }).all(),
    ).toEqual([]);
    await receiver.close();
  });

  it('sends every lifecycle event in order, filtered per endpoint', async () => {
    const { sdk } = await harness.tenant();
    const receiver = await startReceiver();
    await sdk.webhookEndpoints.create({ url: receiver.url });
    const uploaded = await uploadFile(sdk, await clip('garbage.mp4'));
    await until(
      'the failure',
      () => receiver.received.some((r) => r.body.includes('"video.failed"')) || undefined,
    );
    await sdk.videos.update(uploaded.video_id, { title: 'renamed' });
    await sdk.videos.delete(uploaded.video_id);
    await until(
      'the deletion',
      () => receiver.received.some((r) => r.body.includes('"video.deleted"')) || undefined,
    );
    const events = receiver.received.map(
      (r) => JSON.parse(r.body) as { type: string; sequence: number; data: { error?: string } },
    );
    const byType = new Map(events.map((e) => [e.type, e]));
    expect([...byType.keys()].sort()).toEqual([
      'video.created',
      'video.deleted',
      'video.failed',
      'video.updated',
      'video.upload.completed',
    ]);
    expect(byType.get('video.failed')?.data.error).toBe('unreadable_media');
    const sequences = [
      'video.created',
      'video.upload.completed',
      'video.failed',
      'video.updated',
      'video.deleted',
    ].map((t) => byType.get(t)?.sequence ?? 0);
    expect([...sequences].sort((a, b) => a - b)).toEqual(sequences);
    await receiver.close();
  });

  it('sends both signatures during a secret rotation', async () => {
    const { sdk } = await harness.tenant();
    const receiver = await startReceiver();
    const endpoint = await sdk.webhookEndpoints.create({
      url: receiver.url,
      event_types: ['video.created'],
    });
    const rotated = await sdk.webhookEndpoints.rotateSecret(endpoint.endpoint_id, 3600);
    expect(rotated.secret).not.toBe(endpoint.secret);
    expect(rotated.previous_secret_expires_at).not.toBeNull();
    await sdk.uploads.create({
      filename: 'r.mp4',
      size_bytes: 6_000_000,
      mime: 'video/mp4',
      sha256: 'c'.repeat(64),
    });
    await until('the delivery', () => receiver.received[0]);
    const got = receiver.received[0];
    expect(String(got?.headers['webhook-signature']).split(' ')).toHaveLength(2);
    for (const secret of [endpoint.secret, rotated.secret]) {
      await expect(
        webhooks.verify(got?.body ?? '', got?.headers as Record<string, string>, secret),
      ).resolves.toBeUndefined();
    }
    await receiver.close();
  });

  it('disables an endpoint that answers 410, and says why', async () => {
    const { sdk } = await harness.tenant();
    const receiver = await startReceiver([410]);
    const endpoint = await sdk.webhookEndpoints.create({ url: receiver.url });
    await sdk.uploads.create({
      filename: 'g.mp4',
      size_bytes: 6_000_000,
      mime: 'video/mp4',
      sha256: 'd'.repeat(64),
    });
    const disabled = await until('the endpoint to be disabled', async () => {
      const e = await sdk.webhookEndpoints.get(endpoint.endpoint_id);
      return e.enabled ? undefined : e;
    });
    expect(disabled.disabled_reason).toContain('410');
    await receiver.close();
  });

  it('gives up after the schedule, disables the endpoint, and can replay and resend', async () => {
    const { sdk } = await harness.tenant();
    const receiver = await startReceiver([500, 500, 500, 500]);
    const since = new Date(Date.now() - 1000);
    const endpoint = await sdk.webhookEndpoints.create({
      url: receiver.url,
      event_types: ['video.created'],
    });
    await sdk.uploads.create({
      filename: 'x.mp4',
      size_bytes: 6_000_000,
      mime: 'video/mp4',
      sha256: 'e'.repeat(64),
    });
    const [failed] = await until('the delivery to fail', async () => {
      const list = await sdk.webhookEndpoints
        .deliveries(endpoint.endpoint_id, { status: 'failed' })
        .all();
      return list.length ? list : undefined;
    });
    expect(failed?.attempt_count).toBe(4); // the first try and three retries
    const off = await sdk.webhookEndpoints.get(endpoint.endpoint_id);
    expect(off.enabled).toBe(false);
    expect(off.disabled_reason).toMatch(/Every attempt failed/);

    await sdk.webhookEndpoints.update(endpoint.endpoint_id, { enabled: true });
    expect((await sdk.webhookEndpoints.replay(endpoint.endpoint_id, since)).scheduled).toBe(1);
    await until(
      'the replayed delivery',
      async () =>
        (
          await sdk.webhookEndpoints.deliveries(endpoint.endpoint_id, { status: 'succeeded' }).all()
        )[0],
    );
    const resent = await sdk.webhookEndpoints.resend(
      endpoint.endpoint_id,
      failed?.delivery_id ?? '',
    );
    expect(resent.status).toBe('pending');
    await until('the resend', () => receiver.received.length >= 6 || undefined);
    await receiver.close();
  });

  it('refuses URLs that point inside the network, with 422', async () => {
    const { sdk } = await harness.tenant();
    for (const url of [
      'http://10.0.0.5/hook',
      'http://192.168.1.1/',
      'http://169.254.169.254/latest/meta-data',
      'http://[fd00::1]/',
      'ftp://example.com/hook',
      'http://user:pass@127.0.0.1/',
    ]) {
      const error = await sdk.webhookEndpoints
        .create({ url })
        .catch((e: unknown) => e as ReelError);
      expect({ url, status: (error as ReelError).status }).toEqual({ url, status: 422 });
    }
  });

  it('a sender killed mid-delivery leads to one more attempt, not a lost event', async () => {
    const quiet = await startHarness({ env: FAST, roles: ['relay'] });
    const { sdk } = await quiet.tenant();
    const receiver = await startReceiver(['hang']);
    await sdk.webhookEndpoints.create({ url: receiver.url, event_types: ['video.created'] });
    const child = spawn(
      process.execPath,
      [
        fileURLToPath(new URL('../../bin/reel.mjs', import.meta.url)),
        'worker',
        '--role',
        'webhooks',
      ],
      {
        env: { ...process.env, ...testEnv(FAST) },
        detached: true,
        stdio: 'ignore',
      },
    );
    // Never leave the worker behind, whatever the test does next.
    onTestFinished(() => {
      try {
        process.kill(-(child.pid ?? 0), 'SIGKILL');
      } catch {
        // already gone
      }
    });
    await sdk.uploads.create({
      filename: 'k.mp4',
      size_bytes: 6_000_000,
      mime: 'video/mp4',
      sha256: 'f'.repeat(64),
    });
    await until('the first attempt to arrive', () => receiver.received[0], 30_000);
    process.kill(-(child.pid ?? 0), 'SIGKILL');
    const rescuer = startWorkers(quiet.reel.ctx, ['webhooks'], () => {});
    try {
      await until('the retry', () => receiver.received[1], 30_000);
    } finally {
      await rescuer.stop();
      await quiet.stop();
      await receiver.close();
    }
    expect(receiver.received[1]?.headers['webhook-id']).toBe(
      receiver.received[0]?.headers['webhook-id'],
    );
  });
});
