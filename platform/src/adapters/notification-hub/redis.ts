import { Redis } from 'ioredis';
import {
  type LiveChatEvent,
  type NotificationBatch,
  type NotificationHub,
  NotificationListeners,
} from '../../ports/notification-hub.js';

const retryStrategy = (times: number) => Math.min(times * 100, 1_000);

/**
 * Redis pub/sub on one channel per deployment (and one beside it for live chat): every API
 * replica hears every batch and message and hands it to the streams it holds. Lost messages (an outage) are found again through `Last-Event-ID`.
 */
export class RedisNotificationHub implements NotificationHub {
  readonly name = 'redis';
  private readonly publisher: Redis;
  private subscriber: Promise<Redis> | undefined;
  private readonly listeners = new NotificationListeners();

  constructor(
    private readonly url: string,
    private readonly channel: string,
    private readonly onError: (error: Error) => void = () => {},
  ) {
    this.publisher = new Redis(url, {
      connectTimeout: 1_000,
      commandTimeout: 1_000,
      maxRetriesPerRequest: 0,
      enableOfflineQueue: false,
      retryStrategy,
    });
    this.publisher.on('error', () => {});
  }

  private get chatChannel() {
    return `${this.channel}:chat`;
  }

  async publish(batch: NotificationBatch): Promise<void> {
    await this.send(this.channel, batch);
  }

  async publishChat(event: LiveChatEvent): Promise<void> {
    await this.send(this.chatChannel, event);
  }

  private async send(channel: string, message: unknown) {
    try {
      await this.publisher.publish(channel, JSON.stringify(message));
    } catch (error) {
      this.onError(error as Error);
    }
  }

  async subscribe(...args: Parameters<NotificationListeners['add']>) {
    this.subscriber ??= this.listen();
    await this.subscriber;
    return this.listeners.add(...args);
  }

  async subscribeChat(...args: Parameters<NotificationListeners['addChat']>) {
    this.subscriber ??= this.listen();
    await this.subscriber;
    return this.listeners.addChat(...args);
  }

  private async listen() {
    // ioredis subscribes again after every reconnect.
    const subscriber = new Redis(this.url, { retryStrategy });
    subscriber.on('error', () => {});
    subscriber.on('message', (channel: string, message: string) => {
      try {
        if (channel === this.chatChannel) {
          this.listeners.dispatchChat(JSON.parse(message) as LiveChatEvent);
        } else {
          this.listeners.dispatch(JSON.parse(message) as NotificationBatch);
        }
      } catch (error) {
        this.onError(error as Error);
      }
    });
    await subscriber.subscribe(this.channel, this.chatChannel);
    return subscriber;
  }

  async close(): Promise<void> {
    this.publisher.disconnect();
    (await this.subscriber?.catch(() => undefined))?.disconnect();
  }
}
