import { type CreateCaptionRequest, Reel, ReelViewer, signViewerToken } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractOperation, loadContract } from '../../src/contract/contract.js';
import { notifications, videos } from '../../src/db/schema.js';
import { type ApiKeyScope, scopeAllows } from '../../src/domain/scopes.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

/**
 * Generated from the contract: every operation an API key can call is run as five principals
 * (the owner, another tenant, no key, a revoked key, a key without the scope), and every one a
 * viewer token can call as seven (the owning viewer, another tenant's viewer with the same user
 * id, another viewer of the tenant, no credential, an expired, a forged and an unscoped token).
 * A new operation is covered the day it is added; one whose request body has no fixture fails.
 */
const BODIES: Record<string, unknown> = {
  createUpload: {
    filename: 'x.mp4',
    size_bytes: 6_000_000,
    mime: 'video/mp4',
    sha256: 'a'.repeat(64),
  },
  signUploadParts: { part_numbers: [1] },
  updateVideo: { title: 'Changed by the caller' },
  takedownVideo: { reason: 'copyright', notice: 'Probe notice' },
  resolveReport: { state: 'rejected', reply: 'Probe reply' },
  createApiKey: { name: 'probe' },
  createWebhookEndpoint: { url: 'http://127.0.0.1:9/hook' },
  updateWebhookEndpoint: { description: 'Changed by the caller' },
  replayWebhookEvents: { since: '2020-01-01T00:00:00Z' },
  createCommentBan: { viewer_id: 'probe-viewer' },
  createBlockedMedia: { sha256: 'b'.repeat(64), reason: 'copyright' },
  createChannel: { handle: 'probe-channel', title: 'Probe' },
  createCaption: {
    language: 'en',
    label: 'Probe',
    kind: 'subtitles',
    format: 'vtt',
    content: 'WEBVTT\n\n00:00.000 --> 00:01.000\nProbe\n',
  },
  updateChannel: { title: 'Changed by the caller' },
  createLiveStream: { title: 'Probe live' },
  updateLiveStream: { title: 'Changed by the caller' },
};

const operations = loadContract().operations.filter((op) => op.security.includes('apiKey'));
let harness: Harness;
let owner: { sdk: Reel; apiKey: string; tenantId: string };
let commenting: Awaited<ReturnType<typeof viewerOnHeldVideo>>;
let stranger: { apiKey: string };
let revokedKey: string;
const scopedKeys = {} as Record<Exclude<ApiKeyScope, 'full'>, string>;
let probes = 0;

beforeAll(async () => {
  // Deliveries must exist to be probed; nothing listens on port 9, so they only fail and wait.
  harness = await startHarness({
    roles: ['relay', 'webhooks'],
    env: { REEL_WEBHOOK_ALLOW_LOOPBACK: 'true' },
  });
  owner = await harness.tenant();
  stranger = await harness.tenant();
  const revoked = await owner.sdk.apiKeys.create({ name: 'revoked' });
  await owner.sdk.apiKeys.revoke(revoked.key_id);
  revokedKey = revoked.key;
  scopedKeys.read_only = (await owner.sdk.apiKeys.create({ name: 'ro', scope: 'read_only' })).key;
  scopedKeys.upload_only = (
    await owner.sdk.apiKeys.create({ name: 'uo', scope: 'upload_only' })
  ).key;
  commenting = await viewerOnHeldVideo();
});

/** A ready video that holds its comments for approval, and a viewer who writes them. */
async function viewerOnHeldVideo() {
  const videoId = crypto.randomUUID();
  await harness.reel.ctx.database.db.insert(videos).values({
    id: videoId,
    tenantId: owner.tenantId,
    status: 'ready',
    title: 'Commented',
    originalKey: `raw-uploads/${videoId}/original`,
    publishedAt: new Date(),
    commentsPolicy: 'held',
  });
  const key = await owner.sdk.signingKeys.create();
  const viewerToken = await signViewerToken(
    { keyId: key.key_id, privateKey: key.private_key },
    { viewerId: 'probe-author' },
  );
  return {
    videoId,
    viewerToken,
    viewer: new ReelViewer({ viewerToken, baseUrl: harness.url, fetch: contractFetch }),
  };
}
afterAll(async () => {
  await harness?.stop();
  console.log(
    `cross-tenant suite: ${probes} probes over ${operations.length} API-key and ${viewerOperations.length} viewer-token operations`,
  );
  expect(violations).toEqual([]);
});

