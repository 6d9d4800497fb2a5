import { randomUUID } from 'node:crypto';
import { RedisNotificationHub } from '../../src/adapters/notification-hub/redis.js';
import type { NotificationHub } from '../../src/ports/notification-hub.js';
import { notificationHubContract } from '../adapters/notification-hub-contract.js';
import { loadServicesEnv } from './services-env.js';

const channels = new WeakMap<NotificationHub, string>();

notificationHubContract(
  'Redis',
  async () => {
    const channel = `test:notifications:${randomUUID()}`;
    const hub = new RedisNotificationHub(loadServicesEnv().redisUrl, channel);
    channels.set(hub, channel);
    return hub;
  },
  async (hub) =>
    new RedisNotificationHub(loadServicesEnv().redisUrl, channels.get(hub) ?? 'missing'),
);
