import { randomUUID } from 'node:crypto';
import type { Reel } from '@reel/sdk';
import { sql } from 'drizzle-orm';
import { videos } from '../../src/db/schema.js';
import type { Harness } from '../support/harness.js';
import { signedViewer } from '../support/viewer-client.js';

export type Tenant = { sdk: Reel; tenantId: string; key: { keyId: string; privateKey: string } };

/** A tenant of the harness with a signing key for its viewers' tokens. */
export async function tenantWithKey(harness: Harness): Promise<Tenant> {
  const { sdk, tenantId } = await harness.tenant();
  const created = await sdk.signingKeys.create({ algorithm: 'ES256' });
  return { sdk, tenantId, key: { keyId: created.key_id, privateKey: created.private_key } };
}

export const viewerOf = (harness: Harness, tenant: Tenant, viewerId?: string) =>
  signedViewer(harness.url, tenant.key, { viewerId });

export const newChannel = (tenant: Tenant, ownerViewerId?: string) =>
  tenant.sdk.channels.create({
    handle: `ch_${randomUUID().slice(0, 8)}`,
    title: 'Channel',
    ...(ownerViewerId && { owner_viewer_id: ownerViewerId }),
  });

/** A transcoded video of the channel, waiting for `videos.publish`. */
export async function transcodedVideo(
  harness: Harness,
  tenant: Tenant,
  channelId: string,
  options: { visibility?: 'unlisted' | 'private'; commentsPolicy?: 'held' } = {},
) {
  const id = randomUUID();
  await harness.reel.ctx.database.db.insert(videos).values({
    id,
    tenantId: tenant.tenantId,
    channelId,
    status: 'transcoded',
    title: `Video ${id.slice(0, 4)}`,
    durationSec: 10,
    autoPublish: false,
    originalKey: `raw-uploads/${id}/original`,
    ...(options.visibility && { visibility: options.visibility }),
    ...(options.commentsPolicy && { commentsPolicy: options.commentsPolicy }),
  });
  return id;
}

/** `count` subscribers of the channel, made in one statement. */
export async function seedSubscribers(
  harness: Harness,
  tenant: Tenant,
  channelId: string,
  count: number,
) {
  await harness.reel.ctx.database.db.execute(sql`
    insert into subscriptions (tenant_id, viewer_id, channel_id)
    select ${tenant.tenantId}, 'bulk-' || lpad(g::text, 7, '0'), ${channelId}
      from generate_series(1, ${count}) g`);
}

export interface OpenStream {
  events: {
    id: string;
    /** The `event:` field, if the server named one. */
    event?: string;
    data: { id: string; kind: string; data: Record<string, unknown> };
    at: number;
  }[];
  comments: number;
  response: Response;
  close(): void;
}

/**
 * A raw event stream as a browser's EventSource opens it, parsed by the test itself; `until`
 * waits on `events`. Resolves once the server answered (and so listens).
 */
export async function openStream(
  url: string,
  headers: Record<string, string>,
): Promise<OpenStream> {
  const abort = new AbortController();
  const response = await fetch(url, { headers, signal: abort.signal });
  const stream: OpenStream = {
    events: [],
    comments: 0,
    response,
    close: () => abort.abort(),
  };
  if (!response.ok || !response.body) return stream;
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (let read = await reader.read(); !read.done; read = await reader.read()) {
        buffer += decoder.decode(read.value, { stream: true });
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const fields = block.split('\n');
          if (fields.some((f) => f.startsWith(':'))) stream.comments += 1;
          const id = fields.find((f) => f.startsWith('id: '))?.slice(4);
          const event = fields.find((f) => f.startsWith('event: '))?.slice(7);
          const data = fields
            .filter((f) => f.startsWith('data: '))
            .map((f) => f.slice(6))
            .join('\n');
          if (id && data) stream.events.push({ id, event, data: JSON.parse(data), at: Date.now() });
        }
      }
    } catch {
      // Aborted by the test.
    }
  })();
  return stream;
}

export const percentile = (values: readonly number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
