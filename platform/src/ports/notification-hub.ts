import type { components } from '../contract/openapi.gen.js';

export type ApiNotification = components['schemas']['Notification'];

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
 * Carries stored notifications to the API replicas holding their viewers' streams: in-process on
 * one machine, Redis pub/sub when scaled out. Best effort: a stream that misses one gets it from
 * the stored rows when it reconnects with `Last-Event-ID`.
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
  close(): Promise<void>;
}

/** The viewers' listeners of one process, which both adapters dispatch a batch to. */
export class NotificationListeners {
  private readonly byViewer = new Map<string, Set<(n: ApiNotification) => void>>();

  add(tenantId: string, viewerId: string, listener: (n: ApiNotification) => void) {
    const key = `${tenantId}/${viewerId}`;
    const set = this.byViewer.get(key) ?? new Set();
    set.add(listener);
    this.byViewer.set(key, set);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.byViewer.delete(key);
    };
  }

  dispatch(batch: NotificationBatch) {
    for (const { viewerId, id } of batch.recipients) {
      const listeners = this.byViewer.get(`${batch.tenantId}/${viewerId}`);
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
}
