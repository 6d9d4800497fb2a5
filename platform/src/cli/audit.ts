import { verifyAuditChain } from '../app/audit/verify-chain.js';
import { loadConfig } from '../config.js';
import { openDatabase } from '../db/connection.js';

/**
 * `reel audit verify [--json]`: walks the audit log's hash chain in the database itself (not
 * through the API, which shows each tenant only its own entries). Exit 0 when every entry
 * holds, 1 at the first edited or missing one.
 */
export async function runAudit(args: string[]): Promise<number> {
  const [action, ...flags] = args;
  if (action !== 'verify') throw new Error('Usage: reel audit verify [--json]');
  const config = loadConfig();
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedPort: config.embeddedPostgresPort,
  });
  try {
    const { checked, broken } = await verifyAuditChain(database);
    if (flags.includes('--json')) {
      console.log(JSON.stringify({ ok: !broken, checked, broken: broken ?? null }));
    } else if (broken) {
      console.log(
        `audit log broken at entry ${broken.seq} (${broken.problem}); ${checked} held before it`,
      );
    } else {
      console.log(`audit log holds: ${checked} entries verified`);
    }
    return broken ? 1 : 0;
  } finally {
    await database.close();
  }
}
