import { ReelViewer, signViewerToken, type Video } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { videos } from '../../src/db/schema.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { call } from './likes-and-comments-world.js';

let harness: Harness;
let world: Awaited<ReturnType<typeof tenantWorld>>;
let stranger: Awaited<ReturnType<typeof tenantWorld>>;

type VideoRow = typeof videos.$inferInsert;

/** A tenant with a video for each way of being seen (rows written straight to Postgres). */
async function tenantWorld() {
  const tenant = await harness.tenant();
  const insert = async (values: Partial<VideoRow> = {}) => {
    const id = crypto.randomUUID();
    await harness.reel.ctx.database.db.insert(videos).values({
      id,
      tenantId: tenant.tenantId,
      status: 'ready',
      title: values.title ?? 'a video',
      originalKey: `raw-uploads/${id}/original`,
      publishedAt: new Date(),
      ...values,
    });
    return id;
  };
  const key = await tenant.sdk.signingKeys.create();
  const signing = { keyId: key.key_id, privateKey: key.private_key };
  return {
    ...tenant,
    insert,
    videos: {
      open: await insert({ title: 'public' }),
      unlisted: await insert({ visibility: 'unlisted' }),
      hidden: await insert({ visibility: 'private' }),
      signed: await insert({ playbackPolicy: 'signed' }),
      processing: await insert({ status: 'processing', publishedAt: null }),
      failed: await insert({ status: 'failed', errorCode: 'not_a_video', errorMessage: 'no' }),
      deleted: await insert({ deletedAt: new Date() }),
    },
    viewer: (viewerId: string, options: { scopes?: string[]; expiresIn?: number } = {}) =>
      signViewerToken(signing, { viewerId, ...options }),
  };
}

