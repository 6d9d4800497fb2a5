import { parseArgs } from 'node:util';
import { runAnalytics } from './cli/analytics.js';
import { runAudit } from './cli/audit.js';
import { runDev } from './cli/dev.js';
import { runLive } from './cli/live.js';
import { stopOnSignal } from './cli/stop-on-signal.js';
import { runTenants } from './cli/tenants.js';
import { runUpload } from './cli/upload.js';
import { loadConfig, loadServicesEnvFile, loadSharedConfig } from './config.js';
import { openDatabase } from './db/connection.js';
import { startReel } from './process.js';
import { WORKER_ROLES, type WorkerRole } from './workers/roles.js';

const USAGE = `Usage: reel <command>

  dev                          API and every worker in one process, on embedded defaults
  serve                        API only
  worker --role R[,R…]|all     workers: ${WORKER_ROLES.join(', ')}
  migrate                      apply database migrations and exit
  upload FILE [--title T] [--playback-policy public|signed] [--no-auto-publish] [--wait] [--json]
                               upload a video (REEL_API_URL/REEL_API_KEY, else .reel/dev.json)
  live create --title T [--latency low|standard] [--json]
                               create a live stream; prints its RTMP URL, key and an ffmpeg test command
  tenants create --name N [--json] | tenants list [--json]
                               operator: manage tenants (REEL_OPERATOR_TOKEN, else .reel/dev.json)
  analytics VIDEO_ID [--days N] [--json]
                               a video's key figures, views a day and retention curve
  audit verify [--json]        check the audit log's hash chain in the database (exit 1 if broken)
`;

async function main(argv: string[]) {
  const [command, ...rest] = argv;
  switch (command) {
    case 'dev': {
      // After scripts/services/up, `reel dev` (and `npm start`) runs on those services.
      const servicesEnv = loadServicesEnvFile();
      if (servicesEnv) console.log(`Using the services in ${servicesEnv}`);
      return runDev(process.env);
    }
    case 'serve': {
      const signals = stopOnSignal();
      return signals.started(await startReel(loadSharedConfig(), { http: true, roles: [] }));
    }
    case 'worker': {
      const { values } = parseArgs({
        args: rest,
        options: { role: { type: 'string', default: 'all' } },
      });
      const asked = (values.role ?? 'all').split(',');
      const roles = asked.includes('all') ? [...WORKER_ROLES] : asked;
      const unknown = roles.filter((r) => !(WORKER_ROLES as readonly string[]).includes(r));
      if (unknown.length > 0)
        throw new Error(
          `Unknown role ${unknown.join(', ')}; roles: ${WORKER_ROLES.join(', ')}, all`,
        );
      const signals = stopOnSignal();
      const reel = await startReel(loadSharedConfig(), {
        http: false,
        roles: roles as WorkerRole[],
      });
      return signals.started(reel);
    }
    case 'migrate': {
      const config = loadConfig();
      const db = await openDatabase({
        databaseUrl: config.databaseUrl,
        dataDir: config.dataDir,
        embeddedPort: config.embeddedPostgresPort,
      });
      await db.close();
      console.log('migrations applied');
      return;
    }
    case 'upload':
      process.exitCode = await runUpload(rest);
      return;
    case 'tenants':
      process.exitCode = await runTenants(rest);
      return;
    case 'analytics':
      process.exitCode = await runAnalytics(rest);
      return;
    case 'audit':
      process.exitCode = await runAudit(rest);
      return;
    case 'live':
      process.exitCode = await runLive(rest);
      return;
    default:
      process.stdout.write(USAGE);
      if (command && command !== 'help' && command !== '--help') process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(`reel: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
