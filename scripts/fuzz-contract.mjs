// Fuzzes a real `reel dev` against the bundled contract, openapi/bundled/openapi.json, with
// Schemathesis (every check, the stateful phase, a fixed seed): installs the pinned Schemathesis
// into .reel/fuzz-venv, then runs scripts/fuzz/session.mjs in a network namespace of its own, so
// that webhook endpoints the fuzzer registers can never reach an address outside this machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const venv = resolve('.reel/fuzz-venv');
const requirements = resolve('scripts/fuzz/requirements.txt');
const st = `${venv}/bin/st`;

/** (Re)builds the virtualenv when the pinned requirements changed since it was made. */
function installSchemathesis() {
  const wanted = createHash('sha256').update(readFileSync(requirements)).digest('hex');
  const stamp = `${venv}/requirements.sha256`;
  if (existsSync(st) && existsSync(stamp) && readFileSync(stamp, 'utf8') === wanted) return;
  console.log('Installing Schemathesis (scripts/fuzz/requirements.txt) into .reel/fuzz-venv…');
  rmSync(venv, { recursive: true, force: true });
  execFileSync('python3', ['-m', 'venv', venv], { stdio: 'inherit' });
  execFileSync(
    `${venv}/bin/pip`,
    ['install', '--quiet', '--disable-pip-version-check', '-r', requirements],
    { stdio: 'inherit' },
  );
  writeFileSync(stamp, wanted);
}

/** A command prefix that runs its command with only a loopback interface, or undefined. */
function isolatedNetwork() {
  const lo = 'ip link set lo up && exec "$@"';
  for (const flags of [['--net'], ['--net', '--map-root-user']]) {
    const probe = spawnSync('unshare', [...flags, 'sh', '-c', lo, 'sh', 'true'], {
      stdio: 'ignore',
    });
    if (probe.status === 0) return ['unshare', ...flags, 'sh', '-c', lo, 'sh'];
  }
  return undefined;
}

installSchemathesis();
const session = ['node', 'scripts/fuzz/session.mjs', st];
const isolated = isolatedNetwork();
if (!isolated) {
  // Without a namespace, an endpoint the fuzzer registers could send webhooks to the internet.
  console.log(
    'No network namespace (unshare and ip are needed): webhook endpoint operations are left out.',
  );
  session.push('--exclude-operation-id', 'createWebhookEndpoint');
  session.push('--exclude-operation-id', 'updateWebhookEndpoint');
}
const [command, ...args] = [...(isolated ?? []), ...session];
const { status } = spawnSync(command, args, { stdio: 'inherit' });
process.exit(status ?? 1);
