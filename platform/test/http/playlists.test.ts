import { type Reel, ReelViewer, signViewerToken, type Video } from '@reel/sdk';
import { uploadFile } from '@reel/sdk/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clip } from '../support/clips.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { failure } from '../support/failure.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let owner: { sdk: Reel; apiKey: string };
let alice: ReelViewer;
let bob: ReelViewer;
let carol: ReelViewer; // a viewer of another tenant
let videos: Video[];
let laterPrivate: Video;
let otherTenantVideo: Video;
let notReadyVideoId: string;
const tokens = new Map<ReelViewer, string>();

async function viewerOf(sdk: Reel, viewerId: string) {
  const key = await sdk.signingKeys.create();
  const viewerToken = await signViewerToken(
    { keyId: key.key_id, privateKey: key.private_key },
    { viewerId },
  );
  const viewer = new ReelViewer({
    viewerToken,
    baseUrl: harness.url,
    fetch: contractFetch,
    maxRetries: 0,
  });
  tokens.set(viewer, viewerToken);
  return viewer;
}

const ready = (sdk: Reel, title: string) =>
  clip('tiny.mp4')
    .then((path) => uploadFile(sdk, path, { title }))
    .then((made) => sdk.videos.waitUntilSettled(made.video_id, { intervalMs: 200 }));

const refusal = async (call: Promise<unknown>) => {
  const error = await failure(call);
  return { status: error.status, code: error.code };
};

beforeAll(async () => {
  harness = await startHarness();
  owner = await harness.tenant();
  const other = await harness.tenant();
  [alice, bob, carol] = await Promise.all([
    viewerOf(owner.sdk, 'alice'),
    viewerOf(owner.sdk, 'bob'),
    viewerOf(other.sdk, 'alice'), // the same user id in another tenant is another viewer
  ]);
  const made = await Promise.all([
    ...[0, 1, 2, 3, 4, 5].map((i) => ready(owner.sdk, `clip ${i}`)),
    ready(other.sdk, 'elsewhere'),
  ]);
  for (const video of made) expect(video.status).toBe('ready');
  videos = made.slice(0, 5);
  laterPrivate = made[5] as Video;
  otherTenantVideo = made[6] as Video;
  notReadyVideoId = (
    await owner.sdk.uploads.create({ filename: 'x.mp4', size_bytes: 1000, mime: 'video/mp4' })
  ).video_id;
}, 240_000);

afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const positionsOf = async (viewer: ReelViewer, playlistId: string) =>
  (await viewer.playlists.items(playlistId, { limit: 2 }).all()).map((item) => ({
    video: item.video_id,
    position: item.position,
  }));