/**
 * Fresh resources of the owner for one operation: a webhook endpoint, an upload with its video
 * (whose video.created event gives the endpoint a delivery), an API key, a signing key.
 */
async function ownerResources() {
  const endpoint = await owner.sdk.webhookEndpoints.create({
    url: 'http://127.0.0.1:9/hook',
    event_types: ['video.created'],
  });
  const upload = await owner.sdk.uploads.create(BODIES.createUpload as never);
  const apiKey = await owner.sdk.apiKeys.create({ name: 'target' });
  const signingKey = await owner.sdk.signingKeys.create();
  const comment = await commenting.viewer.comments.create(commenting.videoId, 'Probe comment');
  const report = await commenting.viewer.reportVideo(commenting.videoId, { reason: 'spam' });
  const ban = await owner.sdk.comments.ban(`probe-${crypto.randomUUID().slice(0, 8)}`);
  const blocked = await owner.sdk.blockedMedia.create({
    sha256: crypto.randomUUID().replaceAll('-', '').repeat(2),
    reason: 'copyright',
  });
  const erased = await owner.sdk.comments.ban(`erased-${crypto.randomUUID().slice(0, 8)}`);
  const erasure = await owner.sdk.viewers.erase(erased.viewer_id);
  const channel = await owner.sdk.channels.create({
    handle: `probe-${crypto.randomUUID().slice(0, 8)}`,
    title: 'Target',
  });
  const caption = await owner.sdk.captions.create(upload.video_id, {
    ...(BODIES.createCaption as CreateCaptionRequest),
  });
  const liveStream = await owner.sdk.liveStreams.create({
    title: 'Target live',
    // Signed, so a caller with no credential cannot read its chat.
    playback_policy: 'signed',
  });
  const chatMessage = await chatAs(commenting.viewerToken, liveStream.live_stream_id);
  const delivery = await until(
    'the endpoint has a delivery',
    async () =>
      (await owner.sdk.webhookEndpoints.deliveries(endpoint.endpoint_id).all())[0]?.delivery_id,
    5_000,
  ).catch(() => '');
  return {
    upload_id: upload.upload_id,
    video_id: upload.video_id,
    endpoint_id: endpoint.endpoint_id,
    delivery_id: delivery,
    apiKeyId: apiKey.key_id,
    signingKeyId: signingKey.key_id,
    comment_id: comment.comment_id,
    report_id: report.report_id,
    viewer_id: ban.viewer_id,
    blocked_media_id: blocked.blocked_media_id,
    erasure_id: erasure.erasure_id,
    channel_id: channel.channel_id,
    caption_id: caption.caption_id,
    live_stream_id: liveStream.live_stream_id,
    message_id: chatMessage.message_id,
  };
}
type Resources = Awaited<ReturnType<typeof ownerResources>>;

