import {
  type LiveChatEvent,
  type NotificationBatch,
  type NotificationHub,
  NotificationListeners,
} from '../../ports/notification-hub.js';

/** One process: the notifications role and the streams share memory. */
export class InProcessNotificationHub implements NotificationHub {
  readonly name = 'in-process';
  private readonly listeners = new NotificationListeners();

  async publish(batch: NotificationBatch): Promise<void> {
    this.listeners.dispatch(batch);
  }

  async subscribe(...args: Parameters<NotificationListeners['add']>) {
    return this.listeners.add(...args);
  }

  async publishChat(event: LiveChatEvent): Promise<void> {
    this.listeners.dispatchChat(event);
  }

  async subscribeChat(...args: Parameters<NotificationListeners['addChat']>) {
    return this.listeners.addChat(...args);
  }

  async close(): Promise<void> {}
}
