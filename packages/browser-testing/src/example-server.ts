import { join } from 'node:path';
import { startNodeProcess } from './process-group.js';
import { freePort, REPO_ROOT } from './reel-dev-server.js';

/**
 * One of the repo's examples (`examples/<name>/server.mjs`) on a free port, run as a user would,
 * so the browser suites test the examples too.
 */
export async function startExample(
  name: string,
  env: Record<string, string>,
  readyText: string,
): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const example = await startNodeProcess({
    script: join(REPO_ROOT, 'examples', name, 'server.mjs'),
    cwd: join(REPO_ROOT, 'examples', name),
    env: { PORT: String(port), ...env },
    readyText,
    timeoutMs: 30_000,
  });
  return { url: `http://127.0.0.1:${port}`, stop: example.stop };
}
