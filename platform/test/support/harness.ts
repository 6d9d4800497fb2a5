import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Reel } from '@reel/sdk';
import { inject } from 'vitest';
import { type Config, loadConfig, parseEnvFile } from '../../src/config.js';
import { createTenant } from '../../src/db/tenants.js';
import type { Tracing } from '../../src/ports/tracing.js';
import { type ReelProcess, startReel } from '../../src/process.js';
import type { WorkerRole } from '../../src/workers/roles.js';
import { WORKER_ROLES } from '../../src/workers/roles.js';
import { contractFetch } from './contract-fetch.js';
import { freePort } from './free-port.js';

/** Shared by every process of a test run, so any worker can finish any process's job. */
export const TEST_SIGNING_SECRET = 'test-url-signing-secret';
export const TEST_OPERATOR_TOKEN = 'reel_op_test-operator-token';

export interface Harness {
  reel: ReelProcess;
  url: string;
  config: Config;
  /** A new tenant and an SDK client for it that checks every response against the contract. */
  tenant(): Promise<{ tenantId: string; apiKey: string; sdk: Reel }>;
  stop(): Promise<void>;
}

/**
 * With `REEL_TEST_SERVICES=1` (the services suite), every Reel a test starts uses the Kafka,
 * S3, Redis and OpenSearch that scripts/services/up wrote to `.reel/services.env`.
 */
export function servicesEnv(): Record<string, string> {
  if (process.env.REEL_TEST_SERVICES !== '1') return {};
  const file = fileURLToPath(new URL('../../../.reel/services.env', import.meta.url));
  return parseEnvFile(readFileSync(file, 'utf8'));
}

export function testEnv(extra: Record<string, string> = {}): Record<string, string> {
  return {
    ...servicesEnv(),
    DATABASE_URL: inject('databaseUrl'),
    REEL_DATA_DIR: inject('dataDir'),
    REEL_URL_SIGNING_SECRET: TEST_SIGNING_SECRET,
    REEL_OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
    REEL_MAX_UPLOAD_BYTES: String(200 * 1024 * 1024),
    // Suites fire requests fast; the rate-limit test sets its own low limits.
    REEL_RATE_LIMIT_PER_KEY: '100000',
    REEL_RATE_LIMIT_PER_IP: '100000',
    REEL_COMMENT_RATE_LIMIT: '100000',
    REEL_CHAT_RATE_LIMIT: '100000',
    REEL_REPORT_RATE_LIMIT: '100000',
    // Suites share two cores and stall the loop now and then; the back-pressure test sets its own.
    REEL_MAX_EVENT_LOOP_DELAY_MS: '30000',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** A real Reel (API and workers) on a free port, over the run's Postgres and object folder. */
export async function startHarness(
  options: { roles?: readonly WorkerRole[]; env?: Record<string, string>; tracing?: Tracing } = {},
): Promise<Harness> {
  const port = await freePort();
  const config = loadConfig({ ...testEnv(options.env), PORT: String(port) });
  // The live role listens for RTMP: only the live suites, which give it a port of its own, run it.
  const roles = options.roles ?? WORKER_ROLES.filter((role) => role !== 'live');
  const reel = await startReel(config, { http: true, roles, tracing: options.tracing });
  return {
    reel,
    url: reel.url,
    config,
    async tenant() {
      const { tenantId, apiKey } = await createTenant(
        reel.ctx.database.db,
        `test-${randomBytes(4).toString('hex')}`,
      );
      return {
        tenantId,
        apiKey,
        sdk: new Reel({ apiKey, baseUrl: reel.url, fetch: contractFetch, maxRetries: 1 }),
      };
    },
    stop: () => reel.stop(),
  };
}
