import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Config } from '../config.js';
import { createTenant, tenantForKey } from '../db/tenants.js';
import { startReel } from '../process.js';
import { WORKER_ROLES } from '../workers/roles.js';

interface DevState {
  apiUrl: string;
  apiKey: string;
  operatorToken: string;
  urlSigningSecret: string;
}

async function readState(path: string): Promise<Partial<DevState>> {
  try {
    return JSON.parse(await readFile(path, 'utf8')) as Partial<DevState>;
  } catch {
    return {};
  }
}

/**
 * `reel dev`: everything in one process on embedded defaults. The first start creates a
 * development tenant and an operator token, and writes `.reel/dev.json` (apiUrl, apiKey,
 * operatorToken) for the CLI and examples.
 */
export async function runDev(base: Config) {
  await mkdir(base.dataDir, { recursive: true });
  const statePath = join(base.dataDir, 'dev.json');
  const state = await readState(statePath);
  // A stable secret keeps part URLs signed before a restart working after it.
  const urlSigningSecret =
    process.env.REEL_URL_SIGNING_SECRET ||
    state.urlSigningSecret ||
    randomBytes(32).toString('base64url');
  const operatorToken =
    base.operatorToken ?? state.operatorToken ?? `reel_op_${randomBytes(32).toString('base64url')}`;
  // Local receivers (the webhook example) listen on loopback; the metadata address stays refused.
  const webhooks = {
    ...base.webhooks,
    allowLoopback: process.env.REEL_WEBHOOK_ALLOW_LOOPBACK !== 'false',
  };
  const config = { ...base, urlSigningSecret, operatorToken, webhooks };
  const reel = await startReel(config, { http: true, roles: WORKER_ROLES });

  let apiKey = state.apiKey;
  if (!apiKey || !(await tenantForKey(reel.ctx.database.db, apiKey))) {
    apiKey = (await createTenant(reel.ctx.database.db, 'development')).apiKey;
    console.log(`Created the development tenant. API key (also in ${statePath}):\n  ${apiKey}`);
  }
  const next: DevState = { apiUrl: config.publicUrl, apiKey, operatorToken, urlSigningSecret };
  await writeFile(statePath, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  console.log(`Reel is ready on ${config.publicUrl}  (try: npx reel upload clip.mp4 --wait)`);

  const shutdown = () => void reel.stop().then(() => process.exit(0));
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}
