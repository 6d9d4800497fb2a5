import { Reel, signPlaybackToken } from '@reel/sdk';
import { compareHttp } from './http-compare.js';
import type { RunningReel } from './reel-process.js';
import type { Settings } from './settings.js';

/** Drives `GET manifest.m3u8` (with `query`) against a bare Fastify sending the same bytes. */
async function compareManifest(
  name: string,
  reel: RunningReel,
  videoId: string,
  query: string,
  settings: Settings,
) {
  const path = `/v1/videos/${videoId}/manifest.m3u8`;
  const subjectUrl = `${reel.apiUrl}${path}${query}`;
  const response = await fetch(subjectUrl);
  if (!response.ok) throw new Error(`GET ${path}${query ? '?…' : ''} answered ${response.status}`);
  return compareHttp({
    name,
    subjectUrl,
    bareRoute: '/v1/videos/:video_id/manifest.m3u8',
    barePath: path,
    contentType: response.headers.get('content-type') ?? 'application/vnd.apple.mpegurl',
    body: Buffer.from(await response.arrayBuffer()),
    rounds: settings.rounds,
    seconds: settings.httpSeconds,
    connections: settings.httpConnections,
  });
}

/**
 * `manifest_vs_bare`: the master playlist of a public video, against a bare Fastify sending the
 * same bytes from memory.
 */
export const benchPublicManifest = (reel: RunningReel, videoId: string, settings: Settings) =>
  compareManifest('manifest', reel, videoId, '', settings);

/**
 * `manifest_signed_vs_bare`: the same for a signed video, a playback token checked (ES256
 * signature, claims) and the playlist's URIs signed on every request.
 */
export async function benchSignedManifest(reel: RunningReel, videoId: string, settings: Settings) {
  const sdk = new Reel({ apiKey: reel.apiKey, baseUrl: reel.apiUrl });
  await sdk.videos.update(videoId, { playback_policy: 'signed' });
  const key = await sdk.signingKeys.create();
  const token = await signPlaybackToken(
    { keyId: key.key_id, privateKey: key.private_key },
    { videoId, audience: 'v', expiresIn: '1h' },
  );
  return compareManifest('manifest_signed', reel, videoId, `?token=${token}`, settings);
}
