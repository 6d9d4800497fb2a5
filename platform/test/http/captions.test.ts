import { type Reel, ReelError, signPlaybackToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { startReceiver } from '../support/webhook-receiver.js';

let harness: Harness;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
let tenant: Awaited<ReturnType<Harness['tenant']>>;
let stranger: Awaited<ReturnType<Harness['tenant']>>;
let video: Video;
let signedVideo: Video;
let key: { keyId: string; privateKey: string };

const SRT =
  '1\r\n00:00:00,200 --> 00:00:01,500\r\n<b>Hello</b> <font color="red">there</font>\r\n\r\n2\r\n00:00:01,000 --> 00:00:01,900\r\n<i>Overlap</i>\r\n';
const VTT = 'WEBVTT\n\n00:00.100 --> 00:01.800\nBonjour\n';

const english = {
  language: 'en',
  label: 'English',
  kind: 'subtitles',
  format: 'srt',
  content: SRT,
  default: true,
} as const;
const french = {
  language: 'fr',
  label: 'Français (CC)',
  kind: 'captions',
  format: 'vtt',
  content: VTT,
} as const;

beforeAll(async () => {
  receiver = await startReceiver();
  harness = await startHarness({ env: { REEL_WEBHOOK_ALLOW_LOOPBACK: 'true' } });
  tenant = await harness.tenant();
  stranger = await harness.tenant();
  await tenant.sdk.webhookEndpoints.create({
    url: receiver.url,
    event_types: ['video.captions.ready'],
  });
  const created = await tenant.sdk.signingKeys.create();
  key = { keyId: created.key_id, privateKey: created.private_key };
  const tiny = await clip('tiny.mp4');
  const [a, b] = [
    await uploadFile(tenant.sdk, tiny, { captions: [english, french] }),
    await uploadFile(tenant.sdk, tiny, { playbackPolicy: 'signed' }),
  ];
  video = await tenant.sdk.videos.waitUntilSettled(a.video_id, { intervalMs: 200 });
  signedVideo = await tenant.sdk.videos.waitUntilSettled(b.video_id, { intervalMs: 200 });
});
afterAll(async () => {
  await harness?.stop();
  await receiver?.close();
  expect(violations).toEqual([]);
});

const text = async (url: string) => {
  const response = await contractFetch(url);
  expect(response.status, url).toBe(200);
  return response.text();
};

const post = (sdk: Reel | string, videoId: string, body: unknown, idempotencyKey?: string) =>
  contractFetch(`${harness.url}/v1/videos/${videoId}/captions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${typeof sdk === 'string' ? sdk : tenant.apiKey}`,
      'content-type': 'application/json',
      ...(idempotencyKey && { 'idempotency-key': idempotencyKey }),
    },
    body: JSON.stringify(body),
  });

