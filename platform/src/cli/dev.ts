import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadConfig } from '../config.js';
import { createTenant, tenantForKey } from '../db/tenants.js';
import { startReel } from '../process.js';
import { WORKER_ROLES } from '../workers/roles.js';
import { stopOnSignal } from './stop-on-signal.js';

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
export async function runDev(env: NodeJS.ProcessEnv) {
  const dataDir = loadConfig(env).dataDir;
  await mkdir(dataDir, { recursive: true });
  const statePath = join(dataDir, 'dev.json');
  const state = await readState(statePath);
  const base = loadConfig(env, {
    // A stable secret keeps part URLs signed before a restart working after it.
    urlSigningSecret: state.urlSigningSecret,
    // Local receivers (the webhook example) listen on loopback; the metadata address stays refused.
    allowLoopbackWebhooks: true,
  });
  const operatorToken =
    base.operatorToken ?? state.operatorToken ?? `reel_op_${randomBytes(32).toString('base64url')}`;
  const config = { ...base, operatorToken };
  const { urlSigningSecret } = config;
  const signals = stopOnSignal();
  const reel = await startReel(config, { http: true, roles: WORKER_ROLES });

  let apiKey = state.apiKey;
  if (!apiKey || !(await tenantForKey(reel.ctx.database.db, apiKey))) {
    apiKey = (await createTenant(reel.ctx.database.db, 'development')).apiKey;
    console.log(`Created the development tenant. API key (also in ${statePath}):\n  ${apiKey}`);
  }
  const next: DevState = { apiUrl: config.publicUrl, apiKey, operatorToken, urlSigningSecret };
  await writeFile(statePath, `${JSON.stringify(next, null, 2)}\n`, { mode: 0o600 });
  console.log(`Reel is ready on ${config.publicUrl}  (try: npx reel upload clip.mp4 --wait)`);
  signals.started(reel);
}
