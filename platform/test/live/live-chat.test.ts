import { signViewerToken } from '@reel/sdk';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveChatMessages, liveStreams } from '../../src/db/schema.js';
import { call } from '../http/likes-and-comments-world.js';
import { type OpenStream, openStream, percentile } from '../http/notifications-world.js';
import { violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';
import { until } from '../support/polling.js';

type Message = {
  message_id: string;
  live_stream_id: string;
  viewer_id: string;
  text: string;
  at_sec: number | null;
};
type Page = { data: Message[]; next_cursor: string | null };

const CHAT_LIMIT = 30;
let harness: Harness;
let owner: Awaited<ReturnType<typeof tenantWithSigning>>;
let stranger: Awaited<ReturnType<typeof tenantWithSigning>>;
const opened: OpenStream[] = [];

beforeAll(async () => {
  harness = await startHarness({
    roles: [],
    env: { REEL_CHAT_RATE_LIMIT: String(CHAT_LIMIT) },
  });
  [owner, stranger] = await Promise.all([tenantWithSigning(), tenantWithSigning()]);
});
afterAll(async () => {
  for (const stream of opened) stream.close();
  await harness?.stop();
  expect(violations).toEqual([]);
});

async function tenantWithSigning() {
  const tenant = await harness.tenant();
  const key = await tenant.sdk.signingKeys.create();
  const signing = { keyId: key.key_id, privateKey: key.private_key };
  return {
    ...tenant,
    viewer: (viewerId: string, scopes?: string[]) => signViewerToken(signing, { viewerId, scopes }),
  };
}

const newStream = async () =>
  (await owner.sdk.liveStreams.create({ title: 'Chatty' })).live_stream_id;

const chatPath = (streamId: string) => `/v1/live-streams/${streamId}/chat/messages`;

async function post(streamId: string, token: string, body: unknown, key?: string) {
  return key
    ? fetch(`${harness.url}${chatPath(streamId)}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'idempotency-key': key,
        },
        body: JSON.stringify(body),
      })
    : call(harness, 'POST', chatPath(streamId), { token, body });
}

async function posted(streamId: string, token: string, text: string): Promise<Message> {
  const response = await post(streamId, token, { text });
  expect(response.status).toBe(201);
  return (await response.json()) as Message;
}

async function list(streamId: string, token: string, query = ''): Promise<Page> {
  const response = await call(harness, 'GET', `${chatPath(streamId)}${query}`, { token });
  expect(response.status).toBe(200);
  return (await response.json()) as Page;
}

const asOwner = (method: string, path: string) =>
  fetch(`${harness.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${owner.apiKey}` },
  });

async function listen(streamId: string, headers: Record<string, string>) {
  const stream = await openStream(
    `${harness.url}/v1/live-streams/${streamId}/chat/stream`,
    headers,
  );
  opened.push(stream);
  expect(stream.response.status).toBe(200);
  return stream;
}

const errorOf = async (response: Response) => {
  const body = (await response.json()) as { code: string; message: string };
  expect(body.message).toEqual(expect.any(String));
  return { status: response.status, code: body.code };
};

describe('live chat messages', () => {
  it('posts, lists newest first a page at a time, replays after a message, and deletes', async () => {
    const streamId = await newStream();
    const ada = await owner.viewer('ada');
    const bob = await owner.viewer('bob');
    const first = await posted(streamId, ada, 'hello everyone');
    const second = await posted(streamId, bob, 'hi ada 👋');
    const third = await posted(streamId, ada, 'starting soon?');
    expect(first).toMatchObject({
      live_stream_id: streamId,
      viewer_id: 'ada',
      text: 'hello everyone',
      // The stream has had no session yet.
      at_sec: null,
    });

    const page = await list(streamId, bob, '?limit=2');
    expect(page.data.map((m) => m.text)).toEqual(['starting soon?', 'hi ada 👋']);
    const rest = await list(streamId, bob, `?limit=2&cursor=${page.next_cursor}`);
    expect(rest).toEqual({ data: [first], next_cursor: null });
    const replay = await list(streamId, ada, `?after=${first.message_id}&limit=1`);
    expect(replay.data).toEqual([second]);
    const replayRest = await list(streamId, ada, `?limit=1&cursor=${replay.next_cursor}`);
    expect(replayRest.data).toEqual([third]);

    // The tenant reads it with its API key too, and deletes.
    const path = `${chatPath(streamId)}/${second.message_id}`;
    expect((await asOwner('DELETE', path)).status).toBe(204);
    expect((await asOwner('DELETE', path)).status).toBe(404);
    const tenantView = (await (await asOwner('GET', chatPath(streamId))).json()) as Page;
    expect(tenantView.data.map((m) => m.message_id)).toEqual([third.message_id, first.message_id]);
    // A replay after the deleted message still starts in the right place.
    expect((await list(streamId, ada, `?after=${second.message_id}`)).data).toEqual([third]);

    // A viewer cannot delete anyone's message, its own included.
    const asAda = await call(harness, 'DELETE', `${chatPath(streamId)}/${third.message_id}`, {
      token: ada,
    });
    expect(asAda.status).toBe(401);
    expect((await list(streamId, bob)).data).toHaveLength(2);
  });

  it('has one effect per Idempotency-Key and answers the repeat the same', async () => {
    const streamId = await newStream();
    const ada = await owner.viewer('ada');
    const key = crypto.randomUUID();
    const once = await post(streamId, ada, { text: 'only once' }, key);
    const again = await post(streamId, ada, { text: 'only once' }, key);
    expect([once.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.json()).toEqual(await once.json());
    const reused = await post(streamId, ada, { text: 'something else' }, key);
    expect(await errorOf(reused)).toEqual({ status: 422, code: 'idempotency_key_reused' });
    expect((await list(streamId, ada)).data.map((m) => m.text)).toEqual(['only once']);
  });

  it('counts each message from the start of the session', async () => {
    const streamId = await newStream();
    await harness.reel.ctx.database.db
      .update(liveStreams)
      .set({ status: 'active', sessionStartedAt: new Date(Date.now() - 90_000) })
      .where(eq(liveStreams.id, streamId));
    const message = await posted(streamId, await owner.viewer('ada'), 'ninety seconds in');
    expect(message.at_sec).toBeGreaterThanOrEqual(90);
    expect(message.at_sec).toBeLessThan(100);
  });

  it('refuses a banned viewer (the comments ban list), and a stream ended or disabled', async () => {
    const streamId = await newStream();
    await owner.sdk.comments.ban('troll', { reason: 'spam' });
    const troll = await owner.viewer('troll');
    expect(await errorOf(await post(streamId, troll, { text: 'hi' }))).toEqual({
      status: 403,
      code: 'commenting_banned',
    });

    const ada = await owner.viewer('ada');
    const said = await posted(streamId, ada, 'see you next time');
    await harness.reel.ctx.database.db
      .update(liveStreams)
      .set({ status: 'ended' })
      .where(eq(liveStreams.id, streamId));
    expect(await errorOf(await post(streamId, ada, { text: 'too late' }))).toEqual({
      status: 409,
      code: 'live_chat_closed',
    });
    const disabled = await newStream();
    await owner.sdk.liveStreams.disable(disabled);
    expect(await errorOf(await post(disabled, ada, { text: 'hello?' }))).toEqual({
      status: 409,
      code: 'live_chat_closed',
    });
    // What was said stays readable, and nothing refused was stored.
    expect((await list(streamId, ada)).data).toEqual([said]);
    const stored = await harness.reel.ctx.database.db
      .select({ text: liveChatMessages.text })
      .from(liveChatMessages)
      .where(eq(liveChatMessages.liveStreamId, streamId));
    expect(stored).toEqual([{ text: 'see you next time' }]);
  });

  it('limits each viewer to REEL_CHAT_RATE_LIMIT messages a minute, apart from other viewers', async () => {
    const streamId = await newStream();
    const spammer = await owner.viewer('spammer');
    const statuses: number[] = [];
    for (let i = 0; i <= CHAT_LIMIT; i++) {
      statuses.push((await post(streamId, spammer, { text: `spam ${i}` })).status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(CHAT_LIMIT);
    const refused = await post(streamId, spammer, { text: 'more' });
    expect(await errorOf(refused)).toEqual({ status: 429, code: 'rate_limited' });
    expect(statuses.at(-1)).toBe(429);
    await posted(streamId, await owner.viewer('calm'), 'still here');
    expect((await list(streamId, spammer, '?limit=100')).data).toHaveLength(CHAT_LIMIT + 1);
  });

  it('refuses garbage, NUL bytes, control characters and text out of bounds with 400', async () => {
    const streamId = await newStream();
    const ada = await owner.viewer('ada');
    const bodies: unknown[] = [
      { text: '' },
      { text: 'x'.repeat(501) },
      { text: 'nul\u0000byte' },
      { text: 'two\nlines' },
      { text: 'bell\u0007' },
      { text: '   ' },
      { text: 1e308 },
      { text: ['a'] },
      { text: 'ok', extra: true },
      {},
      null,
    ];
    for (const body of bodies) {
      const response = await post(streamId, ada, body);
      expect({ body, status: response.status }).toEqual({ body, status: 400 });
    }
    const notJson = await fetch(`${harness.url}${chatPath(streamId)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${ada}`, 'content-type': 'application/json' },
      body: '{"text": "unterminated',
    });
    expect(notJson.status).toBe(400);
    expect((await posted(streamId, ada, 'x'.repeat(500))).text).toHaveLength(500);

    for (const query of ['?cursor=garbage', '?after=nope']) {
      const response = await call(harness, 'GET', `${chatPath(streamId)}${query}`, { token: ada });
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
    }
    const unknownAfter = await call(
      harness,
      'GET',
      `${chatPath(streamId)}?after=${crypto.randomUUID()}`,
      {
        token: ada,
      },
    );
    expect(unknownAfter.status).toBe(404);
    const badId = await call(harness, 'POST', chatPath('not-a-uuid'), {
      token: ada,
      body: { text: 'hi' },
    });
    expect(badId.status).toBe(400);
    // A recording's replay: an unknown video, a malformed id, a made-up cursor.
    expect((await call(harness, 'GET', `/v1/videos/${crypto.randomUUID()}/chat`)).status).toBe(404);
    expect((await call(harness, 'GET', '/v1/videos/nope/chat')).status).toBe(400);
    const madeUp = await asOwner('GET', `/v1/videos/${crypto.randomUUID()}/chat?cursor=%00`);
    expect(madeUp.status).toBe(400);
    const forged = `${ada.slice(0, -6)}AAAAAA`;
    expect((await post(streamId, forged, { text: 'hi' })).status).toBe(401);
  });

  it("finds nothing on another tenant's stream, whoever asks", async () => {
    const streamId = await newStream();
    const mine = await posted(streamId, await owner.viewer('ada'), 'mine');
    // The same user id, signed by another tenant.
    const outsider = await stranger.viewer('ada');
    expect((await post(streamId, outsider, { text: 'hi' })).status).toBe(404);
    const listed = await call(harness, 'GET', chatPath(streamId), { token: outsider });
    expect(listed.status).toBe(404);
    const streamed = await fetch(`${harness.url}/v1/live-streams/${streamId}/chat/stream`, {
      headers: { authorization: `Bearer ${outsider}` },
    });
    expect(streamed.status).toBe(404);
    const deleted = await fetch(`${harness.url}${chatPath(streamId)}/${mine.message_id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${stranger.apiKey}` },
    });
    expect(deleted.status).toBe(404);
    // A message id of another stream of the same tenant is not found either.
    const otherStream = await newStream();
    expect((await asOwner('DELETE', `${chatPath(otherStream)}/${mine.message_id}`)).status).toBe(
      404,
    );
    expect((await list(streamId, await owner.viewer('bob'))).data).toEqual([mine]);
  });
});

describe('anonymous watchers', () => {
  it("read a public stream's chat and follow it, never a signed one's, and cannot post", async () => {
    const streamId = await newStream();
    const ada = await owner.viewer('ada');
    const hello = await posted(streamId, ada, 'hello out there');
    const listed = await call(harness, 'GET', chatPath(streamId));
    expect(listed.status).toBe(200);
    expect(await listed.json()).toEqual({ data: [hello], next_cursor: null });
    const watcher = await listen(streamId, {});
    const live = await posted(streamId, ada, 'can you hear me?');
    const arrived = await until('the anonymous listener gets it', () =>
      watcher.events.find((e) => e.id === live.message_id),
    );
    expect(arrived).toMatchObject({ event: 'message', data: live });

    // Posting takes a viewer token with `chat`: none, another scope, or a forged one is refused.
    expect(await errorOf(await post(streamId, '', { text: 'me too' }))).toEqual({
      status: 401,
      code: 'unauthorized',
    });
    const anonymousPost = await fetch(`${harness.url}${chatPath(streamId)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'me too' }),
    });
    expect(await errorOf(anonymousPost)).toEqual({ status: 401, code: 'unauthorized' });
    const likesOnly = await owner.viewer('ada', ['likes']);
    expect(await errorOf(await post(streamId, likesOnly, { text: 'me too' }))).toEqual({
      status: 403,
      code: 'insufficient_scope',
    });
    // A bad credential is refused, never read as none.
    const forged = `${ada.slice(0, -6)}AAAAAA`;
    expect((await call(harness, 'GET', chatPath(streamId), { token: forged })).status).toBe(401);
    const forgedStream = await fetch(`${harness.url}/v1/live-streams/${streamId}/chat/stream`, {
      headers: { authorization: `Bearer ${forged}` },
    });
    expect(forgedStream.status).toBe(401);
    expect((await call(harness, 'GET', `${chatPath(streamId)}?after=%00`)).status).toBe(400);
    expect((await call(harness, 'GET', chatPath(crypto.randomUUID()))).status).toBe(404);
    expect((await list(streamId, ada)).data.map((m) => m.text)).toEqual([
      'can you hear me?',
      'hello out there',
    ]);

    // A signed stream's chat reads as missing to them; its viewers and the tenant still read it.
    const signed = (
      await owner.sdk.liveStreams.create({ title: 'Members only', playback_policy: 'signed' })
    ).live_stream_id;
    const secret = await posted(signed, ada, 'members only');
    expect(await errorOf(await call(harness, 'GET', chatPath(signed)))).toEqual({
      status: 404,
      code: 'not_found',
    });
    // The event stream asks for a credential instead, as it can take a ticket.
    const hidden = await fetch(`${harness.url}/v1/live-streams/${signed}/chat/stream`);
    expect(await errorOf(hidden)).toEqual({ status: 401, code: 'unauthorized' });
    const byKey = await call(harness, 'GET', chatPath(signed), { token: owner.apiKey });
    expect(((await byKey.json()) as Page).data).toEqual([secret]);
    const member = await listen(signed, { authorization: `Bearer ${await owner.viewer('bob')}` });
    const next = await posted(signed, ada, 'still members only');
    await until('a viewer of the tenant follows the signed chat', () =>
      member.events.some((e) => e.id === next.message_id),
    );
    expect(member.events.map((e) => e.id)).toEqual([next.message_id]);
    const outsider = await call(harness, 'GET', chatPath(signed), {
      token: await stranger.viewer('bob'),
    });
    expect(outsider.status).toBe(404);
  });
});

