import type { components } from '../contract/openapi.gen.js';

export type ApiNotification = components['schemas']['Notification'];
export type ApiLiveChatMessage = components['schemas']['LiveChatMessage'];

/** A chat message just posted, or just deleted (its text emptied), for its stream's listeners. */
export interface LiveChatEvent {
  tenantId: string;
  kind: 'message' | 'deleted';
  message: ApiLiveChatMessage;
}

/** Notifications of one kind about one thing, just stored for many viewers (one fan-out chunk). */
export interface NotificationBatch {
  tenantId: string;
  kind: ApiNotification['kind'];
  data: ApiNotification['data'];
  createdAt: string;
  /** Each viewer's own notification id. */
  recipients: readonly { viewerId: string; id: string }[];
}

/**
 * Carries stored notifications and live chat messages to the API replicas holding their
 * streams: in-process on one machine, Redis pub/sub when scaled out. Best effort: a stream that
 * misses one gets it from the stored rows when it reconnects with `Last-Event-ID`.
 */
export interface NotificationHub {
  readonly name: string;
  /** Never throws: the rows are stored already. */
  publish(batch: NotificationBatch): Promise<void>;
  /**
   * Runs `listener` for each notification of that viewer published from now on, by any process;
   * resolves once listening (so nothing published after is missed). Returns the unsubscribe.
   */
  subscribe(
    tenantId: string,
    viewerId: string,
    listener: (notification: ApiNotification) => void,
  ): Promise<() => void>;
  /** Never throws: the message is stored already. */
  publishChat(event: LiveChatEvent): Promise<void>;
  /** As `subscribe`, for the chat of one live stream. */
  subscribeChat(
    tenantId: string,
    liveStreamId: string,
    listener: (event: LiveChatEvent) => void,
  ): Promise<() => void>;
  close(): Promise<void>;
}

/** Listeners by a key, added and removed as streams open and close. */
class KeyedListeners<T> {
  private readonly byKey = new Map<string, Set<(value: T) => void>>();

  add(key: string, listener: (value: T) => void) {
    const set = this.byKey.get(key) ?? new Set();
    set.add(listener);
    this.byKey.set(key, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byKey.delete(key);
    };
  }

  of(key: string) {
    return this.byKey.get(key);
  }
}

/** The viewers' and the chats' listeners of one process, which both adapters dispatch to. */
export class NotificationListeners {
  private readonly byViewer = new KeyedListeners<ApiNotification>();
  private readonly byChat = new KeyedListeners<LiveChatEvent>();

  add(tenantId: string, viewerId: string, listener: (n: ApiNotification) => void) {
    return this.byViewer.add(`${tenantId}/${viewerId}`, listener);
  }

  addChat(tenantId: string, liveStreamId: string, listener: (event: LiveChatEvent) => void) {
    return this.byChat.add(`${tenantId}/${liveStreamId}`, listener);
  }

  dispatch(batch: NotificationBatch) {
    for (const { viewerId, id } of batch.recipients) {
      const listeners = this.byViewer.of(`${batch.tenantId}/${viewerId}`);
      if (!listeners) continue;
      const notification: ApiNotification = {
        id,
        kind: batch.kind,
        data: batch.data,
        created_at: batch.createdAt,
        read_at: null,
      };
      for (const listener of listeners) listener(notification);
    }
  }

  dispatchChat(event: LiveChatEvent) {
    const key = `${event.tenantId}/${event.message.live_stream_id}`;
    for (const listener of this.byChat.of(key) ?? []) listener(event);
  }
}
