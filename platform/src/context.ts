import { join } from 'node:path';
import { PostgresQueueBus } from './adapters/event-bus/postgres-queue.js';
import { LocalDiskStore } from './adapters/object-store/local-disk.js';
import { FfmpegTranscoder } from './adapters/transcoder/ffmpeg.js';
import { findFfmpeg } from './adapters/transcoder/ffmpeg-binaries.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/connection.js';
import { groupsByTopic } from './domain/event-routes.js';
import type { EventBus } from './ports/event-bus.js';
import type { ObjectStore } from './ports/object-store.js';
import type { Transcoder } from './ports/transcoder.js';

/** Everything a request or a worker needs, with an adapter chosen for each port. */
export interface Context {
  config: Config;
  database: Database;
  store: ObjectStore;
  bus: EventBus;
  transcoder: Transcoder;
  close(): Promise<void>;
}

export async function createContext(config: Config): Promise<Context> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedPort: config.embeddedPostgresPort,
  });
  const store = new LocalDiskStore(
    join(config.dataDir, 'objects'),
    config.publicUrl,
    config.urlSigningSecret,
  );
  const bus = new PostgresQueueBus(database.db, database.url, groupsByTopic());
  const transcoder = new FfmpegTranscoder(findFfmpeg());
  return {
    config,
    database,
    store,
    bus,
    transcoder,
    async close() {
      await bus.close();
      await database.close();
    },
  };
}

/** One line per port, for the startup log. */
export const describeAdapters = (ctx: Context) =>
  `database=${ctx.database.kind} objects=${ctx.store.name} events=${ctx.bus.name} transcoder=${ctx.transcoder.name}`;
