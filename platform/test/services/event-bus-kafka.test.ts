import { inject } from 'vitest';
import { KafkaBus } from '../../src/adapters/event-bus/kafka.js';
import { openDatabase } from '../../src/db/connection.js';
import { eventBusContract } from '../adapters/event-bus-contract.js';
import { loadServicesEnv, uniqueName } from './services-env.js';

eventBusContract('Kafka', async () => {
  const database = await openDatabase({
    databaseUrl: inject('databaseUrl'),
    dataDir: '',
    embeddedPort: 0,
  });
  const bus = new KafkaBus(database.db, {
    brokers: loadServicesEnv().kafkaBrokers,
    partitions: 3,
    // Groups named per bus: the contract reuses group names across its cases.
    groupPrefix: `${uniqueName('test')}.`,
  });
  return Object.assign(Object.create(bus) as KafkaBus, {
    close: async () => {
      await bus.close();
      await database.close();
    },
  });
});