describe('the live chat stream', () => {
  it('brings each message to two listeners within a second, and deletions, and replays after Last-Event-ID', async () => {
    const streamId = await newStream();
    const viewer = await owner.viewer('watcher');
    const ticketed = await call(harness, 'POST', '/v1/viewer/notifications/stream-tickets', {
      token: viewer,
    });
    const { ticket } = (await ticketed.json()) as { ticket: string };
    const first = await listen(streamId, { authorization: `Bearer ${viewer}` });
    const secondByTicket = await openStream(
      `${harness.url}/v1/live-streams/${streamId}/chat/stream?ticket=${encodeURIComponent(ticket)}`,
      {},
    );
    opened.push(secondByTicket);
    expect(secondByTicket.response.status).toBe(200);

    const poster = await owner.viewer('poster');
    // From the POST's answer (negative: the event came first) and from its sending.
    const delays: number[] = [];
    const fromSending: number[] = [];
    const sent: Message[] = [];
    for (let i = 0; i < 12; i++) {
      const sentAt = Date.now();
      const message = await posted(streamId, poster, `message ${i}`);
      const answeredAt = Date.now();
      sent.push(message);
      const arrived = await until(
        `message ${i} reaches the second listener`,
        () => secondByTicket.events.find((e) => e.id === message.message_id),
        5_000,
      );
      delays.push(arrived.at - answeredAt);
      fromSending.push(arrived.at - sentAt);
    }
    const p50 = percentile(delays, 50);
    console.log(
      `live chat delivery to the second listener over ${delays.length}: from the POST answer p50 ${p50} ms, max ${Math.max(...delays)} ms; from sending the POST p50 ${percentile(fromSending, 50)} ms, max ${Math.max(...fromSending)} ms`,
    );
    expect(p50).toBeLessThan(1000);
    await until('the first listener has them all', () => first.events.length >= sent.length);
    expect(first.events.map((e) => [e.event, e.id])).toEqual(
      sent.map((m) => ['message', m.message_id]),
    );
    expect(first.events[0]?.data).toEqual(sent[0]);

    const gone = sent[3] as Message;
    expect((await asOwner('DELETE', `${chatPath(streamId)}/${gone.message_id}`)).status).toBe(204);
    for (const listener of [first, secondByTicket]) {
      const deletion = await until('the deletion arrives', () =>
        listener.events.find((e) => e.event === 'deleted'),
      );
      expect(deletion.id).toBe(gone.message_id);
      expect(deletion.data).toMatchObject({ message_id: gone.message_id, text: '' });
    }

    // A reconnect after the second message gets the rest once, the deleted one left out.
    const resumed = await listen(streamId, {
      authorization: `Bearer ${viewer}`,
      'last-event-id': (sent[1] as Message).message_id,
    });
    const expected = sent.slice(2).filter((m) => m !== gone);
    await until('the replay arrives', () => resumed.events.length >= expected.length);
    const live = await posted(streamId, poster, 'after the replay');
    await until('the live one follows', () => resumed.events.some((e) => e.id === live.message_id));
    expect(resumed.events.map((e) => e.id)).toEqual([
      ...expected.map((m) => m.message_id),
      live.message_id,
    ]);
  });
});
