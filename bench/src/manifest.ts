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
 * `manifest_signed_vs_bare`: the same for a signed video (token checked on every request).
 * Signed playback is being built; until this server has it, the ratio is null with the reason,
 * never a made-up number. Once it exists, measure it here: mint a playback token with the SDK
 * and drive `manifest.m3u8?token=…` exactly as `benchPublicManifest` does.
 */
export async function signedManifestSlot(reel: RunningReel): Promise<{ reason: string }> {
  const response = await fetch(`${reel.apiUrl}/v1/signing-keys`, {
    method: 'POST',
    headers: { authorization: `Bearer ${reel.apiKey}`, 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await response.json().catch(() => ({}))) as { message?: string };
  if (response.status === 404 && body.message?.startsWith('No route')) {
    return {
      reason: 'signed playback is not built yet (the server has no /v1/signing-keys route)',
    };
  }
  return {
    reason:
      'not measured yet: this server has signing keys, but bench/src/manifest.ts does not mint playback tokens yet',
  };
}