describe('playlists', () => {
  it('are created, read, renamed, listed and deleted by their owner', async () => {
    const created = await alice.playlists.create({ title: '  Road trip  ', visibility: 'private' });
    expect(created).toMatchObject({
      owner_viewer_id: 'alice',
      title: 'Road trip',
      description: '',
      visibility: 'private',
      watch_later: false,
      item_count: 0,
    });
    expect(await alice.playlists.get(created.playlist_id)).toEqual(created);
    const changed = await alice.playlists.update(created.playlist_id, {
      description: 'Songs for the car',
      visibility: 'unlisted',
    });
    expect(changed).toMatchObject({ title: 'Road trip', visibility: 'unlisted' });
    expect(Date.parse(changed.updated_at)).toBeGreaterThanOrEqual(Date.parse(created.updated_at));
    const mine = await alice.playlists.mine({ limit: 1 }).all();
    expect(mine.map((p) => p.playlist_id)).toContain(created.playlist_id);
    expect(mine.every((p) => p.owner_viewer_id === 'alice')).toBe(true);
    expect((await bob.playlists.mine().all()).map((p) => p.playlist_id)).not.toContain(
      created.playlist_id,
    );
    await alice.playlists.delete(created.playlist_id);
    expect(await refusal(alice.playlists.get(created.playlist_id))).toEqual({
      status: 404,
      code: 'not_found',
    });
  });

  it('keep positions 0..n-1 through inserts, moves, removes and 10 concurrent moves', async () => {
    const list = await alice.playlists.create({ title: 'Dense', visibility: 'public' });
    const id = list.playlist_id;
    const [v0, v1, v2, v3, v4] = videos.map((v) => v.video_id) as [
      string,
      string,
      string,
      string,
      string,
    ];
    // The model: video ids in order.
    let order: string[] = [];
    const check = async () => {
      expect(await positionsOf(alice, id)).toEqual(
        order.map((video, position) => ({ video, position })),
      );
      expect((await alice.playlists.get(id)).item_count).toBe(order.length);
    };
    const add = async (video: string, position?: number) => {
      const item = await alice.playlists.add(id, video, position === undefined ? {} : { position });
      order.splice(position ?? order.length, 0, video);
      expect(item.position).toBe(position ?? order.length - 1);
    };
    const itemOf = async (video: string) =>
      (await alice.playlists.items(id).all()).find((item) => item.video_id === video)?.item_id ??
      '';
    const move = async (video: string, position: number) => {
      await alice.playlists.move(id, await itemOf(video), position);
      order = order.filter((v) => v !== video);
      order.splice(position, 0, video);
    };
    const remove = async (video: string) => {
      await alice.playlists.remove(id, await itemOf(video));
      order = order.filter((v) => v !== video);
    };

    // Ten operations one after another, each checked against the model.
    await add(v0);
    await add(v1, 0);
    await add(v2, 1);
    await add(v3);
    await move(v3, 0);
    await remove(v2);
    await add(v4, 2);
    await move(v1, 3);
    await remove(v3);
    await add(v2, 0);
    await check();

    // Then ten moves at once: whichever order they land in, positions stay dense.
    const before = [...order];
    const items = await alice.playlists.items(id).all();
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => {
        const item = items[i % items.length];
        return alice.playlists.move(id, item?.item_id ?? '', (i * 3) % items.length);
      }),
    );
    const after = await positionsOf(alice, id);
    expect(after.map((a) => a.position)).toEqual(before.map((_, position) => position));
    expect(after.map((a) => a.video).sort()).toEqual([...before].sort());
    expect((await alice.playlists.get(id)).item_count).toBe(before.length);
  });

  it('hold a video once: the second add is a 409 naming the item', async () => {
    const list = await alice.playlists.create({ title: 'Once', visibility: 'private' });
    const item = await alice.playlists.add(list.playlist_id, videos[0]?.video_id ?? '');
    const error = await failure(alice.playlists.add(list.playlist_id, videos[0]?.video_id ?? ''));
    expect(error).toMatchObject({ status: 409, code: 'playlist_item_exists' });
    expect(error.details).toEqual({ item_id: item.item_id });
    expect((await alice.playlists.get(list.playlist_id)).item_count).toBe(1);
  });

  it("keep a private playlist its owner's, and let only the owner change a public one", async () => {
    const secret = await alice.playlists.create({ title: 'Mine', visibility: 'private' });
    await alice.playlists.add(secret.playlist_id, videos[0]?.video_id ?? '');
    const shared = await alice.playlists.create({ title: 'Shared', visibility: 'public' });
    const item = await alice.playlists.add(shared.playlist_id, videos[1]?.video_id ?? '');
    const notFound = { status: 404, code: 'not_found' };
    expect(await refusal(bob.playlists.get(secret.playlist_id))).toEqual(notFound);
    expect(await refusal(bob.playlists.items(secret.playlist_id).all())).toEqual(notFound);

    expect((await bob.playlists.get(shared.playlist_id)).title).toBe('Shared');
    expect((await bob.playlists.items(shared.playlist_id).all()).map((i) => i.item_id)).toEqual([
      item.item_id,
    ]);
    for (const change of [
      () => bob.playlists.update(shared.playlist_id, { title: 'Taken over' }),
      () => bob.playlists.delete(shared.playlist_id),
      () => bob.playlists.add(shared.playlist_id, videos[2]?.video_id ?? ''),
      () => bob.playlists.remove(shared.playlist_id, item.item_id),
      () => bob.playlists.move(shared.playlist_id, item.item_id, 0),
    ]) {
      expect(await refusal(change())).toEqual(notFound);
    }
    expect(await alice.playlists.get(shared.playlist_id)).toMatchObject({
      title: 'Shared',
      item_count: 1,
    });
  });

  it('take only videos the viewer can watch, and hide one made private later', async () => {
    const list = await alice.playlists.create({ title: 'Picks', visibility: 'public' });
    const notFound = { status: 404, code: 'not_found' };
    for (const videoId of [notReadyVideoId, otherTenantVideo.video_id, crypto.randomUUID()]) {
      expect(await refusal(alice.playlists.add(list.playlist_id, videoId))).toEqual(notFound);
    }
    await alice.playlists.add(list.playlist_id, laterPrivate.video_id);
    await alice.playlists.add(list.playlist_id, videos[0]?.video_id ?? '');
    expect((await bob.playlists.items(list.playlist_id).all()).map((i) => i.video_id)).toEqual([
      laterPrivate.video_id,
      videos[0]?.video_id,
    ]);

    await owner.sdk.videos.update(laterPrivate.video_id, { visibility: 'private' });
    expect((await bob.playlists.items(list.playlist_id).all()).map((i) => i.video_id)).toEqual([
      videos[0]?.video_id,
    ]);
    const other = await alice.playlists.create({ title: 'Later', visibility: 'private' });
    expect(await refusal(alice.playlists.add(other.playlist_id, laterPrivate.video_id))).toEqual(
      notFound,
    );
  });

  it('give each viewer one private watch-later list, even under 20 parallel first calls', async () => {
    const viewer = await viewerOf(owner.sdk, 'watcher');
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => viewer.playlists.watchLater()),
    );
    const ids = new Set(answers.map((a) => a.playlist_id));
    expect(ids.size).toBe(1);
    expect(answers[0]).toMatchObject({ visibility: 'private', watch_later: true, item_count: 0 });
    const mine = await viewer.playlists.mine().all();
    expect(mine.filter((p) => p.watch_later).map((p) => p.playlist_id)).toEqual([...ids]);
    const [watchLaterId] = [...ids] as [string];
    await viewer.playlists.add(watchLaterId, videos[3]?.video_id ?? '');
    expect((await viewer.playlists.watchLater()).item_count).toBe(1);
    expect(await refusal(viewer.playlists.update(watchLaterId, { visibility: 'public' }))).toEqual({
      status: 400,
      code: 'invalid_request',
    });
    expect(await refusal(bob.playlists.get(watchLaterId))).toEqual({
      status: 404,
      code: 'not_found',
    });
    expect((await bob.playlists.watchLater()).playlist_id).not.toBe(watchLaterId);
  });

  it('refuse bad input with a 400 and its code', async () => {
    const list = await alice.playlists.create({ title: 'Checks', visibility: 'private' });
    const invalid = { status: 400, code: 'invalid_request' };
    for (const body of [
      { title: '', visibility: 'public' },
      { title: '   ', visibility: 'public' },
      { title: 'x'.repeat(201), visibility: 'public' },
      { title: 'ok', visibility: 'friends' },
      { title: 'ok' },
    ]) {
      expect(await refusal(alice.playlists.create(body as never))).toEqual(invalid);
    }
    expect(await refusal(alice.playlists.update(list.playlist_id, {}))).toEqual(invalid);
    const cursor = { status: 400, code: 'invalid_cursor' };
    const bare = (path: string) =>
      contractFetch(`${harness.url}${path}`, {
        headers: { authorization: `Bearer ${tokens.get(alice)}` },
      });
    const forged = 'bm9wZQ';
    for (const path of [
      `/v1/playlists/${list.playlist_id}/items?cursor=${forged}`,
      `/v1/viewer/playlists?cursor=${forged}`,
    ]) {
      const response = await bare(path);
      expect({
        status: response.status,
        code: ((await response.json()) as { code: string }).code,
      }).toEqual(cursor);
    }
    const item = await alice.playlists.add(list.playlist_id, videos[0]?.video_id ?? '');
    const outOfRange = { status: 400, code: 'position_out_of_range' };
    expect(
      await refusal(
        alice.playlists.add(list.playlist_id, videos[1]?.video_id ?? '', { position: 2 }),
      ),
    ).toEqual(outOfRange);
    expect(await refusal(alice.playlists.move(list.playlist_id, item.item_id, 1))).toEqual(
      outOfRange,
    );
    expect(await refusal(alice.playlists.move(list.playlist_id, item.item_id, -1))).toEqual(
      invalid,
    );
    expect(await positionsOf(alice, list.playlist_id)).toEqual([
      { video: videos[0]?.video_id, position: 0 },
    ]);
  });

  it("are invisible to another tenant's viewers, and refuse a token that does not check out", async () => {
    const shared = await alice.playlists.create({ title: 'Tenant only', visibility: 'public' });
    const item = await alice.playlists.add(shared.playlist_id, videos[0]?.video_id ?? '');
    const notFound = { status: 404, code: 'not_found' };
    for (const call of [
      () => carol.playlists.get(shared.playlist_id),
      () => carol.playlists.items(shared.playlist_id).all(),
      () => carol.playlists.update(shared.playlist_id, { title: 'x' }),
      () => carol.playlists.delete(shared.playlist_id),
      () => carol.playlists.add(shared.playlist_id, otherTenantVideo.video_id),
      () => carol.playlists.remove(shared.playlist_id, item.item_id),
      () => carol.playlists.move(shared.playlist_id, item.item_id, 0),
    ]) {
      expect(await refusal(call())).toEqual(notFound);
    }
    expect((await carol.playlists.mine().all()).map((p) => p.playlist_id)).not.toContain(
      shared.playlist_id,
    );
    // Public lists are readable with no credential (public-reads.test.ts); a bad one is refused.
    const response = await contractFetch(`${harness.url}/v1/playlists/${shared.playlist_id}`, {
      headers: { authorization: 'Bearer forged' },
    });
    expect(response.status).toBe(401);
    expect(await alice.playlists.get(shared.playlist_id)).toMatchObject({ item_count: 1 });
  });
});