describe('caption tracks', () => {
  it('stores the tracks given at upload create as WebVTT, in the manifest with its default, and sends the webhooks', async () => {
    const tracks = await tenant.sdk.captions.list(video.video_id).all();
    const en = tracks.find((c) => c.language === 'en');
    const fr = tracks.find((c) => c.language === 'fr');
    if (!en || !fr) throw new Error('the upload made no caption tracks');
    expect(en).toMatchObject({
      language: 'en',
      default: true,
      source_format: 'srt',
      cue_count: 2,
      duration_sec: 1.9,
    });
    expect(await tenant.sdk.captions.get(video.video_id, fr.caption_id)).toEqual(fr);

    const first = await tenant.sdk.captions.list(video.video_id, { limit: 1 }).all();
    expect(first.map((c) => c.caption_id)).toEqual(tracks.map((c) => c.caption_id));

    const master = await text(`${harness.url}/v1/videos/${video.video_id}/manifest.m3u8`);
    expect(master).toContain(
      `#EXT-X-MEDIA:TYPE=SUBTITLES,GROUP-ID="subs",NAME="English",LANGUAGE="en",DEFAULT=YES,AUTOSELECT=YES,FORCED=NO,URI="captions/${en.caption_id}/index.m3u8"`,
    );
    expect(master).toContain('NAME="Français (CC)",LANGUAGE="fr",DEFAULT=NO');
    const variants = master.split('\n').filter((l) => l.startsWith('#EXT-X-STREAM-INF:'));
    expect(variants.length).toBeGreaterThan(0);
    expect(variants.every((l) => l.endsWith(',SUBTITLES="subs"'))).toBe(true);

    const playlist = await text(
      `${harness.url}/v1/videos/${video.video_id}/captions/${en.caption_id}/index.m3u8`,
    );
    expect(playlist).toContain(`#EXT-X-TARGETDURATION:${Math.ceil(video.duration_sec ?? 0)}`);
    expect(playlist).toMatch(/#EXTINF:[\d.]+,\ntrack\.vtt\n#EXT-X-ENDLIST/);
    expect(await text(en.url)).toBe(
      'WEBVTT\n\n00:00:00.200 --> 00:00:01.500\n<b>Hello</b> there\n\n00:00:01.000 --> 00:00:01.900\n<i>Overlap</i>\n',
    );

    type Hook = { type: string; data: { caption: { caption_id: string; video_id: string } } };
    const bodies = await until(
      'two captions webhooks',
      () => {
        const ofVideo = receiver.received
          .map((h) => JSON.parse(h.body) as Hook)
          .filter((b) => b.data.caption.video_id === video.video_id);
        return ofVideo.length >= 2 ? ofVideo : undefined;
      },
      15_000,
    );
    expect(bodies.map((b) => b.type)).toEqual(['video.captions.ready', 'video.captions.ready']);
    expect(bodies.map((b) => b.data.caption.caption_id).sort()).toEqual(
      [en.caption_id, fr.caption_id].sort(),
    );
  });

  it('refuses an upload create whose caption file is malformed, making no video', async () => {
    const before = (await tenant.sdk.videos.list().all()).length;
    const refused = await tenant.sdk.uploads
      .create({
        ...{ filename: 'x.mp4', size_bytes: 6_000_000, mime: 'video/mp4' },
        captions: [french, { ...english, content: '1\n00:00:01,000 --> 00:00:0x,000\nbad\n' }],
      })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ status: 422, code: 'invalid_captions', details: { line: 2 } });
    expect((await tenant.sdk.videos.list().all()).length).toBe(before);
  });

  it('adds a track to a video, moves the default to the newest default, and forgets a deleted one', async () => {
    const a = await tenant.sdk.captions.create(video.video_id, {
      ...french,
      language: 'de',
      label: 'Deutsch',
      default: true,
    });
    const listed = await tenant.sdk.captions.list(video.video_id).all();
    expect(listed.filter((c) => c.default).map((c) => c.caption_id)).toEqual([a.caption_id]);
    await tenant.sdk.captions.delete(video.video_id, a.caption_id);
    const master = await text(`${harness.url}/v1/videos/${video.video_id}/manifest.m3u8`);
    expect(master).not.toContain(a.caption_id);
    expect((await contractFetch(a.url)).status).toBe(404);
    const again = await tenant.sdk.captions
      .delete(video.video_id, a.caption_id)
      .catch((e: unknown) => e);
    expect(again).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses a malformed cue with its line, and files over the caps', async () => {
    const bad = await post(tenant.apiKey, video.video_id, {
      ...english,
      content: '1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:03,000 -> 00:00:04,000\nbad\n',
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ code: 'invalid_captions', details: { line: 6 } });

    const big = await post(tenant.apiKey, video.video_id, {
      ...french,
      content: `${VTT}${'x'.repeat(600_000)}\n`,
    });
    expect(big.status).toBe(413);
    const many = Array.from({ length: 5001 }, () => '00:00:01.000 --> 00:00:02.000\nx\n').join(
      '\n',
    );
    const tooMany = await post(tenant.apiKey, video.video_id, {
      ...french,
      content: `WEBVTT\n\n${many}`,
    });
    expect(tooMany.status).toBe(422);
    expect(await tooMany.json()).toMatchObject({ code: 'too_many_cues' });

    for (const body of [
      { ...french, language: 'not a language' },
      { ...french, format: 'ass' },
      { ...french, kind: 'chapters' },
      { ...french, label: '' },
      { ...french, content: '' },
    ]) {
      expect((await post(tenant.apiKey, video.video_id, body)).status).toBe(400);
    }
    const nul = await post(tenant.apiKey, video.video_id, {
      ...french,
      content: 'WEBVTT\n\n00:01.000 --> 00:02.000\n\u0000\n',
    });
    expect(nul.status).toBe(400);
    expect((await tenant.sdk.captions.list(video.video_id).all()).length).toBe(2);
  });

  it('makes one track of a retried create with the same Idempotency-Key', async () => {
    const idempotencyKey = crypto.randomUUID();
    const first = await post(tenant.apiKey, signedVideo.video_id, english, idempotencyKey);
    const second = await post(tenant.apiKey, signedVideo.video_id, english, idempotencyKey);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.headers.get('idempotent-replayed')).toBe('true');
    expect(await second.json()).toEqual(await first.json());
    expect(await tenant.sdk.captions.list(signedVideo.video_id).all()).toHaveLength(1);
  });

  it("gives another tenant nothing of a video's tracks", async () => {
    const [mine] = await tenant.sdk.captions.list(video.video_id).all();
    const id = mine?.caption_id ?? '';
    const asStranger = [
      await post(stranger.apiKey, video.video_id, french),
      await contractFetch(`${harness.url}/v1/videos/${video.video_id}/captions`, {
        headers: { authorization: `Bearer ${stranger.apiKey}` },
      }),
      await contractFetch(`${harness.url}/v1/videos/${video.video_id}/captions/${id}`, {
        headers: { authorization: `Bearer ${stranger.apiKey}` },
      }),
      await contractFetch(`${harness.url}/v1/videos/${video.video_id}/captions/${id}`, {
        method: 'DELETE',
        headers: { authorization: `Bearer ${stranger.apiKey}` },
      }),
    ];
    expect(asStranger.map((r) => r.status)).toEqual([404, 404, 404, 404]);
    // A track asked for under another video reads as missing, too.
    const elsewhere = await tenant.sdk.captions
      .get(signedVideo.video_id, id)
      .catch((e: unknown) => e);
    expect(elsewhere).toBeInstanceOf(ReelError);
    expect((elsewhere as ReelError).status).toBe(404);
    expect(await tenant.sdk.captions.list(video.video_id).all()).toHaveLength(2);
  });
});

