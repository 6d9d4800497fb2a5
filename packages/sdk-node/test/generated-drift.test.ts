import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createClient } from '@hey-api/openapi-ts';
import { describe, expect, it } from 'vitest';
import config from '../openapi-ts.config';

async function tree(root: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files.set(relative(root, path), await readFile(path, 'utf8'));
  }
  return files;
}

describe('the committed SDK', () => {
  it('is exactly what the contract generates (run `npm run generate` after changing openapi.yaml)', async () => {
    const out = await mkdtemp(join(tmpdir(), 'reel-sdk-'));
    const base = Array.isArray(config) ? config[0] : config;
    await createClient({
      ...base,
      output: { ...(base.output as object), path: out },
      logs: { level: 'silent' },
    } as never);
    const fresh = await tree(out);
    const committed = await tree(join(import.meta.dirname, '../src/generated'));
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [file, text] of fresh) expect(committed.get(file), file).toBe(text);
  });
});
