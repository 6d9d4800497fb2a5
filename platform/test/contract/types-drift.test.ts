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

describe("the server's contract types", () => {
  it('are exactly what openapi.yaml generates (run `npm run generate` after changing it)', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'reel-types-')), 'openapi.gen.ts');
    await run('npx', ['openapi-typescript', CONTRACT_PATH, '-o', out], { cwd: platformDir });
    const committed = await readFile(join(platformDir, 'src/contract/openapi.gen.ts'), 'utf8');
    expect(committed).toBe(await readFile(out, 'utf8'));
  });
});
