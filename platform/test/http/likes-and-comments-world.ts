import { type Reel, signViewerToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { clip } from '../support/clips.js';
import { contractFetch } from '../support/contract-fetch.js';
import type { Harness } from '../support/harness.js';

/** A tenant with ready videos (public, private, signed) and a way to act as its viewers. */
export async function tenantWithVideos(harness: Harness) {
  const { sdk, tenantId } = await harness.tenant();
  const made = await Promise.all([
    uploadFile(sdk, await clip('tiny.mp4'), { title: 'public' }),
    uploadFile(sdk, await clip('tiny.mp4'), { title: 'second public' }),
    uploadFile(sdk, await clip('tiny.mp4'), { title: 'private', visibility: 'private' }),
    uploadFile(sdk, await clip('tiny.mp4'), { title: 'signed', playbackPolicy: 'signed' }),
  ]);
  const [open, other, hidden, signed] = (await Promise.all(
    made.map((m) => sdk.videos.waitUntilSettled(m.video_id, { intervalMs: 200 })),
  )) as [Video, Video, Video, Video];
  const key = await sdk.signingKeys.create();
  const signing = { keyId: key.key_id, privateKey: key.private_key };
  return {
    sdk: sdk as Reel,
    tenantId,
    videos: { open, other, hidden, signed },
    /** A bearer token for viewer `viewerId` of this tenant. */
    viewer: (viewerId: string) => signViewerToken(signing, { viewerId }),
  };
}

/** A call to Reel as a viewer (or with no credential when `token` is undefined). */
export function call(
  harness: Harness,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
) {
  return contractFetch(`${harness.url}${path}`, {
    method,
    headers: {
      ...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
}
