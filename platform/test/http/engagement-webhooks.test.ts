import { randomUUID } from 'node:crypto';
import {
  type Reel,
  type Video,
  type WebhookEvent,
  WebhookVerificationError,
  webhooks,
} from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/contract.js';
import { clip } from '../support/clips.js';
import { violations } from '../support/contract-fetch.js';
import { failure } from '../support/failure.js';
import { type Harness, startHarness } from '../support/harness.js';
import { makeImage } from '../support/images.js';
import { until } from '../support/polling.js';
import { type SigningKey, signedViewer } from '../support/viewer-client.js';
import { type Received, startReceiver } from '../support/webhook-receiver.js';

const FAST = {
  REEL_WEBHOOK_RETRY_SCHEDULE: '300ms,300ms,300ms',
  REEL_WEBHOOK_ALLOW_LOOPBACK: 'true',
  REEL_WEBHOOK_TIMEOUT_MS: '2000',
};

// Each body is checked against the schema the contract documents for its event.
const contract = loadContract();
const ajv = new Ajv({ strict: false, allErrors: true });
(addFormatsModule as unknown as { default: (a: Ajv) => void }).default(ajv);
function contractErrors(event: WebhookEvent): string | undefined {
  const documented = (contract.document.webhooks as Record<string, Record<string, unknown>>)[
    event.type
  ];
  if (!documented) return `${event.type} is not in the contract's webhooks`;
  const post = documented.post as {
    requestBody: { content: { 'application/json': { schema: object } } };
  };
  const validate = ajv.compile(post.requestBody.content['application/json'].schema);
  return validate(event) ? undefined : ajv.errorsText(validate.errors);
}

/** The receiver's server, reached by name as tenants register it: never a bare address. */
const byName = (url: string) => url.replace('//127.0.0.1:', '//localhost:');

let harness: Harness;
let owner: { sdk: Reel; tenantId: string };
let ownerSigning: { keyId: string; privateKey: string };
let open: Video;
let held: Video;

async function signingKey(sdk: Reel) {
  const key = await sdk.signingKeys.create();
  return { keyId: key.key_id, privateKey: key.private_key };
}

const viewer = (signing: SigningKey) =>
  signedViewer(harness.url, signing, { viewerId: `user-${randomUUID()}` });

const newChannel = (sdk: Reel) =>
  sdk.channels.create({ handle: `ch_${randomUUID().slice(0, 8)}`, title: 'Cooking' });

/** Verifies every request with the SDK (a forgery throws) and answers the events it carried. */
async function verified(received: Received[], secret: string): Promise<WebhookEvent[]> {
  return Promise.all(
    received.map((r) => webhooks.unwrap(r.body, r.headers as Record<string, string>, secret)),
  );
}