describe("a signed video's caption tracks", () => {
  it('are signed like its renditions and refused without the st', async () => {
    const [track] = await tenant.sdk.captions.list(signedVideo.video_id).all();
    const token = await signPlaybackToken(key, { videoId: signedVideo.video_id, expiresIn: '10m' });
    const master = await text(
      `${harness.url}/v1/videos/${signedVideo.video_id}/manifest.m3u8?token=${token}`,
    );
    const uri = /URI="(captions\/[^"]+)"/.exec(master)?.[1] ?? '';
    expect(uri).toMatch(/^captions\/[\w-]+\/index\.m3u8\?st=\d+\.0\.[\w-]{43}$/);
    const base = `${harness.url}/v1/videos/${signedVideo.video_id}/`;
    const playlist = await text(`${base}${uri}`);
    const trackUri = playlist.split('\n').find((l) => l.startsWith('track.vtt')) ?? '';
    expect(trackUri).toMatch(/^track\.vtt\?st=/);
    expect(await text(`${base}captions/${track?.caption_id}/${trackUri}`)).toContain(
      '<b>Hello</b>',
    );

    const bare = await contractFetch(`${base}captions/${track?.caption_id}/track.vtt`);
    expect(bare.status).toBe(401);
    const forged = await contractFetch(
      `${base}captions/${track?.caption_id}/track.vtt?st=1.0.${'A'.repeat(43)}`,
    );
    expect(forged.status).toBe(403);
    // The st of this video opens no track of another video.
    const [publicTrack] = await tenant.sdk.captions.list(video.video_id).all();
    const st = trackUri.slice('track.vtt?st='.length);
    const crossed = await contractFetch(
      `${harness.url}/v1/videos/${video.video_id}/captions/${track?.caption_id}/track.vtt?st=${st}`,
    );
    expect(crossed.status).toBe(404);
    expect(publicTrack).toBeDefined();
  });
});
