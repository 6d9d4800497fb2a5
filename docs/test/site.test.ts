import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { appendFile, cp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const docs = fileURLToPath(new URL('..', import.meta.url));
const dist = join(docs, '.vitepress/dist');

const operationIds = async () => {
  const contract = JSON.parse(
    await readFile(join(docs, '../openapi/bundled/openapi.json'), 'utf8'),
  ) as { paths: Record<string, Record<string, { operationId?: string }>> };
  return Object.values(contract.paths).flatMap((item) =>
    Object.values(item).flatMap((op) => (op.operationId ? [op.operationId] : [])),
  );
};

describe('the docs site', () => {
  it('builds every guide, a search index, and an API reference with every operation', async () => {
    await run('node', ['build.mjs'], { cwd: docs });
    const guides = (await readdir(docs)).filter((f) => f.endsWith('.md'));
    for (const guide of guides)
      expect(existsSync(join(dist, guide.replace(/\.md$/, '.html')))).toBe(true);
    const quickstart = await readFile(join(dist, 'quickstart.html'), 'utf8');
    expect(quickstart.includes('href="/engagement"')).toBe(true);
    const searchIndex = (await readdir(join(dist, 'assets/chunks'))).filter((f) =>
      f.startsWith('@localSearchIndex'),
    );
    expect(searchIndex.length).toBeGreaterThan(0);

    const reference = await readFile(join(dist, 'reference.html'), 'utf8');
    // Redoc renders from the contract it embeds: every operation is in it.
    const missing = (await operationIds()).filter(
      (id) => !reference.includes(`"operationId":"${id}"`),
    );
    expect(missing).toEqual([]);
    expect(reference).toContain('Reel API');
    // Self-hosted means no CDN: the reference loads no script or style from another host.
    const external = /<(?:script|link)\b[^>]*\b(?:src|href)="https?:\/\/|\bfrom\s*"https?:\/\//;
    expect(external.test(reference)).toBe(false);
  });

  it('fails the build on a dead link', async () => {
    // A copy of the site beside the real one, so it resolves the same packages.
    const copy = join(docs, '.vitepress/cache/dead-link-probe');
    await rm(copy, { recursive: true, force: true });
    // The guides and the images they show.
    const pages = (await readdir(docs)).filter((f) => f.endsWith('.md') || f.endsWith('.png'));
    for (const page of pages) await cp(join(docs, page), join(copy, page));
    await cp(join(docs, '.vitepress/config.mts'), join(copy, '.vitepress/config.mts'));
    await appendFile(join(copy, 'concepts.md'), '\nSee [a page that is gone](./gone.md).\n');
    const built = await run('npx', ['vitepress', 'build', '.'], { cwd: copy }).then(
      () => ({ ok: true, output: '' }),
      (error: { stdout?: string; stderr?: string }) => ({
        ok: false,
        output: `${error.stdout}${error.stderr}`,
      }),
    );
    await rm(copy, { recursive: true, force: true });
    expect(built.ok).toBe(false);
    expect(built.output).toMatch(/dead link.*gone/i);
  });

  it('type-checks every code sample in the guides and READMEs against the packages', async () => {
    const { stdout } = await run('node', ['check-samples.mjs'], { cwd: docs });
    expect(Number(stdout.match(/(\d+) samples type-check/)?.[1])).toBeGreaterThanOrEqual(13);
  });
});
