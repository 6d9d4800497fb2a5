import { type Reel, ReelOperator, signPlaybackToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIAL_MEMORY_MS as STREAM_REVOCATION_MS } from '../../src/app/auth/credential-memo.js';
import { playlistUris } from '../../src/domain/hls-playlists.js';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness, TEST_OPERATOR_TOKEN } from '../support/harness.js';
import { until } from '../support/polling.js';

// Revoking a signing key or suspending a tenant ends the URLs its viewers already hold.

/** The polling step and one round of requests, on top of the documented bound. */
const POLL_SLACK_MS = 1_000;

let harness: Harness;
let operator: ReelOperator;

async function signedVideo(sdk: Reel): Promise<Video> {
  const uploaded = await uploadFile(sdk, await clip('tiny.mp4'), { playbackPolicy: 'signed' });
  return sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
}

async function newKey(sdk: Reel) {
  const created = await sdk.signingKeys.create();
  return { keyId: created.key_id, privateKey: created.private_key };
}

/** The URLs a viewer holds once playing: the master with its token, a media playlist, a segment. */
async function issuedUrls(video: Video, signer: { keyId: string; privateKey: string }) {
  const base = `${harness.url}/v1/videos/${video.video_id}`;
  const token = await signPlaybackToken(signer, { videoId: video.video_id, audience: ['v', 's'] });
  const master = `${base}/manifest.m3u8?token=${token}`;
  const media = new URL(playlistUris(await (await contractFetch(master)).text())[0] ?? '', master)
    .href;
  const [init, segment] = playlistUris(await (await contractFetch(media)).text());
  const vtt = await (await contractFetch(`${base}/storyboard.vtt?token=${token}`)).text();
  const sprite = /(storyboard\.jpg\?st=[^#\s]+)/.exec(vtt)?.[1] ?? '';
  return [
    master,
    media,
    new URL(init ?? '', media).href,
    new URL(segment ?? '', media).href,
    `${base}/${sprite}`,
  ];
}

const statuses = async (urls: string[]) =>
  Promise.all(urls.map(async (url) => (await contractFetch(url)).status));

/**
 * Waits until every URL is refused (401 or 403 with `{code, message}`) and answers how long after
 * `since` the first probe that saw it started.
 */
async function refusedAfter(urls: string[], since: number): Promise<number> {
  return until(
    'the issued URLs to be refused',
    async () => {
      const sent = Date.now();
      const answers = await Promise.all(urls.map((url) => contractFetch(url)));
      const refused = answers.every((a) => a.status === 401 || a.status === 403);
      if (!refused) return undefined;
      for (const answer of answers) {
        expect(await answer.json()).toMatchObject({
          code: expect.any(String),
          message: expect.any(String),
        });
      }
      return sent - since;
    },
    STREAM_REVOCATION_MS * 4,
  );
}

beforeAll(async () => {
  harness = await startHarness();
  operator = new ReelOperator({
    operatorToken: TEST_OPERATOR_TOKEN,
    baseUrl: harness.url,
    fetch: contractFetch,
    maxRetries: 0,
  });
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('revocation reaches issued st URLs', () => {
  it('within the bound once the signing key is deleted; other keys play on', async () => {
    const { sdk } = await harness.tenant();
    const video = await signedVideo(sdk);
    const kept = await newKey(sdk);
    const doomed = await newKey(sdk);
    const urls = await issuedUrls(video, doomed);
    expect(await statuses(urls)).toEqual(urls.map(() => 200));
    // No shared cache may go on answering them once they are revoked (S3 mode: the redirect).
    for (const url of urls) {
      const cache = (await fetch(url, { redirect: 'manual' })).headers.get('cache-control');
      expect({ url, cache }).toEqual({ url, cache: expect.stringMatching(/^private, /) });
    }
    await sdk.signingKeys.delete(doomed.keyId);
    const deletedAt = Date.now();
    expect(await refusedAfter(urls, deletedAt)).toBeLessThanOrEqual(
      STREAM_REVOCATION_MS + POLL_SLACK_MS,
    );
    const others = await issuedUrls(video, kept);
    expect(await statuses(others)).toEqual(others.map(() => 200));
  });

  it('within the bound once the tenant is suspended', async () => {
    const { tenantId, sdk } = await harness.tenant();
    const video = await signedVideo(sdk);
    const urls = await issuedUrls(video, await newKey(sdk));
    expect(await statuses(urls)).toEqual(urls.map(() => 200));
    await operator.tenants.suspend(tenantId);
    const suspendedAt = Date.now();
    expect(await refusedAfter(urls, suspendedAt)).toBeLessThanOrEqual(
      STREAM_REVOCATION_MS + POLL_SLACK_MS,
    );
  });
});
