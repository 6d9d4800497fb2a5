import { randomUUID } from 'node:crypto';
import { type Reel, signPlaybackToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playlistUris } from '../../src/domain/hls-playlists.js';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

/** The header a CDN would set; the test speaks as that CDN from loopback. */
const COUNTRY_HEADER = 'x-viewer-country';

let harness: Harness;
let sdk: Reel;
let apiKey: string;
let signer: { keyId: string; privateKey: string };
let open: Video;
let signed: Video;

async function readyVideo(options: { title: string; playbackPolicy?: 'signed' }) {
  const uploaded = await uploadFile(sdk, await clip('tiny.mp4'), options);
  return sdk.videos.waitUntilSettled(uploaded.video_id, { intervalMs: 200 });
}

const get = (url: string, country?: string) =>
  contractFetch(url, { headers: country ? { [COUNTRY_HEADER]: country } : {} });

/** Every playback URL of a video, read as a viewer in `country`; `query` is '' or `token=…`. */
async function playbackUrls(video: Video, query: string, country?: string) {
  const base = `${harness.url}/v1/videos/${video.video_id}`;
  const suffix = query ? `?${query}` : '';
  const master = `${base}/manifest.m3u8${suffix}`;
  const media = new URL(playlistUris(await (await get(master, country)).text())[0] ?? '', master)
    .href;
  const [init, segment] = playlistUris(await (await get(media, country)).text());
  const vtt = await (await get(`${base}/storyboard.vtt${suffix}`, country)).text();
  const sprite = /(storyboard\.jpg[^#\s]*)/.exec(vtt)?.[1] ?? '';
  return [
    master,
    media,
    new URL(init ?? '', media).href,
    new URL(segment ?? '', media).href,
    `${base}/storyboard.vtt${suffix}`,
    `${base}/${sprite}`,
    `${base}/thumbnails/small${suffix}`,
  ];
}

/** Each URL's status and error code, asked from `country`. */
const outcomes = (urls: string[], country?: string) =>
  Promise.all(
    urls.map(async (url) => {
      const answer = await get(url, country);
      const code =
        answer.status >= 400 ? ((await answer.json()) as { code: string }).code : undefined;
      if (answer.status < 400) await answer.body?.cancel();
      return code ?? answer.status;
    }),
  );

beforeAll(async () => {
  harness = await startHarness({
    env: { REEL_COUNTRY_HEADER: COUNTRY_HEADER, REEL_TRUSTED_PROXIES: '127.0.0.1,::1' },
  });
  ({ sdk, apiKey } = await harness.tenant());
  const key = await sdk.signingKeys.create();
  signer = { keyId: key.key_id, privateKey: key.private_key };
  [open, signed] = await Promise.all([
    readyVideo({ title: `Open ${randomUUID().slice(0, 8)}` }),
    readyVideo({ title: 'Signed', playbackPolicy: 'signed' }),
  ]);
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('geo restrictions', () => {
  it('refuses every playback route in a denied country with 451, and plays elsewhere', async () => {
    const urls = await playbackUrls(open, '', 'FR');
    const all = (outcome: number | string) => urls.map(() => outcome);
    const changed = await sdk.videos.update(open.video_id, { geo: { deny: ['DE'] } });
    expect(changed.geo).toEqual({ deny: ['DE'] });
    expect(await outcomes(urls, 'DE')).toEqual(all('geo_restricted'));
    expect(await outcomes(urls, 'de')).toEqual(all('geo_restricted'));
    expect(await outcomes(urls, 'FR')).toEqual(all(200));
    // Under a deny list a viewer whose country is unknown plays.
    expect(await outcomes(urls)).toEqual(all(200));
    const refused = await get(urls[0] ?? '', 'DE');
    expect(await refused.json()).toMatchObject({
      code: 'geo_restricted',
      details: { country: 'DE' },
    });

    await sdk.videos.update(open.video_id, { geo: { allow: ['FR', 'BE'] } });
    expect(await outcomes(urls, 'BE')).toEqual(all(200));
    expect(await outcomes(urls, 'DE')).toEqual(all('geo_restricted'));
    expect(await outcomes(urls)).toEqual(all('geo_restricted'));
    expect(await outcomes(urls, 'garbage')).toEqual(all('geo_restricted'));

    await sdk.videos.update(open.video_id, { geo: null });
    expect(await outcomes(urls, 'DE')).toEqual(all(200));
  });

  it('takes the country a playback token claims, and carries it on the st URLs', async () => {
    await sdk.videos.update(signed.video_id, { geo: { allow: ['FR'] } });
    const french = await signPlaybackToken(signer, { videoId: signed.video_id, country: 'FR' });
    const urls = await playbackUrls(signed, `token=${french}`);
    // The claim stands even where the header says otherwise: the tenant's own check placed them.
    expect(await outcomes(urls)).toEqual(urls.map(() => 200));
    expect(await outcomes(urls, 'DE')).toEqual(urls.map(() => 200));
    const german = await signPlaybackToken(signer, { videoId: signed.video_id, country: 'DE' });
    const master = `${harness.url}/v1/videos/${signed.video_id}/manifest.m3u8`;
    expect((await get(`${master}?token=${german}`)).status).toBe(451);
    const unclaimed = await signPlaybackToken(signer, { videoId: signed.video_id });
    expect((await get(`${master}?token=${unclaimed}`, 'FR')).status).toBe(200);
    expect((await get(`${master}?token=${unclaimed}`, 'DE')).status).toBe(451);
    // A forged country in an st breaks its signature.
    const forged = (urls[1] ?? '').replace(/\.FR\./, '.DE.');
    expect(forged).not.toBe(urls[1]);
    expect((await get(forged)).status).toBe(403);
    await sdk.videos.update(signed.video_id, { geo: null });
  });

  it('refuses malformed rules with 400 and changes nothing', async () => {
    for (const geo of [
      { allow: [] },
      { allow: ['de'] },
      { allow: ['DEU'] },
      { allow: ['FR'], deny: ['DE'] },
      { block: ['DE'] },
      { deny: ['FR', 'FR'] },
      { deny: ['F\u0000'] },
      'DE',
    ]) {
      const answer = await contractFetch(`${harness.url}/v1/videos/${open.video_id}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ geo }),
      });
      expect({ geo, status: answer.status }).toEqual({ geo, status: 400 });
    }
    expect((await sdk.videos.get(open.video_id)).geo).toBeNull();
  });
});

describe('age restriction', () => {
  it('needs a token that says the age was verified, and leaves search while it lasts', async () => {
    const word = open.title.split(' ')[1] ?? '';
    const search = async () => {
      const answer = await contractFetch(`${harness.url}/v1/search?q=${word}`, {
        headers: { authorization: `Bearer ${apiKey}` },
      });
      return ((await answer.json()) as { data: { video_id: string }[] }).data.map(
        (v) => v.video_id,
      );
    };
    await until('the video to be searchable', async () => (await search()).includes(open.video_id));
    const restricted = await sdk.videos.update(open.video_id, { age_restriction: 18 });
    expect(restricted.age_restriction).toBe(18);
    const master = `${harness.url}/v1/videos/${open.video_id}/manifest.m3u8`;
    const anonymous = await get(master);
    expect(anonymous.status).toBe(403);
    expect(await anonymous.json()).toMatchObject({ code: 'age_restricted' });
    const plain = await signPlaybackToken(signer, { videoId: open.video_id });
    expect((await get(`${master}?token=${plain}`)).status).toBe(403);
    const unverified = await signPlaybackToken(signer, {
      videoId: open.video_id,
      ageVerified: false,
    });
    expect((await get(`${master}?token=${unverified}`)).status).toBe(403);
    const thumbnail = await get(`${harness.url}/v1/videos/${open.video_id}/thumbnails/small`);
    expect(thumbnail.status).toBe(403);

    const verified = await signPlaybackToken(signer, { videoId: open.video_id, ageVerified: true });
    const urls = await playbackUrls(open, `token=${verified}`);
    expect(await outcomes(urls)).toEqual(urls.map(() => 200));
    // Gated media is never cached for everyone, though the video is public.
    for (const url of urls.slice(2)) {
      const cache = (await fetch(url, { redirect: 'manual' })).headers.get('cache-control');
      expect({ url, cache }).toEqual({ url, cache: expect.stringMatching(/^private, /) });
    }
    await until('the video to leave search', async () => !(await search()).includes(open.video_id));

    await sdk.videos.update(open.video_id, { age_restriction: null });
    expect((await get(master)).status).toBe(200);
    await until('the video back in search', async () => (await search()).includes(open.video_id));
  });

  it('refuses an age out of range with 400', async () => {
    for (const age of [0, 100, -1, 1.5, 1e308, '18']) {
      const answer = await contractFetch(`${harness.url}/v1/videos/${open.video_id}`, {
        method: 'PATCH',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({ age_restriction: age }),
      });
      expect({ age, status: answer.status }).toEqual({ age, status: 400 });
    }
  });
});

/** Addresses the GeoIP database (ip-location-db) places in Germany and in Great Britain. */
const GERMAN_IP = '193.99.144.80';
const BRITISH_IP = '81.2.69.142';

/** Each URL's outcome for a client at `address`, as a trusted proxy forwards it. */
const outcomesFrom = (urls: string[], address: string, country?: string) =>
  Promise.all(
    urls.map(async (url) => {
      const answer = await contractFetch(url, {
        headers: {
          'x-forwarded-for': address,
          ...(country ? { [COUNTRY_HEADER]: country } : {}),
        },
      });
      if (answer.status < 400) {
        await answer.body?.cancel();
        return answer.status;
      }
      const body = (await answer.json()) as { code: string; details?: { country?: unknown } };
      return `${body.code}:${String(body.details?.country)}`;
    }),
  );

describe('GeoIP of the client address', () => {
  it('places a viewer by the forwarded address when no header says the country', async () => {
    const urls = await playbackUrls(open, '', 'GB');
    const all = (outcome: number | string) => urls.map(() => outcome);
    try {
      await sdk.videos.update(open.video_id, { geo: { deny: ['DE'] } });
      expect(await outcomesFrom(urls, GERMAN_IP)).toEqual(all('geo_restricted:DE'));
      expect(await outcomesFrom(urls, BRITISH_IP)).toEqual(all(200));
      // The CDN's header, when there is one, wins over the address.
      expect(await outcomesFrom(urls, GERMAN_IP, 'GB')).toEqual(all(200));

      await sdk.videos.update(open.video_id, { geo: { allow: ['GB'] } });
      expect(await outcomesFrom(urls, BRITISH_IP)).toEqual(all(200));
      expect(await outcomesFrom(urls, `${GERMAN_IP}, 127.0.0.1`)).toEqual(all('geo_restricted:DE'));
      for (const garbage of ['not-an-address', '999.1.1.1', '10.1.2.3', '']) {
        expect(await outcomesFrom(urls, garbage), garbage).toEqual(all('geo_restricted:null'));
      }
    } finally {
      await sdk.videos.update(open.video_id, { geo: null });
    }
  });
});

describe('the country header', () => {
  it('is believed only from a trusted proxy, as is X-Forwarded-For', async () => {
    const elsewhere = await startHarness({
      roles: [],
      env: { REEL_COUNTRY_HEADER: COUNTRY_HEADER, REEL_TRUSTED_PROXIES: '10.0.0.0/8' },
    });
    try {
      await sdk.videos.update(open.video_id, { geo: { allow: ['FR'] } });
      const master = `${elsewhere.url}/v1/videos/${open.video_id}/manifest.m3u8`;
      const answer = await get(master, 'FR');
      expect(answer.status).toBe(451);
      expect(await answer.json()).toMatchObject({ details: { country: null } });
      // Nor is X-Forwarded-For: the address is the untrusted peer's own.
      const forwarded = await contractFetch(master, { headers: { 'x-forwarded-for': BRITISH_IP } });
      expect(forwarded.status).toBe(451);
      expect(await forwarded.json()).toMatchObject({ details: { country: null } });
    } finally {
      await elsewhere.stop();
      await sdk.videos.update(open.video_id, { geo: null });
    }
  });
});