beforeAll(async () => {
  harness = await startHarness({ roles: ['relay', 'counters'] });
  world = await tenantWorld();
  stranger = await tenantWorld();
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

async function read<T>(path: string, token?: string) {
  const response = await call(harness, 'GET', path, { token });
  return { status: response.status, body: (await response.json()) as T };
}

const TENANT_ONLY = [
  'auto_publish',
  'error',
  'takedown',
  'geo',
  'normalize_audio',
  'mp4_support',
  'downloads',
];

describe('GET /v1/videos/{id} with no credential', () => {
  it("answers a public, ready video's public fields", async () => {
    const { status, body } = await read<Video>(`/v1/videos/${world.videos.open}`);
    expect(status).toBe(200);
    const full = await world.sdk.videos.get(world.videos.open);
    const {
      auto_publish: _a,
      error: _e,
      takedown: _t,
      geo: _g,
      normalize_audio: _n,
      mp4_support: _m,
      downloads: _d,
      ...publicFields
    } = full;
    expect(body).toEqual(publicFields);
    for (const field of [...TENANT_ONLY, 'viewer']) expect(body).not.toHaveProperty(field);
  });

  it('reads an unlisted video by its id, as its link promises', async () => {
    expect((await read(`/v1/videos/${world.videos.unlisted}`)).status).toBe(200);
  });

  it('answers every other video exactly as an unknown id, so nothing leaks', async () => {
    const unknown = await read<{ code: string; message: string }>(
      `/v1/videos/${crypto.randomUUID()}`,
    );
    expect(unknown.status).toBe(404);
    for (const which of ['hidden', 'signed', 'processing', 'failed', 'deleted'] as const) {
      const got = await read(`/v1/videos/${world.videos[which]}`);
      expect({ which, ...got }).toEqual({ which, ...unknown });
    }
  });

  it('refuses garbage ids with 400', async () => {
    for (const id of ['not-a-uuid', '%00', `${'9'.repeat(200)}`, "1'%20or%201=1"]) {
      expect((await read(`/v1/videos/${id}`)).status).toBe(400);
    }
  });

  it('refuses a credential that does not check out with 401, even on a public video', async () => {
    const revoked = await world.sdk.apiKeys.create({ name: 'soon revoked' });
    await world.sdk.apiKeys.revoke(revoked.key_id);
    const bad = [
      'garbage',
      revoked.key,
      await world.viewer('ada', { expiresIn: -60 }),
      `${(await world.viewer('ada')).slice(0, -4)}AAAA`,
    ];
    for (const token of bad) {
      expect((await read(`/v1/videos/${world.videos.open}`, token)).status).toBe(401);
    }
  });
});

describe('GET /v1/videos/{id} with a viewer token', () => {
  it('adds viewer.has_liked, which follows the viewer liking and unliking', async () => {
    const token = await world.viewer('liker');
    const path = `/v1/videos/${world.videos.open}`;
    const before = await read<Video>(path, token);
    expect(before.status).toBe(200);
    expect(before.body.viewer).toEqual({ has_liked: false });
    for (const field of TENANT_ONLY) expect(before.body).not.toHaveProperty(field);

    expect((await call(harness, 'POST', `${path}/like`, { token })).status).toBe(200);
    expect((await read<Video>(path, token)).body.viewer).toEqual({ has_liked: true });
    // Another viewer's like is theirs alone.
    expect((await read<Video>(path, await world.viewer('other'))).body.viewer).toEqual({
      has_liked: false,
    });
    expect((await call(harness, 'DELETE', `${path}/like`, { token })).status).toBe(200);
    expect((await read<Video>(path, token)).body.viewer).toEqual({ has_liked: false });
  });

  it("sees the tenant's signed videos, but not private, unready or deleted ones", async () => {
    const token = await world.viewer('ada');
    expect((await read(`/v1/videos/${world.videos.signed}`, token)).status).toBe(200);
    for (const which of ['hidden', 'processing', 'failed', 'deleted'] as const) {
      expect({
        which,
        status: (await read(`/v1/videos/${world.videos[which]}`, token)).status,
      }).toEqual({ which, status: 404 });
    }
  });

  it("reads another tenant's video as missing, even a public one", async () => {
    const token = await stranger.viewer('ada');
    expect((await read(`/v1/videos/${world.videos.open}`, token)).status).toBe(404);
    expect((await read(`/v1/videos/${world.videos.signed}`, token)).status).toBe(404);
  });

  it('needs no scope: a token narrowed to likes still reads it', async () => {
    const token = await world.viewer('ada', { scopes: ['likes'] });
    expect((await read(`/v1/videos/${world.videos.open}`, token)).status).toBe(200);
  });
});

describe('GET /v1/videos/{id} with the API key', () => {
  it('reads any of its own videos in full, and no viewer state', async () => {
    const { status, body } = await read<Video>(`/v1/videos/${world.videos.failed}`, world.apiKey);
    expect(status).toBe(200);
    expect(body.error).toEqual({ code: 'not_a_video', message: 'no' });
    expect(body.auto_publish).toBe(true);
    expect(body).not.toHaveProperty('viewer');
    expect((await read(`/v1/videos/${world.videos.hidden}`, world.apiKey)).status).toBe(200);
    expect((await read(`/v1/videos/${world.videos.open}`, stranger.apiKey)).status).toBe(404);
  });
});

describe("a channel's public video list", () => {
  it('shows the same public fields as GET /v1/videos/{id} with no credential', async () => {
    const channel = await world.sdk.channels.create({
      handle: `public-${crypto.randomUUID().slice(0, 8)}`,
      title: 'Public fields',
    });
    const videoId = await world.insert({ channelId: channel.channel_id });
    const listed = await read<{ data: Video[] }>(`/v1/channels/${channel.channel_id}/videos`);
    const single = await read<Video>(`/v1/videos/${videoId}`);
    expect(listed.body.data).toEqual([single.body]);
  });
});

interface Comment {
  comment_id: string;
  text: string;
  state: string;
}
interface Page {
  data: Comment[];
  next_cursor: string | null;
}

const ids = (page: { body: Page }) => page.body.data.map((c) => c.comment_id);

async function comment(videoId: string, token: string, text: string, parentId?: string) {
  const response = await call(harness, 'POST', `/v1/videos/${videoId}/comments`, {
    token,
    body: { text, ...(parentId && { parent_id: parentId }) },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Comment;
}

describe('comments, as each reader sees them', () => {
  it('show a viewer their own held comments, to no one else but the tenant', async () => {
    const videoId = await world.insert({ commentsPolicy: 'held' });
    const [ada, bob] = [await world.viewer('ada'), await world.viewer('bob')];
    const held = await comment(videoId, ada, 'waiting for approval');
    expect(held.state).toBe('held');
    const path = `/v1/videos/${videoId}/comments`;
    expect(ids(await read<Page>(path))).toEqual([]);
    expect(ids(await read<Page>(path, bob))).toEqual([]);
    expect(ids(await read<Page>(path, ada))).toEqual([held.comment_id]);
    expect(ids(await read<Page>(path, world.apiKey))).toEqual([held.comment_id]);

    await world.sdk.comments.approve(held.comment_id);
    expect(ids(await read<Page>(path))).toEqual([held.comment_id]);
    expect(ids(await read<Page>(path, bob))).toEqual([held.comment_id]);
  });

  it('show the tenant rejected comments and replies; viewers and the public never', async () => {
    const videoId = await world.insert({ commentsPolicy: 'held' });
    const ada = await world.viewer('ada');
    const top = await comment(videoId, ada, 'top');
    await world.sdk.comments.approve(top.comment_id);
    const shown = await comment(videoId, ada, 'a reply', top.comment_id);
    await world.sdk.comments.approve(shown.comment_id);
    const waiting = await comment(videoId, ada, 'a held reply', top.comment_id);
    const refused = await comment(videoId, ada, 'a rejected reply', top.comment_id);
    await world.sdk.comments.reject(refused.comment_id);

    const replies = `/v1/comments/${top.comment_id}/replies`;
    expect(ids(await read<Page>(replies))).toEqual([shown.comment_id]);
    expect(ids(await read<Page>(replies, await world.viewer('bob')))).toEqual([shown.comment_id]);
    expect(ids(await read<Page>(replies, ada))).toEqual([shown.comment_id, waiting.comment_id]);
    expect(ids(await read<Page>(replies, world.apiKey))).toEqual([
      shown.comment_id,
      waiting.comment_id,
      refused.comment_id,
    ]);
    // A rejected comment's own thread is the tenant's business only.
    const ofRefused = `/v1/comments/${refused.comment_id}/replies`;
    expect((await read(ofRefused)).status).toBe(404);
    expect((await read(ofRefused, ada)).status).toBe(404);
    expect((await read(ofRefused, world.apiKey)).status).toBe(200);
  });

  it("let the tenant read its private videos' comments; no one else", async () => {
    const videoId = await world.insert();
    const said = await comment(videoId, await world.viewer('ada'), 'before it went private');
    await world.sdk.videos.update(videoId, { visibility: 'private' });
    const path = `/v1/videos/${videoId}/comments`;
    expect(ids(await read<Page>(path, world.apiKey))).toEqual([said.comment_id]);
    expect((await read(path)).status).toBe(404);
    expect((await read(path, await world.viewer('ada'))).status).toBe(404);
    expect((await read(`/v1/comments/${said.comment_id}/replies`)).status).toBe(404);
    expect((await read(`/v1/comments/${said.comment_id}/replies`, world.apiKey)).status).toBe(200);
  });

  it("read another tenant's comments as missing, by viewer token or API key", async () => {
    const said = await comment(world.videos.open, await world.viewer('ada'), 'mine');
    for (const token of [await stranger.viewer('ada'), stranger.apiKey]) {
      expect((await read(`/v1/videos/${world.videos.open}/comments`, token)).status).toBe(404);
      expect((await read(`/v1/comments/${said.comment_id}/replies`, token)).status).toBe(404);
    }
  });

  it('of a signed video are for its tenant and viewers, not for callers with no credential', async () => {
    const said = await comment(world.videos.signed, await world.viewer('ada'), 'signed');
    const path = `/v1/videos/${world.videos.signed}/comments`;
    expect((await read(path)).status).toBe(404);
    expect(ids(await read<Page>(path, await world.viewer('bob')))).toContain(said.comment_id);
  });

  it('refuse a bad credential with 401 and an upload-only key with 403', async () => {
    const path = `/v1/videos/${world.videos.open}/comments`;
    expect((await read(path, 'garbage')).status).toBe(401);
    expect((await read(path, await world.viewer('ada', { expiresIn: -60 }))).status).toBe(401);
    const uploadOnly = await world.sdk.apiKeys.create({ name: 'uo', scope: 'upload_only' });
    expect((await read(path, uploadOnly.key)).status).toBe(403);
  });
});

describe('DELETE /v1/comments/{id} with the API key (moderation)', () => {
  it("deletes any of the tenant's comments as the author's delete does", async () => {
    const videoId = await world.insert();
    const [ada, bob] = [await world.viewer('ada'), await world.viewer('bob')];
    const top = await comment(videoId, ada, 'spam with a reply');
    await comment(videoId, bob, 'reply', top.comment_id);
    const alone = await comment(videoId, ada, 'spam alone');
    const count = async () =>
      (await read<Video>(`/v1/videos/${videoId}`, world.apiKey)).body.comment_count;
    await until('three comments counted', async () => (await count()) === 3);

    for (const c of [top, alone]) {
      const got = await call(harness, 'DELETE', `/v1/comments/${c.comment_id}`, {
        token: world.apiKey,
      });
      expect(got.status).toBe(204);
    }
    const listed = await read<Page>(`/v1/videos/${videoId}/comments`);
    expect(listed.body.data).toEqual([
      expect.objectContaining({ comment_id: top.comment_id, state: 'deleted', text: '' }),
    ]);
    await until('the deleted ones uncounted', async () => (await count()) === 1);

    // Deleted is deleted, for the tenant and for the author.
    const again = await call(harness, 'DELETE', `/v1/comments/${alone.comment_id}`, {
      token: world.apiKey,
    });
    expect(again.status).toBe(404);
    const byAuthor = await call(harness, 'DELETE', `/v1/comments/${top.comment_id}`, {
      token: ada,
    });
    expect(byAuthor.status).toBe(404);
  });

  it('deletes a held comment, which never counted', async () => {
    const videoId = await world.insert({ commentsPolicy: 'held' });
    const held = await comment(videoId, await world.viewer('ada'), 'held spam');
    const got = await call(harness, 'DELETE', `/v1/comments/${held.comment_id}`, {
      token: world.apiKey,
    });
    expect(got.status).toBe(204);
    const video = await read<Video>(`/v1/videos/${videoId}`, world.apiKey);
    expect(video.body.comment_count).toBe(0);
    expect(ids(await read<Page>(`/v1/videos/${videoId}/comments`, world.apiKey))).toEqual([]);
  });

  it("is 404 for another tenant's key and 403 for a read-only key, and changes nothing", async () => {
    const said = await comment(world.videos.open, await world.viewer('ada'), 'keep me');
    const path = `/v1/comments/${said.comment_id}`;
    expect((await call(harness, 'DELETE', path, { token: stranger.apiKey })).status).toBe(404);
    const readOnly = await world.sdk.apiKeys.create({ name: 'ro', scope: 'read_only' });
    expect((await call(harness, 'DELETE', path, { token: readOnly.key })).status).toBe(403);
    expect((await call(harness, 'DELETE', path)).status).toBe(401);
    const listed = await read<Page>(`/v1/videos/${world.videos.open}/comments`);
    expect(ids(listed)).toContain(said.comment_id);
  });
});

interface Playlist {
  playlist_id: string;
}
interface Items {
  data: { video_id: string }[];
}

async function playlistOf(token: string, visibility: string, videoIds: string[]) {
  const made = await call(harness, 'POST', '/v1/playlists', {
    token,
    body: { title: `a ${visibility} list`, visibility },
  });
  expect(made.status).toBe(201);
  const playlist = (await made.json()) as Playlist;
  for (const videoId of videoIds) {
    const added = await call(harness, 'POST', `/v1/playlists/${playlist.playlist_id}/items`, {
      token,
      body: { video_id: videoId },
    });
    expect(added.status).toBe(201);
  }
  return playlist.playlist_id;
}

describe('playlists with no credential', () => {
  it('read a public playlist and only the items anyone may watch', async () => {
    const ada = await world.viewer('ada');
    const goesPrivate = await world.insert();
    const id = await playlistOf(ada, 'public', [
      world.videos.open,
      world.videos.signed,
      goesPrivate,
    ]);
    await world.sdk.videos.update(goesPrivate, { visibility: 'private' });

    const got = await read<{ playlist_id: string; item_count: number }>(`/v1/playlists/${id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ playlist_id: id, item_count: 3 });
    const items = await read<Items>(`/v1/playlists/${id}/items`);
    expect(items.body.data.map((i) => i.video_id)).toEqual([world.videos.open]);
    // Its owner still sees the signed video they added.
    const asOwner = await read<Items>(`/v1/playlists/${id}/items`, ada);
    expect(asOwner.body.data.map((i) => i.video_id)).toEqual([
      world.videos.open,
      world.videos.signed,
    ]);
  });

  it('read an unlisted playlist by its id; a private one or watch later is 404', async () => {
    const ada = await world.viewer('ada');
    const unlisted = await playlistOf(ada, 'unlisted', [world.videos.open]);
    expect((await read(`/v1/playlists/${unlisted}`)).status).toBe(200);
    const mine = await playlistOf(ada, 'private', [world.videos.open]);
    const later = (await read<Playlist>('/v1/viewer/watch-later', ada)).body.playlist_id;
    const unknown = await read(`/v1/playlists/${crypto.randomUUID()}`);
    for (const id of [mine, later]) {
      expect(await read(`/v1/playlists/${id}`)).toEqual(unknown);
      expect((await read(`/v1/playlists/${id}/items`)).status).toBe(404);
    }
  });

  it('refuse a bad credential with 401 and a token without the playlists scope with 403', async () => {
    const id = await playlistOf(await world.viewer('ada'), 'public', []);
    expect((await read(`/v1/playlists/${id}`, 'garbage')).status).toBe(401);
    expect((await read(`/v1/playlists/${id}`, world.apiKey)).status).toBe(401);
    const narrow = await world.viewer('ada', { scopes: ['likes'] });
    const refused = await read<{ code: string }>(`/v1/playlists/${id}`, narrow);
    expect(refused).toMatchObject({ status: 403, body: { code: 'insufficient_scope' } });
    const scoped = await world.viewer('ada', { scopes: ['playlists'] });
    expect((await read(`/v1/playlists/${id}`, scoped)).status).toBe(200);
  });
});

describe('the SDK', () => {
  it('reads public content with a ReelViewer that holds no token, and viewer state with one', async () => {
    const anyone = new ReelViewer({ baseUrl: harness.url, fetch: contractFetch, maxRetries: 0 });
    expect((await anyone.video(world.videos.open)).viewer).toBeUndefined();
    const said = await comment(world.videos.open, await world.viewer('sdk'), 'via the SDK');
    const listed = await anyone.comments.list(world.videos.open).all();
    expect(listed.map((c) => c.comment_id)).toContain(said.comment_id);
    await expect(anyone.me()).rejects.toMatchObject({ status: 401 });

    const viewer = new ReelViewer({
      viewerToken: await world.viewer('sdk'),
      baseUrl: harness.url,
      fetch: contractFetch,
    });
    await viewer.like(world.videos.open);
    expect((await viewer.video(world.videos.open)).viewer).toEqual({ has_liked: true });
  });

  it('lets the tenant read every comment of a video and delete any', async () => {
    const videoId = await world.insert({ commentsPolicy: 'held' });
    const held = await comment(videoId, await world.viewer('ada'), 'held for the SDK');
    expect((await world.sdk.comments.ofVideo(videoId).all()).map((c) => c.state)).toEqual(['held']);
    await world.sdk.comments.delete(held.comment_id);
    expect(await world.sdk.comments.ofVideo(videoId).all()).toEqual([]);
  });
});
