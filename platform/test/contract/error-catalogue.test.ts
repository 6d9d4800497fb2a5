import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { loadContract } from '../../src/contract/contract.js';

const run = promisify(execFile);
const srcDir = fileURLToPath(new URL('../../src', import.meta.url));

const errorCode = (loadContract().raw as { components: { schemas: Record<string, unknown> } })
  .components.schemas.ErrorCode as { enum: string[]; 'x-enumDescriptions': Record<string, string> };

/**
 * How the server names an error code: a ReelError or one of its helpers, a `[status, 'code']`
 * table row, a `{ code: '...' }` body it sends itself, or either side of a `? 'a' : 'b'` choice
 * of code in a ReelError. tsc already holds ReelError to the catalogue; this also covers the
 * bodies sent without one.
 */
const NAMING = [
  /(?:new ReelError|badRequest|conflict)\(\s*(?:[45]\d\d\s*,\s*)?'([a-z0-9_]+)'/g,
  /new ReelError\(\s*[45]\d\d\s*,\s*[^,?]+\?\s*'([a-z0-9_]+)'\s*:\s*'([a-z0-9_]+)'/g,
  /\[\s*[45]\d\d\s*,\s*'([a-z0-9_]+)'/g,
  /\.send\(\{\s*code:\s*'([a-z0-9_]+)'/g,
];

async function codesNamedByServer(): Promise<Map<string, string[]>> {
  const named = new Map<string, string[]>();
  for (const entry of await readdir(srcDir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts') || entry.name.endsWith('.gen.ts')) continue;
    const path = join(entry.parentPath, entry.name);
    const text = await readFile(path, 'utf8');
    for (const pattern of NAMING) {
      for (const match of text.matchAll(pattern)) {
        for (const code of match.slice(1).filter(Boolean) as string[]) {
          named.set(code, [...(named.get(code) ?? []), path.slice(srcDir.length + 1)]);
        }
      }
    }
  }
  return named;
}

describe('the error catalogue (ErrorCode in the contract)', () => {
  it('lists every code the server source names', async () => {
    const named = await codesNamedByServer();
    const missing = [...named].filter(([code]) => !errorCode.enum.includes(code));
    expect(missing).toEqual([]);
    // The scan finds the framework mappings and the handler's own bodies, not only ReelErrors.
    for (const code of ['payload_too_large', 'headers_too_large', 'method_not_allowed'])
      expect(named.has(code), code).toBe(true);
  });

  it('lists no code the server never answers', async () => {
    const named = await codesNamedByServer();
    expect(errorCode.enum.filter((code) => !named.has(code))).toEqual([]);
  });

  it('describes every code, once, in order', () => {
    expect(Object.keys(errorCode['x-enumDescriptions'])).toEqual(errorCode.enum);
    expect([...errorCode.enum].sort()).toEqual(errorCode.enum);
    for (const [code, text] of Object.entries(errorCode['x-enumDescriptions']))
      expect(text, code).toMatch(/^[1-5](\d\d|xx)\b.*\.$/);
  });
});

describe('the error codes table in docs/api.md', () => {
  it('is what scripts/error-codes.mjs makes from the contract', async () => {
    const repoDir = fileURLToPath(new URL('../../..', import.meta.url));
    const check = await run('node', ['scripts/error-codes.mjs', '--check'], { cwd: repoDir }).then(
      () => 'current',
      (error: { stderr: string }) => error.stderr.trim(),
    );
    expect(check).toBe('current');
  });
});
