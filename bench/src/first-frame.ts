import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { launchChromium, serveStatic } from '@reel/browser-testing';
import { progress } from './progress.js';
import type { RunningReel } from './reel-process.js';
import { median, round3 } from './stats.js';

/**
 * Navigation → the first frame the player's video presents (`requestVideoFrameCallback`), in
 * headless Chromium on loopback, each round in a fresh browser profile (nothing cached): the
 * player's own test page, its script-tag build, a ready public video.
 */
export async function benchFirstFrame(
  reel: RunningReel,
  repoRoot: string,
  videoId: string,
  rounds: number,
): Promise<{ figures: Record<string, number> }> {
  const playerDir = join(repoRoot, 'packages/player');
  const build = join(playerDir, 'dist/cdn');
  if (!existsSync(join(build, 'reel-player.js'))) {
    throw new Error('packages/player/dist/cdn is missing: run `pnpm --filter @reel/player build`');
  }
  const page = await serveStatic({
    '/player/': build,
    '/': join(playerDir, 'test/browser/fixture'),
  });
  const samples: number[] = [];
  try {
    for (let round = 1; round <= rounds; round++) {
      progress(`first frame round ${round}/${rounds}`);
      const chromium = await launchChromium();
      try {
        const tab = await chromium.context.newPage();
        const query = new URLSearchParams({ api: reel.apiUrl, id: videoId });
        await tab.goto(`${page.url}/?${query}&autoplay`);
        // performance.now() counts from the navigation's start.
        const firstFrame = await tab.waitForFunction('window.timing?.firstFrameAt', undefined, {
          timeout: 30_000,
          polling: 20,
        });
        samples.push(Number(await firstFrame.jsonValue()));
      } finally {
        await chromium.close();
      }
    }
  } finally {
    await page.close();
  }
  return {
    figures: {
      first_frame_ms: round3(median(samples)),
      first_frame_ms_worst: round3(Math.max(...samples)),
    },
  };
}