/** A viewer's message in a live stream's chat. */
async function chatAs(viewerToken: string, liveStreamId: string) {
  const response = await contractFetch(
    `${harness.url}/v1/live-streams/${liveStreamId}/chat/messages`,
    {
      method: 'POST',
      headers: { authorization: `Bearer ${viewerToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'Probe chat' }),
    },
  );
  expect(response.status).toBe(201);
  return (await response.json()) as { message_id: string };
}

/** A live stream's chat as a reader with this bearer sees it. */
const chatOf = async (bearer: string, liveStreamId: string) =>
  (
    await contractFetch(`${harness.url}/v1/live-streams/${liveStreamId}/chat/messages`, {
      headers: { authorization: `Bearer ${bearer}` },
    })
  ).json();

/** What the owner sees of those resources; another tenant's calls must leave it as it was. */
async function snapshot(r: Resources) {
  return JSON.stringify({
    video: await owner.sdk.videos.get(r.video_id),
    upload: await owner.sdk.uploads.get(r.upload_id),
    apiKey: (await owner.sdk.apiKeys.list().all()).find((k) => k.key_id === r.apiKeyId),
    signingKey: (await owner.sdk.signingKeys.list().all()).find((k) => k.key_id === r.signingKeyId),
    endpoint: await owner.sdk.webhookEndpoints.get(r.endpoint_id),
    channel: await owner.sdk.channels.get(r.channel_id),
    liveStream: await owner.sdk.liveStreams.get(r.live_stream_id),
    chat: await chatOf(owner.apiKey, r.live_stream_id),
  });
}

/** Query strings for operations with required query parameters. */
const QUERIES: Record<string, string> = { searchVideos: '?q=video', searchChannels: '?q=probe' };

function request(
  op: ContractOperation,
  r: Record<string, string>,
  bearer: string | undefined,
  bodies: Record<string, unknown> = BODIES,
) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const key = name === 'key_id' && !op.path.startsWith('/v1/api-keys') ? 'signingKeyId' : name;
    return String(r[key === 'key_id' ? 'apiKeyId' : key]);
  });
  const body = bodies[op.operationId];
  const query = QUERIES[op.operationId] ?? '';
  probes++;
  return contractFetch(`${harness.url}${path}${query}`, {
    method: op.method,
    headers: {
      ...(bearer !== undefined && { authorization: `Bearer ${bearer}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
}

describe('every API-key operation, as five principals', () => {
  it('has a request body fixture for every operation that needs one', () => {
    const missing = operations.filter(
      (op) => op.jsonBody && op.bodyRequired && !(op.operationId in BODIES),
    );
    expect(missing.map((op) => op.operationId)).toEqual([]);
  });

  for (const op of operations) {
    const takesId = op.path.includes('{');
    it(`${op.operationId}: ${op.method} ${op.path}`, async () => {
      const r = await ownerResources();
      const before = await snapshot(r);

      const asStranger = await request(op, r, stranger.apiKey);
      if (takesId) {
        expect(asStranger.status).toBe(404);
      } else {
        expect(asStranger.status).toBeLessThan(300);
        const text = await asStranger.text();
        for (const id of Object.values(r)) expect(text).not.toContain(id);
      }
      expect(await snapshot(r)).toBe(before);

      // Operations open to callers with no credential find none of these: none is public.
      expect((await request(op, r, undefined)).status).toBe(op.anonymous ? 404 : 401);
      expect((await request(op, r, revokedKey)).status).toBe(401);
      const lacking = (Object.keys(scopedKeys) as (keyof typeof scopedKeys)[]).find(
        (s) => !scopeAllows(s, op.method, op.tags),
      );
      if (lacking) expect((await request(op, r, scopedKeys[lacking])).status).toBe(403);
      else expect(op.tags).toContain('uploads'); // only upload reads are open to every scope

      const asOwner = await request(op, r, owner.apiKey);
      expect([401, 403, 404]).not.toContain(asOwner.status);
      expect(asOwner.status).toBeLessThan(500);
      // Signing keys are capped per tenant: give this one back.
      await owner.sdk.signingKeys.delete(r.signingKeyId).catch(() => {});
    });
  }
});

/** The body, or for an event stream (it never ends) what it sent first. */
async function firstText(response: Response) {
  if (!response.headers.get('content-type')?.startsWith('text/event-stream')) {
    return response.text();
  }
  const reader = response.body?.getReader();
  const first = await reader?.read();
  await reader?.cancel();
  return new TextDecoder().decode(first?.value);
}

/** Request bodies for the viewer-token operations that need one. */
const VIEWER_BODIES: Record<string, unknown> = {
  createPlaylist: { title: 'Probe list', visibility: 'private' },
  updatePlaylist: { title: 'Changed by the caller' },
  addPlaylistItem: { video_id: '' },
  movePlaylistItem: { position: 0 },
  createComment: { text: 'Probe comment' },
  updateComment: { text: 'Changed by the caller' },
  updateWatchHistorySettings: { paused: false },
  updateNotificationSettings: { comment_reply: true },
  reportVideo: { reason: 'spam' },
  reportComment: { reason: 'spam', text: 'Probe report' },
  createLiveChatMessage: { text: 'Probe chat' },
};
const viewerOperations = loadContract().operations.filter((op) =>
  op.security.includes('viewerToken'),
);
/** Parameters that name something one viewer owns: any other viewer finds nothing there. */
const OWNED = { playlist_id: 'every', comment_id: 'change', notification_id: 'every' } as const;

const viewerCall = (token: string) =>
  new ReelViewer({ viewerToken: token, baseUrl: harness.url, fetch: contractFetch });

/**
 * The owner's viewer `probe-owner` and what it has: likes, a comment, a subscription, a playlist,
 * a notification.
 */
async function viewerResources() {
  const signing = await owner.sdk.signingKeys.create();
  const strangerSigning = await new Reel({
    apiKey: stranger.apiKey,
    baseUrl: harness.url,
    fetch: contractFetch,
  }).signingKeys.create();
  const sign = (key: typeof signing, viewerId: string, extra: object = {}) =>
    signViewerToken({ keyId: key.key_id, privateKey: key.private_key }, { viewerId, ...extra });
  const videoId = crypto.randomUUID();
  // Signed: its tenant's viewers see it, callers with no credential do not.
  await harness.reel.ctx.database.db.insert(videos).values({
    id: videoId,
    tenantId: owner.tenantId,
    status: 'ready',
    title: 'Probed',
    originalKey: `raw-uploads/${videoId}/original`,
    publishedAt: new Date(),
    playbackPolicy: 'signed',
  });
  const token = await sign(signing, 'probe-owner');
  const me = viewerCall(token);
  await me.like(videoId);
  const comment = await me.comments.create(videoId, 'Owned comment');
  const channel = await owner.sdk.channels.create({
    handle: `probe-${crypto.randomUUID().slice(0, 8)}`,
    title: 'Subscribed',
  });
  await me.subscribe(channel.channel_id);
  const liveStream = await owner.sdk.liveStreams.create({
    title: 'Chatted',
    playback_policy: 'signed',
  });
  await chatAs(token, liveStream.live_stream_id);
  const playlist = await me.playlists.create({ title: 'Mine', visibility: 'private' });
  const item = await me.playlists.add(playlist.playlist_id, videoId);
  const [notification] = await harness.reel.ctx.database.db
    .insert(notifications)
    .values({
      tenantId: owner.tenantId,
      viewerId: 'probe-owner',
      kind: 'video_published',
      payload: { video_id: videoId },
      sourceEventId: crypto.randomUUID(),
    })
    .returning({ id: notifications.id });
  const cleanup = async () => {
    await owner.sdk.signingKeys.delete(signing.key_id).catch(() => {});
    await new Reel({
      apiKey: stranger.apiKey,
      baseUrl: harness.url,
      fetch: contractFetch,
    }).signingKeys
      .delete(strangerSigning.key_id)
      .catch(() => {});
  };
  return {
    ids: {
      video_id: videoId,
      comment_id: comment.comment_id,
      channel_id: channel.channel_id,
      playlist_id: playlist.playlist_id,
      item_id: item.item_id,
      notification_id: String(notification?.id),
      live_stream_id: liveStream.live_stream_id,
    },
    token,
    me,
    /** The same user id, signed by another tenant. */
    stranger: await sign(strangerSigning, 'probe-owner'),
    otherViewer: await sign(signing, 'probe-other'),
    expired: await sign(signing, 'probe-owner', { expiresIn: -60 }),
    forged: `${token.slice(0, -6)}AAAAAA`,
    /** Allowed something, just not what any operation needs. */
    unscoped: await sign(signing, 'probe-owner', { scopes: ['probe-unrelated'] }),
    cleanup,
  };
}

/** What the owner's viewer has; nobody else's calls may change it. */
async function viewerSnapshot(v: Awaited<ReturnType<typeof viewerResources>>) {
  const { playlist_id, video_id } = v.ids;
  return JSON.stringify({
    playlist: await v.me.playlists.get(playlist_id),
    items: await v.me.playlists.items(playlist_id).all(),
    liked: ((await (await request(getVideoOp, v.ids, v.token)).json()) as { viewer: unknown })
      .viewer,
    comments: await v.me.comments.list(video_id).all(),
    subscriptions: await v.me.subscriptions().all(),
    notifications: await v.me.notifications.list().all(),
    chat: await chatOf(v.token, v.ids.live_stream_id),
  });
}
const getVideoOp = loadContract().operations.find(
  (op) => op.operationId === 'getVideo',
) as ContractOperation;

describe('every viewer-token operation, as seven principals', () => {
  it('has a request body fixture for every operation that needs one', () => {
    const missing = viewerOperations.filter(
      (op) => op.jsonBody && op.bodyRequired && !(op.operationId in VIEWER_BODIES),
    );
    expect(missing.map((op) => op.operationId)).toEqual([]);
  });

  for (const op of viewerOperations) {
    const params = [...op.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as string);
    // Any viewer of the tenant may report a comment: reporting changes nothing of its author's.
    const owned =
      op.operationId !== 'reportComment' &&
      params.some(
        (p) =>
          OWNED[p as keyof typeof OWNED] === 'every' ||
          (OWNED[p as keyof typeof OWNED] === 'change' && op.method !== 'GET'),
      );
    it(`${op.operationId}: ${op.method} ${op.path}`, async () => {
      const v = await viewerResources();
      const bodies = { ...VIEWER_BODIES, addPlaylistItem: { video_id: v.ids.video_id } };
      const send = (bearer: string | undefined) => request(op, v.ids, bearer, bodies);
      const before = await viewerSnapshot(v);

      // Another tenant's viewer, with the very same user id.
      const asStranger = await send(v.stranger);
      if (params.length > 0) {
        expect(asStranger.status).toBe(404);
      } else {
        expect(asStranger.status).toBeLessThan(300);
        const text = await firstText(asStranger);
        for (const id of Object.values(v.ids)) expect(text).not.toContain(id);
      }
      if (owned) expect((await send(v.otherViewer)).status).toBe(404);
      expect(await viewerSnapshot(v)).toBe(before);

      // None of the owner's things is public, so a caller with no credential finds nothing.
      // (A signed video asks a caller with no credential for its playback token first.)
      // (So does the notification stream, for its ticket.)
      const anonymous = op.parameters.some(
        (p) => p.in === 'query' && (p.name === 'token' || p.name === 'ticket'),
      )
        ? 401
        : 404;
      expect((await send(undefined)).status).toBe(op.anonymous ? anonymous : 401);
      expect((await send(v.expired)).status).toBe(401);
      expect((await send(v.forged)).status).toBe(401);
      if (!op.security.includes('apiKey')) expect((await send(owner.apiKey)).status).toBe(401);
      const unscoped = await send(v.unscoped);
      if (op.viewerScopes.length > 0) expect(unscoped.status).toBe(403);
      else expect(unscoped.status).toBeLessThan(400);

      const asOwner = await send(v.token);
      expect([401, 403, 404]).not.toContain(asOwner.status);
      expect(asOwner.status).toBeLessThan(500);
      await asOwner.body?.cancel();
      await v.cleanup();
    });
  }
});
