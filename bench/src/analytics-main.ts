// `npm run bench:analytics` (in bench/): the analytics figures docs/analytics.md quotes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchAnalytics } from './analytics.js';
import { startReel } from './reel-process.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const numberFrom = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

/** With BENCH_ANALYTICS_SERVICES=1, the services scripts/services/up started (Kafka…). */
function servicesEnv(): Record<string, string> | undefined {
  if (process.env.BENCH_ANALYTICS_SERVICES !== '1') return undefined;
  const file = readFileSync(join(repoRoot, '.reel/services.env'), 'utf8');
  return Object.fromEntries(
    file
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#') && line.includes('='))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  );
}

const reel = await startReel(repoRoot, { services: servicesEnv() });
try {
  const figures = await benchAnalytics(reel, {
    videos: numberFrom('BENCH_ANALYTICS_VIDEOS', 10_000),
    sessions: numberFrom('BENCH_ANALYTICS_SESSIONS', 50_000),
    heartbeats: numberFrom('BENCH_ANALYTICS_HEARTBEATS', 5_000),
    runs: numberFrom('BENCH_ANALYTICS_RUNS', 40),
  });
  console.log(JSON.stringify(figures, null, 2));
} finally {
  await reel.stop();
}
