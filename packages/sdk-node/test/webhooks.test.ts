import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { WebhookVerificationError, webhooks } from '../src/index';

const secret = `whsec_${Buffer.from('a 24-byte test secret!!!').toString('base64')}`;
const payload = JSON.stringify({
  id: 'e1',
  type: 'video.published',
  timestamp: new Date().toISOString(),
  sequence: 3,
  data: { video: { video_id: 'v1' } },
});

describe('webhooks', () => {
  it('signs exactly like the Standard Webhooks reference library', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const ours = await webhooks.sign(payload, secret, { id: 'msg_1', timestamp });
    const reference = new Webhook(secret).sign('msg_1', new Date(timestamp * 1000), payload);
    expect(ours['webhook-signature']).toBe(reference);
    expect(new Webhook(secret).verify(payload, ours)).toMatchObject({ type: 'video.published' });
  });

  it('unwraps a genuine webhook into the typed event', async () => {
    const headers = await webhooks.sign(payload, secret, { id: 'msg_2' });
    const event = await webhooks.unwrap(payload, new Headers(headers), secret);
    expect(event.type).toBe('video.published');
    expect(event.sequence).toBe(3);
  });

  it('accepts either signature during a secret rotation', async () => {
    const older = `whsec_${Buffer.from('an older secret, 24 byte').toString('base64')}`;
    const a = await webhooks.sign(payload, secret, { id: 'm', timestamp: 1_800_000_000 });
    const b = await webhooks.sign(payload, older, { id: 'm', timestamp: 1_800_000_000 });
    const both = {
      ...a,
      'webhook-signature': `${a['webhook-signature']} ${b['webhook-signature']}`,
    };
    await expect(
      webhooks.verify(payload, both, older, { now: 1_800_000_000 }),
    ).resolves.toBeUndefined();
    await expect(
      webhooks.verify(payload, both, secret, { now: 1_800_000_000 }),
    ).resolves.toBeUndefined();
  });

  it('rejects a forged, a tampered and a replayed-old webhook', async () => {
    const headers = await webhooks.sign(payload, secret, { id: 'msg_3' });
    const forged = await webhooks.sign(
      payload,
      `whsec_${Buffer.from('attacker secret, 24 byte').toString('base64')}`,
      { id: 'msg_3' },
    );
    const old = await webhooks.sign(payload, secret, {
      id: 'msg_3',
      timestamp: Math.floor(Date.now() / 1000) - 600,
    });
    await expect(webhooks.verify(payload, forged, secret)).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );
    await expect(
      webhooks.verify(payload.replace('"sequence":3', '"sequence":4'), headers, secret),
    ).rejects.toBeInstanceOf(WebhookVerificationError);
    await expect(webhooks.verify(payload, old, secret)).rejects.toThrow(/tolerance/);
    await expect(webhooks.verify(payload, {}, secret)).rejects.toThrow(/Missing/);
  });
});
