// `npm run bench:analytics` (in bench/): the analytics figures docs/analytics.md quotes.
import { fileURLToPath } from 'node:url';
import { benchAnalytics } from './analytics.js';
import { startReel } from './reel-process.js';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const numberFrom = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

const reel = await startReel(repoRoot);
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
