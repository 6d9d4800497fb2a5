import { Reel, signPlaybackToken } from '@reel/sdk';
import { compareHttp } from './http-compare.js';
import type { RunningReel } from './reel-process.js';
import type { Settings } from './settings.js';

/**
 * `manifest_vs_bare`: the master playlist of a public video, against a bare Fastify sending the
 * same bytes from memory.
 */
export async function benchPublicManifest(reel: RunningReel, videoId: string, settings: Settings) {
  const path = `/v1/videos/${videoId}/manifest.m3u8`;
  const response = await fetch(`${reel.apiUrl}${path}`);
  if (!response.ok) throw new Error(`GET ${path} answered ${response.status}`);
  return compareHttp({
    name: 'manifest',
    subjectUrl: `${reel.apiUrl}${path}`,
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
  const path = `/v1/videos/${videoId}/manifest.m3u8`;
  const subjectUrl = `${reel.apiUrl}${path}?token=${token}`;
  const response = await fetch(subjectUrl);
  if (!response.ok) throw new Error(`GET ${path}?token= answered ${response.status}`);
  return compareHttp({
    name: 'manifest_signed',
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
