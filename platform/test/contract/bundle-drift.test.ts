import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_PATH } from '../../src/contract/contract.js';
import { type Harness, startHarness } from '../support/harness.js';

const run = promisify(execFile);
const repoDir = fileURLToPath(new URL('../../..', import.meta.url));

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ roles: [] });
});
afterAll(() => harness?.stop());

const committed = async () => JSON.parse(await readFile(CONTRACT_PATH, 'utf8')) as unknown;

describe('the bundled contract (openapi/bundled/openapi.json)', () => {
  it('is what bundling openapi/openapi.yaml and its files gives (run `pnpm -r generate`)', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'reel-bundle-')), 'openapi.json');
    await run(
      join(repoDir, 'node_modules/.bin/redocly'),
      ['bundle', 'openapi/openapi.yaml', '-o', out],
      {
        cwd: repoDir,
      },
    );
    expect(await committed()).toEqual(JSON.parse(await readFile(out, 'utf8')));
  });

  it('is what the server serves at /openapi.json', async () => {
    const served = await fetch(`${harness.url}/openapi.json`);
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual(await committed());
  });
});
