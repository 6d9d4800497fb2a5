import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { CONTRACT_PATH } from '../../src/contract/contract.js';

const run = promisify(execFile);
const platformDir = fileURLToPath(new URL('../..', import.meta.url));

describe('the contract types of the server, the uploader and the player', () => {
  it('are exactly what the bundled contract generates (run `pnpm -r generate` after changing it)', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'reel-types-')), 'openapi.gen.ts');
    await run('npx', ['openapi-typescript', CONTRACT_PATH, '-o', out], { cwd: platformDir });
    const fresh = await readFile(out, 'utf8');
    for (const committed of [
      'src/contract/openapi.gen.ts',
      '../packages/uploader/src/openapi.gen.ts',
      '../packages/player/src/openapi.gen.ts',
    ]) {
      expect(await readFile(join(platformDir, committed), 'utf8'), committed).toBe(fresh);
    }
  });
});
