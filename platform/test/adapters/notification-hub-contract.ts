import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type {
  ApiNotification,
  LiveChatEvent,
  NotificationHub,
} from '../../src/ports/notification-hub.js';
import { until } from '../support/polling.js';

const batch = (tenantId: string, recipients: { viewerId: string; id: string }[]) => ({
  tenantId,
  kind: 'video_published' as const,
  data: { video_id: randomUUID(), title: 'New' },
  createdAt: new Date().toISOString(),
  recipients,
});

const chatEvent = (tenantId: string, liveStreamId: string, text: string): LiveChatEvent => ({
  tenantId,
  kind: 'message',
  message: {
    message_id: randomUUID(),
    live_stream_id: liveStreamId,
    viewer_id: 'ada',
    text,
    at_sec: 1.5,
    created_at: new Date().toISOString(),
  },
});

/**
 * What every NotificationHub adapter must do. `open` makes a hub; `peer` one more sharing its
 * transport (another replica), which must hear what the first publishes.
 */
export function notificationHubContract(
  name: string,
  open: () => Promise<NotificationHub>,
  peer: (hub: NotificationHub) => Promise<NotificationHub>,
) {
  describe(`NotificationHub contract: ${name}`, () => {
    const opened: NotificationHub[] = [];
    const hub = async () => {
      const made = await open();
      opened.push(made);
      return made;
    };
    afterAll(async () => {
      await Promise.all(opened.map((h) => h.close()));
    });

    it("gives each listener its viewer's notification, and nobody else's", async () => {
      const h = await hub();
      const tenantId = randomUUID();
      const heard: Record<string, ApiNotification[]> = { alice: [], bob: [], other: [] };
      await h.subscribe(tenantId, 'alice', (n) => heard.alice?.push(n));
      await h.subscribe(tenantId, 'bob', (n) => heard.bob?.push(n));
      // The same user id in another tenant is another viewer.
      await h.subscribe(randomUUID(), 'alice', (n) => heard.other?.push(n));
      const aliceId = randomUUID();
      const sent = batch(tenantId, [
        { viewerId: 'alice', id: aliceId },
        { viewerId: 'carol', id: randomUUID() },
      ]);
      await h.publish(sent);
      await until('alice hears', () => heard.alice?.length === 1);
      expect(heard.alice).toEqual([
        {
          id: aliceId,
          kind: sent.kind,
          data: sent.data,
          created_at: sent.createdAt,
          read_at: null,
        },
      ]);
      expect(heard.bob).toEqual([]);
      expect(heard.other).toEqual([]);
    });

    it('stops giving after unsubscribing', async () => {
      const h = await hub();
      const tenantId = randomUUID();
      const first: string[] = [];
      const second: string[] = [];
      const stop = await h.subscribe(tenantId, 'v', (n) => first.push(n.id));
      await h.subscribe(tenantId, 'v', (n) => second.push(n.id));
      stop();
      const id = randomUUID();
      await h.publish(batch(tenantId, [{ viewerId: 'v', id }]));
      await until('the remaining listener hears', () => second.length === 1);
      expect(first).toEqual([]);
    });

    it('carries a batch to another process sharing the transport', async () => {
      const h = await hub();
      const replica = await peer(h);
      opened.push(replica);
      const tenantId = randomUUID();
      const heard: string[] = [];
      await replica.subscribe(tenantId, 'far', (n) => heard.push(n.id));
      const ids = Array.from({ length: 1000 }, () => randomUUID());
      await h.publish(
        batch(
          tenantId,
          ids.map((id, i) => ({ viewerId: i === 999 ? 'far' : `v${i}`, id })),
        ),
      );
      await until('the replica hears', () => heard.length === 1);
      expect(heard).toEqual([ids[999]]);
    });

    it("gives each chat listener its stream's messages, here and on another process", async () => {
      const h = await hub();
      const replica = await peer(h);
      opened.push(replica);
      const tenantId = randomUUID();
      const streamId = randomUUID();
      const heard: Record<string, LiveChatEvent[]> = { here: [], there: [], other: [] };
      await h.subscribeChat(tenantId, streamId, (e) => heard.here?.push(e));
      const stop = await replica.subscribeChat(tenantId, streamId, (e) => heard.there?.push(e));
      // The same stream id under another tenant is another chat.
      await h.subscribeChat(randomUUID(), streamId, (e) => heard.other?.push(e));
      await h.publishChat(chatEvent(tenantId, randomUUID(), 'another stream'));
      const sent = chatEvent(tenantId, streamId, 'hello');
      await h.publishChat(sent);
      await until('both hear', () => heard.here?.length === 1 && heard.there?.length === 1);
      expect(heard.here).toEqual([sent]);
      expect(heard.there).toEqual([sent]);
      stop();
      const later = chatEvent(tenantId, streamId, 'later');
      await replica.publishChat(later);
      await until('the first hears the replica', () => heard.here?.length === 2);
      expect(heard.here?.[1]).toEqual(later);
      expect(heard.there).toHaveLength(1);
      expect(heard.other).toEqual([]);
    });
  });
}
