import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { insertChannel } from '../../src/db/channels.js';
import type { Database } from '../../src/db/connection.js';
import { channels, videos } from '../../src/db/schema.js';
import { createTenant } from '../../src/db/tenants.js';
import type { SearchIndex } from '../../src/ports/search-index.js';
import type { SearchFixture } from './search-index-contract.js';

/**
 * A fixture whose videos are real rows (tenants and videos), indexed through `index`: the
 * embedded index reads them, OpenSearch gets its documents through `upsert`.
 */
export function searchIndexFixtureOnVideos(
  database: Database,
  index: SearchIndex,
  settle: () => Promise<void> = async () => {},
): SearchFixture {
  return {
    index,
    newTenant: async () =>
      (await createTenant(database.db, `search-${randomBytes(4).toString('hex')}`)).tenantId,
    newChannel: async (tenantId) =>
      (
        await insertChannel(database.db, {
          tenantId,
          handle: `search-${randomBytes(4).toString('hex')}`,
          title: 'Search channel',
        })
      ).id,
    async publish(doc) {
      await database.db.insert(videos).values({
        id: doc.videoId,
        tenantId: doc.tenantId,
        status: 'ready',
        title: doc.title,
        description: doc.description,
        tags: doc.tags,
        language: doc.language,
        channelId: doc.channelId,
        durationSec: doc.durationSec,
        originalKey: `raw-uploads/${doc.videoId}/original`,
        publishedAt: doc.publishedAt,
        viewCount: doc.views,
      });
      await index.upsert(doc);
    },
    async viewed(videoId, views) {
      await database.db.update(videos).set({ viewCount: views }).where(eq(videos.id, videoId));
      await index.updateViews([{ videoId, views }]);
    },
    async unpublish(videoId) {
      await database.db.update(videos).set({ deletedAt: new Date() }).where(eq(videos.id, videoId));
      await index.remove(videoId);
    },
    async putChannel(doc) {
      const fields = {
        handle: doc.handle,
        title: doc.title,
        description: doc.description,
        updatedAt: new Date(),
      };
      await database.db
        .insert(channels)
        .values({ id: doc.channelId, tenantId: doc.tenantId, ...fields })
        .onConflictDoUpdate({ target: channels.id, set: fields });
      await index.upsertChannel(doc);
    },
    async deleteChannel(channelId) {
      await database.db
        .update(channels)
        .set({ deletedAt: new Date() })
        .where(eq(channels.id, channelId));
      await index.removeChannel(channelId);
    },
    settle,
    async close() {
      await index.close();
      await database.close();
    },
  };
}
