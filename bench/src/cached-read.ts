import { compareHttp } from './http-compare.js';
import type { RunningReel } from './reel-process.js';
import type { Settings } from './settings.js';

/**
 * `cached_read_vs_bare`: authenticated `GET /v1/videos/{id}` on a warm Reel against a bare
 * Fastify returning the same JSON. The warm-up leaves every cache Reel has (API key lookups)
 * warm before the counted rounds.
 */
export async function benchCachedRead(reel: RunningReel, videoId: string, settings: Settings) {
  const url = `${reel.apiUrl}/v1/videos/${videoId}`;
  const headers = { authorization: `Bearer ${reel.apiKey}` };
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  const body = Buffer.from(await response.arrayBuffer());
  return compareHttp({
    name: 'cached_read',
    subjectUrl: url,
    subjectHeaders: headers,
    bareRoute: '/v1/videos/:video_id',
    barePath: `/v1/videos/${videoId}`,
    contentType: 'application/json; charset=utf-8',
    body,
    rounds: settings.rounds,
    seconds: settings.httpSeconds,
    connections: settings.httpConnections,
  });
}
