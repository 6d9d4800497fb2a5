import { type Reel, ReelViewer, signViewerToken } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractOperation, loadContract } from '../../src/contract/contract.js';
import { videos } from '../../src/db/schema.js';
import { type ApiKeyScope, scopeAllows } from '../../src/domain/scopes.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';

/**
 * Generated from the contract: every operation an API key can call is run as five principals
 * (the owner, another tenant, no key, a revoked key, a key without the scope). A new operation
 * is covered the day it is added; one whose request body has no fixture below fails here.
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
  createApiKey: { name: 'probe' },
  createWebhookEndpoint: { url: 'http://127.0.0.1:9/hook' },
  updateWebhookEndpoint: { description: 'Changed by the caller' },
  replayWebhookEvents: { since: '2020-01-01T00:00:00Z' },
  createCommentBan: { viewer_id: 'probe-viewer' },
  createChannel: { handle: 'probe-channel', title: 'Probe' },
  updateChannel: { title: 'Changed by the caller' },
  updateWatchHistorySettings: { paused: false },
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
    viewer: new ReelViewer({ viewerToken, baseUrl: harness.url, fetch: contractFetch }),
  };
}
afterAll(async () => {
  await harness?.stop();
  console.log(`cross-tenant suite: ${probes} probes over ${operations.length} operations`);
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
  const ban = await owner.sdk.comments.ban(`probe-${crypto.randomUUID().slice(0, 8)}`);
  const channel = await owner.sdk.channels.create({
    handle: `probe-${crypto.randomUUID().slice(0, 8)}`,
    title: 'Target',
  });
  let delivery: string | undefined;
  for (let i = 0; i < 100 && !delivery; i++) {
    delivery = (await owner.sdk.webhookEndpoints.deliveries(endpoint.endpoint_id).all())[0]
      ?.delivery_id;
    if (!delivery) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return {
    upload_id: upload.upload_id,
    video_id: upload.video_id,
    endpoint_id: endpoint.endpoint_id,
    delivery_id: delivery ?? '',
    apiKeyId: apiKey.key_id,
    signingKeyId: signingKey.key_id,
    comment_id: comment.comment_id,
    viewer_id: ban.viewer_id,
    channel_id: channel.channel_id,
  };
}
type Resources = Awaited<ReturnType<typeof ownerResources>>;

/** What the owner sees of those resources; another tenant's calls must leave it as it was. */
async function snapshot(r: Resources) {
  return JSON.stringify({
    video: await owner.sdk.videos.get(r.video_id),
    upload: await owner.sdk.uploads.get(r.upload_id),
    apiKey: (await owner.sdk.apiKeys.list().all()).find((k) => k.key_id === r.apiKeyId),
    signingKey: (await owner.sdk.signingKeys.list().all()).find((k) => k.key_id === r.signingKeyId),
    endpoint: await owner.sdk.webhookEndpoints.get(r.endpoint_id),
    channel: await owner.sdk.channels.get(r.channel_id),
  });
}

/** Query strings for operations with required query parameters. */
const QUERIES: Record<string, string> = { searchVideos: '?q=video' };

function request(op: ContractOperation, r: Resources, bearer: string | undefined) {
  const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    if (name === 'key_id') return op.path.startsWith('/v1/api-keys') ? r.apiKeyId : r.signingKeyId;
    return String(r[name as keyof Resources]);
  });
  const body = BODIES[op.operationId];
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

      expect((await request(op, r, undefined)).status).toBe(401);
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
