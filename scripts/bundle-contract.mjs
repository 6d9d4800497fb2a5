// Bundles the contract's root, openapi/openapi.yaml, and the per-resource files it $refs into
// the one file the server, the generators and the fuzzer read: openapi/bundled/openapi.json
// (committed: the server loads it at run time). Then refreshes the error codes table of the docs.
// The generate scripts of the SDK, the platform, the uploader and the player run it first.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE, DOCS, withErrorCodes } from './error-codes.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const bin = (name) => join(root, 'node_modules/.bin', name);

/** The bundle as it would be committed: Redocly's output in the repository's JSON format. */
function bundleContract() {
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

/**
 * Writes `text` to `path` only when it differs, through a rename: the generate scripts of several
 * packages run this side by side, and none of them may read a half-written file.
 */
function replaceIfChanged(path, text) {
  if (readFileSync(path, 'utf8') === text) return;
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, path);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundle = bundleContract();
  replaceIfChanged(BUNDLE, bundle);
  replaceIfChanged(DOCS, withErrorCodes(readFileSync(DOCS, 'utf8'), JSON.parse(bundle)));
}
