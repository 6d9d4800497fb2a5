import { ReelViewer } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';
import { call, tenantWithVideos } from './likes-and-comments-world.js';

/** Counts are kept by the counters role, seconds behind: waits for the video to show `n`. */
const commentCountSettles = (
  sdk: { videos: { get(id: string): Promise<{ comment_count: number }> } },
  videoId: string,
  n: number,
) => until(`comment_count ${n}`, async () => (await sdk.videos.get(videoId)).comment_count === n);

let harness: Harness;
let world: Awaited<ReturnType<typeof tenantWithVideos>>;
let stranger: Awaited<ReturnType<typeof tenantWithVideos>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  harness = await startHarness();
  [world, stranger] = await Promise.all([tenantWithVideos(harness), tenantWithVideos(harness)]);
  for (const name of ['ada', 'bob', 'cy', 'dee']) tokens[name] = await world.viewer(name);
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

interface Comment {
  comment_id: string;
  thread_id: string;
  parent_id: string | null;
  author_viewer_id: string;
  reply_to_viewer_id: string | null;
  text: string;
  state: 'published' | 'held' | 'rejected' | 'deleted';
  reply_count: number;
  edited_at: string | null;
}
interface Page {
  data: Comment[];
  next_cursor: string | null;
}

async function post(videoId: string, author: string, text: string, parentId?: string) {
  const response = await call(harness, 'POST', `/v1/videos/${videoId}/comments`, {
    token: tokens[author] ?? author,
    body: { text, ...(parentId && { parent_id: parentId }) },
  });
  expect(response.status).toBe(201);
  return (await response.json()) as Comment;
}

async function refusal(response: Response) {
  const body = (await response.json()) as { code: string; details?: unknown };
  return { status: response.status, code: body.code, details: body.details };
}

