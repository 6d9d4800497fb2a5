import { inject } from 'vitest';
import { PostgresQueueBus } from '../../src/adapters/event-bus/postgres-queue.js';
import { openDatabase } from '../../src/db/connection.js';
import { eventBusContract } from './event-bus-contract.js';

eventBusContract('postgres queue', async (routes) => {
  const database = await openDatabase({
    databaseUrl: inject('databaseUrl'),
    dataDir: '',
    embeddedPort: 0,
  });
  const bus = new PostgresQueueBus(database.db, database.url, routes);
  return Object.assign(Object.create(bus) as PostgresQueueBus, {
    close: async () => {
      await bus.close();
      await database.close();
    },
  });
});
