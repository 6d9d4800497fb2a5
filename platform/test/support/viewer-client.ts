import { randomUUID } from 'node:crypto';
import { type Reel, type ReelError, ReelViewer, signViewerToken } from '@reel/sdk';
import { videos } from '../../src/db/schema.js';
import { contractFetch } from './contract-fetch.js';
import type { Harness } from './harness.js';

export type SigningKey = { keyId: string; privateKey: string };
type Tenant = { tenantId: string; sdk: Reel };

/**
 * A viewer of the tenant that owns `key`, as a tenant's site makes one: its token, and an SDK
 * client on it whose every answer is checked against the contract (no retries, to see each).
 */
export async function signedViewer(
  baseUrl: string,
  key: SigningKey,
  claims: { viewerId?: string; scopes?: string[] } = {},
) {
  const viewerId = claims.viewerId ?? randomUUID();
  const token = await signViewerToken(key, { viewerId, scopes: claims.scopes });
  const client = new ReelViewer({
    viewerToken: token,
    baseUrl,
    fetch: contractFetch,
    maxRetries: 0,
  });
  return { token, viewerId, client };
}

/** A viewer of the tenant under a signing key made for it. */
export async function viewerOf(harness: Harness, of: Tenant, viewerId: string) {
  const key = await of.sdk.signingKeys.create();
  return signedViewer(
    harness.url,
    { keyId: key.key_id, privateKey: key.private_key },
    { viewerId },
  );
}

/** A ready, public video of the tenant, written straight to its table (no media needed). */
export async function readyVideo(harness: Harness, of: Tenant, channelId?: string) {
  const id = randomUUID();
  await harness.reel.ctx.database.db.insert(videos).values({
    id,
    tenantId: of.tenantId,
    status: 'ready',
    title: 'Video',
    originalKey: `raw-uploads/${id}/original`,
    publishedAt: new Date(),
    durationSec: 60,
    channelId,
  });
  return id;
}

/** The error a call was refused with; undefined when it was not. */
export const refusal = (pending: Promise<unknown>) =>
  pending.then(
    () => undefined,
    (error: unknown) => error as ReelError,
  );

/**
 * One of everything Reel keeps about a viewer, made through the API as they and the tenant
 * would: a like, a comment (and another viewer's reply to it), a subscription, a playlist with
 * an item, a report, a playback heartbeat (history and an analytics session), a channel the
 * tenant made for them and a comment ban.
 */
export async function viewerWithOneOfEach(harness: Harness, of: Tenant, viewerId: string) {
  const subject = await viewerOf(harness, of, viewerId);
  const other = await viewerOf(harness, of, `other-${randomUUID().slice(0, 8)}`);
  const channel = await of.sdk.channels.create({
    handle: `c-${randomUUID().slice(0, 8)}`,
    title: 'Channel',
  });
  const owned = await of.sdk.channels.create({
    handle: `o-${randomUUID().slice(0, 8)}`,
    title: 'Their own channel',
    owner_viewer_id: viewerId,
  });
  const video = await readyVideo(harness, of, channel.channel_id);
  const listed = await readyVideo(harness, of);
  await subject.client.like(video);
  await other.client.like(video);
  await subject.client.subscribe(channel.channel_id);
  await other.client.subscribe(channel.channel_id);
  const comment = await subject.client.comments.create(video, 'Mine, to be erased');
  const reply = await other.client.comments.create(video, 'A reply to you', {
    parentId: comment.comment_id,
  });
  const playlist = await subject.client.playlists.create({ title: 'Mine', visibility: 'private' });
  await subject.client.playlists.add(playlist.playlist_id, listed);
  const report = await subject.client.reportVideo(listed, { reason: 'spam' });
  const heartbeat = await contractFetch(`${harness.url}/v1/videos/${video}/views`, {
    method: 'POST',
    headers: { authorization: `Bearer ${subject.token}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      event: 'heartbeat',
      position_sec: 12,
      session_id: randomUUID(),
      seq: 1,
    }),
  });
  if (heartbeat.status !== 202) throw new Error(`the heartbeat answered ${heartbeat.status}`);
  await of.sdk.comments.ban(viewerId, { reason: 'Testing' });
  return { subject, other, channel, owned, video, listed, comment, reply, playlist, report };
}