beforeAll(async () => {
  harness = await startHarness({ env: FAST });
  owner = await harness.tenant();
  ownerSigning = await signingKey(owner.sdk);
  const made = await Promise.all([
    uploadFile(owner.sdk, await clip('tiny.mp4'), { title: 'open' }),
    uploadFile(owner.sdk, await clip('tiny.mp4'), { title: 'held' }),
  ]);
  [open, held] = (await Promise.all(
    made.map((m) => owner.sdk.videos.waitUntilSettled(m.video_id, { intervalMs: 200 })),
  )) as [Video, Video];
  await owner.sdk.videos.update(held.video_id, { comments_policy: 'held' });
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('engagement webhooks', () => {
  it('deliver comment.created, comment.held and channel.subscribed, signed, to a named host; a repeat and another tenant get nothing', async () => {
    const channel = await newChannel(owner.sdk);
    await owner.sdk.videos.update(open.video_id, { channel_id: channel.channel_id });
    const receiver = await startReceiver();
    const endpoint = await owner.sdk.webhookEndpoints.create({
      url: byName(receiver.url),
      event_types: [
        'comment.created',
        'comment.held',
        'channel.subscribed',
        'channel.unsubscribed',
      ],
    });
    const other = await harness.tenant();
    const otherReceiver = await startReceiver();
    const otherEndpoint = await other.sdk.webhookEndpoints.create({
      url: byName(otherReceiver.url),
    });
    const otherViewer = await viewer(await signingKey(other.sdk));

    const fan = await viewer(ownerSigning);
    const visible = await fan.client.comments.create(open.video_id, '<b>first</b> & "quoted"');
    const waiting = await fan.client.comments.create(held.video_id, 'please approve me');
    await fan.client.subscribe(channel.channel_id);
    await fan.client.subscribe(channel.channel_id);
    // Another tenant's viewer cannot reach the channel: nothing happens, nothing is sent.
    expect((await failure(otherViewer.client.subscribe(channel.channel_id))).status).toBe(404);
    await fan.client.unsubscribe(channel.channel_id);
    await fan.client.unsubscribe(channel.channel_id);

    await until('four deliveries', () => receiver.received.length >= 4 || undefined);
    const events = await verified(receiver.received, endpoint.secret);
    expect(events.map(contractErrors)).toEqual([undefined, undefined, undefined, undefined]);
    const byType = new Map(events.map((e) => [e.type, e]));
    expect([...byType.keys()].sort()).toEqual([
      'channel.subscribed',
      'channel.unsubscribed',
      'comment.created',
      'comment.held',
    ]);
    expect(byType.get('comment.created')?.data).toEqual({
      comment: {
        ...visible,
        state: 'published',
        text: '<b>first</b> & "quoted"',
        author_viewer_id: fan.viewerId,
        video_id: open.video_id,
      },
      channel_id: channel.channel_id,
    });
    expect(byType.get('comment.held')?.data).toEqual({
      comment: { ...waiting, state: 'held', text: 'please approve me' },
      channel_id: null,
    });
    const subscribed = byType.get('channel.subscribed');
    const unsubscribed = byType.get('channel.unsubscribed');
    for (const event of [subscribed, unsubscribed]) {
      expect(event?.data).toEqual({ channel_id: channel.channel_id, viewer_id: fan.viewerId });
    }
    // Per channel: created 1, subscribed 2, unsubscribed 3. The repeats took no number.
    expect([subscribed?.sequence, unsubscribed?.sequence]).toEqual([2, 3]);
    const delivered = await owner.sdk.webhookEndpoints.deliveries(endpoint.endpoint_id).all();
    expect(delivered.map((d) => d.event_type).sort()).toEqual([...byType.keys()].sort());

    // Fan-out wrote every delivery of these events already: the other tenant's endpoint has none.
    expect(otherReceiver.received).toEqual([]);
    expect(await other.sdk.webhookEndpoints.deliveries(otherEndpoint.endpoint_id).all()).toEqual(
      [],
    );
    await Promise.all([receiver.close(), otherReceiver.close()]);
  });

  it('deliver every other comment and channel change once; changes that change nothing send nothing', async () => {
    const receiver = await startReceiver();
    const endpoint = await owner.sdk.webhookEndpoints.create({
      url: byName(receiver.url),
      event_types: [
        'comment.approved',
        'comment.rejected',
        'comment.updated',
        'comment.deleted',
        'comment.held',
        'channel.created',
        'channel.updated',
        'channel.deleted',
        'channel.subscribed',
        'channel.unsubscribed',
      ],
    });
    const author = await viewer(ownerSigning);
    const stranger = await viewer(ownerSigning);

    const channel = await newChannel(owner.sdk);
    await owner.sdk.channels.update(channel.channel_id, { title: 'Baking' });
    await owner.sdk.channels.update(channel.channel_id, { title: 'Baking' });
    await author.client.subscribe(channel.channel_id);

    const comment = await author.client.comments.create(held.video_id, 'draft');
    await owner.sdk.comments.approve(comment.comment_id);
    await owner.sdk.comments.approve(comment.comment_id);
    await author.client.comments.edit(comment.comment_id, 'final');
    await author.client.comments.edit(comment.comment_id, 'final');
    // Another viewer's edit or deletion reads as missing and sends nothing.
    expect(
      (await failure(stranger.client.comments.edit(comment.comment_id, 'hijacked'))).status,
    ).toBe(404);
    expect((await failure(stranger.client.comments.delete(comment.comment_id))).status).toBe(404);
    await owner.sdk.comments.reject(comment.comment_id);
    await owner.sdk.comments.reject(comment.comment_id);

    const gone = await author.client.comments.create(held.video_id, 'soon gone');
    await owner.sdk.comments.approve(gone.comment_id);
    await author.client.comments.delete(gone.comment_id);
    // Its subscriptions go with the channel: no channel.unsubscribed for them.
    await owner.sdk.channels.delete(channel.channel_id);

    // Four channel events and seven comment events, as the lists below name them.
    await until('eleven deliveries', () => receiver.received.length >= 11 || undefined);
    const events = await verified(receiver.received, endpoint.secret);
    expect(events.map(contractErrors)).toEqual(events.map(() => undefined));
    const inOrder = (type: string) =>
      events
        .filter((e) => e.type.startsWith(type))
        .sort((a, b) => a.sequence - b.sequence)
        .map((e) => [e.type, e.sequence]);

    const channelEvents = inOrder('channel.');
    expect(channelEvents).toEqual([
      ['channel.created', 1],
      ['channel.updated', 2],
      ['channel.subscribed', 3],
      ['channel.deleted', 4],
    ]);
    const commentEvents = inOrder('comment.');
    const first = Number(commentEvents[0]?.[1]);
    // One video's counter: consecutive numbers, so no repeat emitted an event in between.
    expect(commentEvents).toEqual(
      [
        'comment.held',
        'comment.approved',
        'comment.updated',
        'comment.rejected',
        'comment.held',
        'comment.approved',
        'comment.deleted',
      ].map((type, i) => [type, first + i]),
    );

    const data = (type: string, commentId?: string) =>
      events.find(
        (e) =>
          e.type === type &&
          (!commentId || ('comment' in e.data && e.data.comment.comment_id === commentId)),
      )?.data;
    expect(data('channel.updated')).toMatchObject({
      channel: { channel_id: channel.channel_id, title: 'Baking', handle: channel.handle },
      changed: ['title'],
    });
    expect(data('channel.deleted')).toMatchObject({ channel: { channel_id: channel.channel_id } });
    expect(data('comment.approved', comment.comment_id)).toMatchObject({
      comment: { comment_id: comment.comment_id, state: 'published', text: 'draft' },
    });
    expect(data('comment.updated')).toMatchObject({
      comment: { state: 'published', text: 'final', edited_at: expect.any(String) },
    });
    expect(data('comment.rejected')).toMatchObject({
      comment: { comment_id: comment.comment_id, state: 'rejected' },
    });
    expect(data('comment.deleted')).toMatchObject({
      comment: { comment_id: gone.comment_id, state: 'deleted', text: '' },
      channel_id: null,
    });
    await receiver.close();
  });

  it('refuses a tampered comment event, and likes as an event type', async () => {
    const receiver = await startReceiver();
    const endpoint = await owner.sdk.webhookEndpoints.create({
      url: byName(receiver.url),
      event_types: ['comment.created'],
    });
    const fan = await viewer(ownerSigning);
    const posted = Date.now();
    await fan.client.comments.create(open.video_id, 'nice video');
    const got = await until('the delivery', () => receiver.received[0]);
    console.log(`comment posted → comment.created received: ${Date.now() - posted} ms`);
    const headers = got.headers as Record<string, string>;
    await expect(webhooks.unwrap(got.body, headers, endpoint.secret)).resolves.toMatchObject({
      type: 'comment.created',
    });
    const tampered = got.body.replace('nice video', 'NUL\u0000 spam');
    await expect(webhooks.unwrap(tampered, headers, endpoint.secret)).rejects.toBeInstanceOf(
      WebhookVerificationError,
    );

    // Likes are not pushed (docs/webhooks.md): no such event type to subscribe to.
    for (const type of ['like.created', 'video.liked', 'comment.\u0000', 'x'.repeat(10_000)]) {
      const refused = await failure(
        owner.sdk.webhookEndpoints.create({
          url: byName(receiver.url),
          event_types: [type as 'comment.created'],
        }),
      );
      expect({ type: type.slice(0, 20), status: refused.status, code: refused.code }).toEqual({
        type: type.slice(0, 20),
        status: 400,
        code: 'invalid_request',
      });
    }
    await receiver.close();
  });

  it('announce a new and a removed avatar as channel.updated naming the avatar fields', async () => {
    const channel = await newChannel(owner.sdk);
    const receiver = await startReceiver();
    const endpoint = await owner.sdk.webhookEndpoints.create({
      url: byName(receiver.url),
      event_types: ['channel.updated'],
    });
    const image = await makeImage('avatar-event.jpg', { size: '320x320', codec: 'mjpeg' });
    const withAvatar = await owner.sdk.channels.setAvatar(channel.channel_id, image, 'image/jpeg');
    await owner.sdk.channels.deleteAvatar(channel.channel_id);
    // Removing an avatar that is gone changes nothing and sends nothing.
    await owner.sdk.channels.deleteAvatar(channel.channel_id);

    await until('two deliveries', () => receiver.received.length >= 2 || undefined);
    const events = await verified(receiver.received, endpoint.secret);
    expect(events.map(contractErrors)).toEqual([undefined, undefined]);
    const updates = events.map(
      (e) => e.data as { channel: { avatar_url: string | null }; changed?: string[] },
    );
    expect(updates.map((u) => u.changed)).toEqual([
      ['avatar_url', 'avatar_small_url'],
      ['avatar_url', 'avatar_small_url'],
    ]);
    expect(updates.map((u) => u.channel.avatar_url).sort()).toEqual(
      [withAvatar.avatar_url, null].sort(),
    );
    const delivered = await owner.sdk.webhookEndpoints.deliveries(endpoint.endpoint_id).all();
    expect(delivered).toHaveLength(2);
    await receiver.close();
  });
});
