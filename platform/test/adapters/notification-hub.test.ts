import { InProcessNotificationHub } from '../../src/adapters/notification-hub/in-process.js';
import { notificationHubContract } from './notification-hub-contract.js';

// One process: its "other replica" is itself.
notificationHubContract(
  'in-process',
  async () => new InProcessNotificationHub(),
  async (hub) => hub,
);
