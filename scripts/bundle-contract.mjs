// Bundles the contract's root, openapi/openapi.yaml, and the per-resource files it $refs into
// the one file the server, the generators and the fuzzer read: openapi/bundled/openapi.json
// (committed: the server loads it at run time). Then refreshes the error codes table of the docs.
// The generate scripts of @reel/sdk and @reel/platform run it first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE, DOCS, withErrorCodes } from './error-codes.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules/.bin', name);

/** The bundle as it would be committed: Redocly's output in the repository's JSON format. */
export function bundleContract() {
  const dir = mkdtempSync(join(tmpdir(), 'reel-bundle-'));
  try {
    const out = join(dir, 'openapi.json');
    execFileSync(bin('redocly'), ['bundle', 'openapi/openapi.yaml', '-o', out], {
      cwd: root,
      // Its banner and progress lines are noise; a failure still carries them in the error.
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    return execFileSync(
      bin('biome'),
      ['format', '--stdin-file-path=openapi/bundled/openapi.json'],
      { cwd: root, input: readFileSync(out), maxBuffer: 64 * 1024 * 1024 },
    ).toString();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundle = bundleContract();
  // Through a rename, so a reader never sees half a file.
  writeFileSync(`${BUNDLE}.tmp`, bundle);
  renameSync(`${BUNDLE}.tmp`, BUNDLE);
  const docs = readFileSync(DOCS, 'utf8');
  const fresh = withErrorCodes(docs, JSON.parse(bundle));
  if (fresh !== docs) writeFileSync(DOCS, fresh);
}