async function page(path: string) {
  const response = await call(harness, 'GET', path);
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

/** Reads every page, calling `between` after each one: new comments arrive while it reads. */
async function readAll(path: string, between: () => Promise<unknown> = async () => {}) {
  const seen: Comment[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const got = await page(cursor ? `${path}${sep}cursor=${encodeURIComponent(cursor)}` : path);
    seen.push(...got.data);
    cursor = got.next_cursor;
    await between();
  } while (cursor);
  return seen;
}

const freshVideo = async () => {
  const t = await tenantWithVideos(harness);
  for (const name of ['ada', 'bob']) tokens[`${t.tenantId}:${name}`] = await t.viewer(name);
  return t;
};

describe('threads', () => {
  it('attach a reply to a reply to the same thread and record whom it answers', async () => {
    const videoId = world.videos.open.video_id;
    const top = await post(videoId, 'ada', 'First!');
    const reply = await post(videoId, 'bob', 'Welcome', top.comment_id);
    const deeper = await post(videoId, 'cy', 'Agreed, bob', reply.comment_id);
    expect(top).toMatchObject({ thread_id: top.comment_id, parent_id: null, reply_count: 0 });
    expect(reply).toMatchObject({ thread_id: top.comment_id, reply_to_viewer_id: 'ada' });
    expect(deeper).toMatchObject({
      thread_id: top.comment_id,
      parent_id: reply.comment_id,
      reply_to_viewer_id: 'bob',
      author_viewer_id: 'cy',
    });
    await until('the thread to count its two replies', async () => {
      const listed = await page(`/v1/videos/${videoId}/comments`);
      return listed.data.find((c) => c.comment_id === top.comment_id)?.reply_count === 2;
    });
    const replies = await page(`/v1/comments/${top.comment_id}/replies`);
    expect(replies.data.map((c) => c.comment_id)).toEqual([reply.comment_id, deeper.comment_id]);
  });

  it('read back in order over many pages, without duplicates or gaps, while new ones arrive', async () => {
    const t = await freshVideo();
    const videoId = t.videos.open.video_id;
    const author = `${t.tenantId}:ada`;
    const first: Comment[] = [];
    for (let i = 0; i < 12; i++) first.push(await post(videoId, author, `top ${i}`));
    const root = first[0] as Comment;
    const replies: Comment[] = [];
    for (let i = 0; i < 7; i++) {
      const parent = i === 0 ? root : (replies.at(-1) as Comment);
      replies.push(await post(videoId, `${t.tenantId}:bob`, `reply ${i}`, parent.comment_id));
    }
    let arrivals = 0;
    const arrive = async () => {
      arrivals++;
      await post(videoId, author, `late ${arrivals}`);
    };

    const newest = await readAll(`/v1/videos/${videoId}/comments?limit=5`, arrive);
    const newestIds = newest.map((c) => c.comment_id);
    expect(new Set(newestIds).size).toBe(newestIds.length);
    expect(newestIds).toEqual(first.map((c) => c.comment_id).reverse());

    const oldest = await readAll(`/v1/videos/${videoId}/comments?order=oldest&limit=4`, arrive);
    const oldestIds = oldest.map((c) => c.comment_id);
    expect(new Set(oldestIds).size).toBe(oldestIds.length);
    // Everything that existed, in order, then the ones that arrived while reading.
    expect(oldestIds.slice(0, 12)).toEqual(first.map((c) => c.comment_id));
    expect(oldest.slice(12).every((c) => c.text.startsWith('late'))).toBe(true);
    expect(oldest.length).toBeGreaterThanOrEqual(12 + 3);

    let lateReplies = 0;
    const thread = await readAll(`/v1/comments/${root.comment_id}/replies?limit=3`, async () => {
      lateReplies++;
      await post(videoId, author, `late reply ${lateReplies}`, root.comment_id);
    });
    const threadIds = thread.map((c) => c.comment_id);
    expect(new Set(threadIds).size).toBe(threadIds.length);
    expect(threadIds.slice(0, 7)).toEqual(replies.map((c) => c.comment_id));
    expect(thread.slice(7).map((c) => c.text)).toEqual(
      Array.from({ length: thread.length - 7 }, (_, i) => `late reply ${i + 1}`),
    );
    expect(thread.every((c) => c.thread_id === root.comment_id)).toBe(true);
  });
});

describe('editing and deleting', () => {
  it('is for the author only; another viewer gets 404, as for an unknown id', async () => {
    const videoId = world.videos.open.video_id;
    const mine = await post(videoId, 'ada', 'typo hree');
    const path = `/v1/comments/${mine.comment_id}`;
    const asBob = { token: tokens.bob, body: { text: 'hijacked' } };
    expect((await call(harness, 'PATCH', path, asBob)).status).toBe(404);
    expect((await call(harness, 'DELETE', path, { token: tokens.bob })).status).toBe(404);
    const unknown = `/v1/comments/${crypto.randomUUID()}`;
    expect((await call(harness, 'PATCH', unknown, asBob)).status).toBe(404);

    const edited = await call(harness, 'PATCH', path, {
      token: tokens.ada,
      body: { text: 'typo here' },
    });
    expect(edited.status).toBe(200);
    const body = (await edited.json()) as Comment;
    expect(body.text).toBe('typo here');
    expect(body.edited_at).not.toBeNull();
  });

  it('leaves a placeholder for a comment with replies, and removes one without', async () => {
    const t = await freshVideo();
    const videoId = t.videos.open.video_id;
    const [ada, bob] = [`${t.tenantId}:ada`, `${t.tenantId}:bob`];
    const withReplies = await post(videoId, ada, 'start of a thread');
    await post(videoId, bob, 'a reply', withReplies.comment_id);
    const alone = await post(videoId, ada, 'nobody answers this');
    await commentCountSettles(t.sdk, videoId, 3);

    for (const c of [withReplies, alone]) {
      const response = await call(harness, 'DELETE', `/v1/comments/${c.comment_id}`, {
        token: tokens[ada],
      });
      expect(response.status).toBe(204);
    }
    const listed = (await page(`/v1/videos/${videoId}/comments`)).data;
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({
      comment_id: withReplies.comment_id,
      state: 'deleted',
      text: '',
      reply_count: 1,
    });
    await commentCountSettles(t.sdk, videoId, 1);
    // Deleted is deleted: a second delete or an edit finds nothing.
    const again = await call(harness, 'DELETE', `/v1/comments/${alone.comment_id}`, {
      token: tokens[ada],
    });
    expect(again.status).toBe(404);
  });
});

describe('policy', () => {
  it('refuses comments with 403 comments_disabled while the tenant has them disabled', async () => {
    const t = await freshVideo();
    const videoId = t.videos.open.video_id;
    const disabled = await t.sdk.videos.update(videoId, { comments_policy: 'disabled' });
    expect(disabled.comments_policy).toBe('disabled');
    const refused = await call(harness, 'POST', `/v1/videos/${videoId}/comments`, {
      token: tokens[`${t.tenantId}:ada`],
      body: { text: 'let me in' },
    });
    expect(await refusal(refused)).toMatchObject({ status: 403, code: 'comments_disabled' });
    const enabled = await t.sdk.videos.update(videoId, { comments_policy: 'enabled' });
    expect(enabled.comments_policy).toBe('enabled');
    await post(videoId, `${t.tenantId}:ada`, 'now it works');
  });
});

describe('moderation', () => {
  it('keeps held comments invisible and uncounted until the tenant approves them', async () => {
    const t = await freshVideo();
    const videoId = t.videos.open.video_id;
    const held = await t.sdk.videos.update(videoId, { comments_policy: 'held' });
    expect(held.comments_policy).toBe('held');
    const ada = `${t.tenantId}:ada`;
    const waiting: Comment[] = [];
    for (let i = 0; i < 5; i++) waiting.push(await post(videoId, ada, `wait ${i}`));
    expect(waiting.every((c) => c.state === 'held')).toBe(true);
    expect((await page(`/v1/videos/${videoId}/comments`)).data).toEqual([]);
    const replyWaits = await call(harness, 'POST', `/v1/videos/${videoId}/comments`, {
      token: tokens[ada],
      body: { text: 'reply to a held one', parent_id: waiting[0]?.comment_id },
    });
    expect(replyWaits.status).toBe(400);

    // The queue, oldest first, over pages.
    const queue = (await t.sdk.comments.list({ limit: 2 }).all()).map((c) => c.comment_id);
    expect(queue).toEqual(waiting.map((c) => c.comment_id));

    const [first, second] = waiting as [Comment, Comment];
    expect((await t.sdk.comments.approve(first.comment_id)).state).toBe('published');
    expect((await t.sdk.comments.approve(first.comment_id)).state).toBe('published');
    expect((await t.sdk.comments.reject(second.comment_id)).state).toBe('rejected');
    const shown = (await page(`/v1/videos/${videoId}/comments`)).data;
    expect(shown.map((c) => c.comment_id)).toEqual([first.comment_id]);
    expect(
      (await t.sdk.comments.list({ state: 'rejected' }).all()).map((c) => c.comment_id),
    ).toEqual([second.comment_id]);
    expect(await t.sdk.comments.list().all()).toHaveLength(3);
    // Only the approved one counts; taking it down uncounts it; approving again counts it once.
    await commentCountSettles(t.sdk, videoId, 1);
    await t.sdk.comments.reject(first.comment_id);
    await commentCountSettles(t.sdk, videoId, 0);
    await t.sdk.comments.approve(first.comment_id);
    await commentCountSettles(t.sdk, videoId, 1);

    // Another tenant can neither see nor decide.
    expect(await stranger.sdk.comments.list().all()).toEqual([]);
    const foreign = await call(harness, 'POST', `/v1/comments/${first.comment_id}/reject`);
    expect(foreign.status).toBe(401);
    await expect(stranger.sdk.comments.reject(first.comment_id)).rejects.toMatchObject({
      status: 404,
    });
  });

  it('refuses a banned viewer with 403 commenting_banned until the ban is lifted', async () => {
    const t = await freshVideo();
    const videoId = t.videos.open.video_id;
    const ban = await t.sdk.comments.ban('ada', { reason: 'spam' });
    expect(ban).toMatchObject({ viewer_id: 'ada', reason: 'spam' });
    const refused = await call(harness, 'POST', `/v1/videos/${videoId}/comments`, {
      token: tokens[`${t.tenantId}:ada`],
      body: { text: 'still here' },
    });
    expect(await refusal(refused)).toMatchObject({ status: 403, code: 'commenting_banned' });
    // The ban is this tenant's alone: the same viewer id elsewhere still comments.
    await post(world.videos.open.video_id, 'ada', 'not banned here');
    await t.sdk.comments.unban('ada');
    await expect(t.sdk.comments.unban('ada')).rejects.toMatchObject({ status: 404 });
    await post(videoId, `${t.tenantId}:ada`, 'back again');
  });
});

describe('text', () => {
  it('is plain text: markup and scripts round-trip as the characters written', async () => {
    const videoId = world.videos.open.video_id;
    const text = '<script>alert("x")</script> <img src=x onerror=alert(1)> &amp; \'\n\tend';
    const created = await post(videoId, 'dee', text);
    expect(created.text).toBe(text);
    const listed = await page(`/v1/videos/${videoId}/comments?limit=100`);
    expect(listed.data.find((c) => c.comment_id === created.comment_id)?.text).toBe(text);
  });

  it('refuses empty, over-long and control-character text with 400 and details', async () => {
    const path = `/v1/videos/${world.videos.open.video_id}/comments`;
    const send = (text: string) =>
      call(harness, 'POST', path, { token: tokens.dee, body: { text } });
    for (const text of ['', 'x'.repeat(5001), 'bell \u0007', 'nul \u0000', 'esc \u001b[31m']) {
      const answer = await refusal(await send(text));
      expect(answer.status).toBe(400);
      expect(answer.details).toBeDefined();
    }
    expect((await send('x'.repeat(5000))).status).toBe(201);
  });
});

describe('bad input', () => {
  it('refuses a parent on another video, bad cursors, and unknown or hidden videos', async () => {
    const { open, other, hidden, signed } = world.videos;
    const elsewhere = await post(other.video_id, 'ada', 'on the other video');
    const misplaced = await call(harness, 'POST', `/v1/videos/${open.video_id}/comments`, {
      token: tokens.bob,
      body: { text: 'reply', parent_id: elsewhere.comment_id },
    });
    expect(await refusal(misplaced)).toMatchObject({ status: 400, code: 'invalid_request' });

    await post(other.video_id, 'ada', 'a second one');
    const otherPage = await page(`/v1/videos/${other.video_id}/comments?limit=1`);
    const foreignCursor = otherPage.next_cursor as string;
    for (const cursor of ['garbage', 'Yzpub3QtYS11dWlk', foreignCursor]) {
      const response = await call(
        harness,
        'GET',
        `/v1/videos/${open.video_id}/comments?cursor=${encodeURIComponent(cursor)}`,
      );
      expect(await refusal(response)).toMatchObject({ status: 400, code: 'invalid_cursor' });
    }
    const replyCursor = await call(
      harness,
      'GET',
      `/v1/comments/${elsewhere.comment_id}/replies?cursor=${encodeURIComponent(foreignCursor)}`,
    );
    expect((await refusal(replyCursor)).code).toBe('invalid_cursor');

    for (const videoId of [hidden.video_id, crypto.randomUUID()]) {
      const created = await call(harness, 'POST', `/v1/videos/${videoId}/comments`, {
        token: tokens.ada,
        body: { text: 'hello?' },
      });
      expect(created.status).toBe(404);
    }
    // Without credentials, only public videos' comments are readable.
    for (const videoId of [hidden.video_id, signed.video_id]) {
      expect((await call(harness, 'GET', `/v1/videos/${videoId}/comments`)).status).toBe(404);
    }
    const unauthenticated = await call(harness, 'POST', `/v1/videos/${open.video_id}/comments`, {
      body: { text: 'anonymous' },
    });
    expect(unauthenticated.status).toBe(401);
  });
});

describe('another tenant', () => {
  it('sees none of it: its viewer token gets 404 on the videos and comments', async () => {
    const intruder = await stranger.viewer('ada');
    const videoId = world.videos.open.video_id;
    const target = await post(videoId, 'ada', 'mine alone');
    const attempts = [
      call(harness, 'POST', `/v1/videos/${videoId}/comments`, {
        token: intruder,
        body: { text: 'from elsewhere' },
      }),
      call(harness, 'POST', `/v1/videos/${stranger.videos.open.video_id}/comments`, {
        token: intruder,
        body: { text: 'a reply across tenants', parent_id: target.comment_id },
      }),
      call(harness, 'PATCH', `/v1/comments/${target.comment_id}`, {
        token: intruder,
        body: { text: 'changed' },
      }),
      call(harness, 'DELETE', `/v1/comments/${target.comment_id}`, { token: intruder }),
    ];
    const statuses = await Promise.all(attempts.map(async (a) => (await a).status));
    expect(statuses).toEqual([404, 400, 404, 404]);
    const listed = await page(`/v1/videos/${videoId}/comments?limit=100`);
    expect(listed.data.find((c) => c.comment_id === target.comment_id)?.text).toBe('mine alone');
  });
});

describe('the SDK', () => {
  it('likes, comments, replies, edits and deletes as a ReelViewer', async () => {
    const t = await freshVideo();
    const videoId = t.videos.open.video_id;
    const as = async (name: string) =>
      new ReelViewer({
        viewerToken: await t.viewer(name),
        baseUrl: harness.url,
        fetch: contractFetch,
      });
    const [ann, ben] = [await as('ann'), await as('ben')];
    expect(await ann.like(videoId)).toMatchObject({ liked: true });
    await until('the like to count', async () => (await ann.like(videoId)).like_count === 1);
    expect(await ann.unlike(videoId)).toMatchObject({ liked: false });
    await until('the unlike to count', async () => (await ann.unlike(videoId)).like_count === 0);
    const top = await ann.comments.create(videoId, 'hello');
    const reply = await ben.comments.create(videoId, 'hi ann', { parentId: top.comment_id });
    expect((await ann.comments.edit(top.comment_id, 'hello all')).text).toBe('hello all');
    expect((await ben.comments.list(videoId).all()).map((c) => c.text)).toEqual(['hello all']);
    expect((await ann.comments.replies(top.comment_id).all()).map((c) => c.comment_id)).toEqual([
      reply.comment_id,
    ]);
    await ben.comments.delete(reply.comment_id);
    expect(await ann.comments.replies(top.comment_id).all()).toEqual([]);
  });
});
