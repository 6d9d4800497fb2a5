import { benchAnalyticsIngest, benchBus, benchHeartbeats } from './bus.js';
import { readServicesEnv } from './machine.js';
import { progress } from './progress.js';
import { startReel } from './reel-process.js';
import type { Settings } from './settings.js';
import { publishClip } from './transcode.js';
import { benchUploadAgainstMinio } from './upload-minio.js';

/**
 * The bus and heartbeat figures again with Reel on the services of `.reel/services.env`
 * (events on Kafka, objects on S3, cache on Redis, search on OpenSearch; Postgres embedded).
 * A transcode, untimed, makes the ready video the heartbeats are about. With an upload file,
 * `upload_vs_minio` too.
 */
export async function benchServices(
  repoRoot: string,
  settings: Settings,
  clip: string,
  uploadFile: string,
): Promise<Record<string, number | string>> {
  const services = readServicesEnv(repoRoot);
  if (!services?.KAFKA_BROKERS) {
    throw new Error('--services needs .reel/services.env with KAFKA_BROKERS');
  }
  progress(`starting reel dev on the services (Kafka ${services.KAFKA_BROKERS})`);
  const reel = await startReel(repoRoot, { cpuProfDir: settings.cpuProfDir, services });
  try {
    const readyVideoId = await publishClip(reel, clip, settings.clipSeconds);
    const clipEvents = {
      videoId: readyVideoId,
      events: settings.busEvents,
      rounds: settings.rounds,
    };
    return {
      bus: 'kafka',
      ...(await benchBus(reel, 'kafka', settings.busEvents, settings.rounds)),
      ...(await benchHeartbeats(reel, 'kafka', clipEvents)),
      ...(await benchAnalyticsIngest(reel, 'kafka', clipEvents)),
      ...(uploadFile === ''
        ? {}
        : await benchUploadAgainstMinio(
            reel,
            services,
            uploadFile,
            settings.uploadBytes,
            settings.rounds,
          )),
    };
  } catch (error) {
    progress(`services run failed; the last lines of reel dev:\n${reel.tail()}`);
    throw error;
  } finally {
    await reel.stop();
  }
}
