import { ReelError } from '@reel/sdk';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveStreams } from '../../src/db/schema.js';
import { hashStreamKey } from '../../src/domain/stream-keys.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness } from '../support/harness.js';

let harness: Harness;
let tenant: Awaited<ReturnType<Harness['tenant']>>;

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  tenant = await harness.tenant();
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const failure = (call: Promise<unknown>) =>
  call.then(
    () => expect.fail('the call succeeded'),
    (error: unknown) => {
      expect(error).toBeInstanceOf(ReelError);
      return error as ReelError;
    },
  );

describe('live streams as a resource', () => {
  it('creates an idle stream whose key is shown once and stored only as a hash', async () => {
    const created = await tenant.sdk.liveStreams.create({ title: 'Launch', latency: 'standard' });
    expect(created).toMatchObject({
      title: 'Launch',
      status: 'idle',
      latency: 'standard',
      channel_id: null,
      rtmp_url: harness.config.live.rtmpUrl,
      // This Reel takes no SRT.
      srt_url: null,
    });
    expect(created.stream_key).toMatch(/^reel_live_[A-Za-z0-9_-]{43}$/);
    const [row] = await harness.reel.ctx.database.db
      .select()
      .from(liveStreams)
      .where(eq(liveStreams.id, created.live_stream_id));
    expect(row?.streamKeyHash).toBe(hashStreamKey(created.stream_key));
    expect(JSON.stringify(row)).not.toContain(created.stream_key);
    const got = await tenant.sdk.liveStreams.get(created.live_stream_id);
    expect(got).not.toHaveProperty('stream_key');
    expect(got.status).toBe('idle');
  });

  it('lists newest first, a page at a time', async () => {
    const other = await harness.tenant();
    const made = [];
    for (const title of ['one', 'two', 'three']) {
      made.push((await other.sdk.liveStreams.create({ title })).live_stream_id);
    }
    const first = await other.sdk.liveStreams.list({ limit: 2 }).all();
    expect(first.map((s) => s.live_stream_id)).toEqual(made.reverse());
  });

  it('changes title, latency and channel; an unknown channel is 404', async () => {
    const stream = await tenant.sdk.liveStreams.create({ title: 'Before' });
    const channel = await tenant.sdk.channels.create({
      handle: `live-${crypto.randomUUID().slice(0, 8)}`,
      title: 'Live channel',
    });
    const changed = await tenant.sdk.liveStreams.update(stream.live_stream_id, {
      title: 'After',
      latency: 'standard',
      channel_id: channel.channel_id,
    });
    expect(changed).toMatchObject({
      title: 'After',
      latency: 'standard',
      channel_id: channel.channel_id,
    });
    const missing = await failure(
      tenant.sdk.liveStreams.update(stream.live_stream_id, { channel_id: crypto.randomUUID() }),
    );
    expect(missing.status).toBe(404);
    const unknownOnCreate = await failure(
      tenant.sdk.liveStreams.create({ title: 'x', channel_id: crypto.randomUUID() }),
    );
    expect(unknownOnCreate.status).toBe(404);
  });

  it("refuses another tenant's channel", async () => {
    const stranger = await harness.tenant();
    const theirs = await stranger.sdk.channels.create({
      handle: `theirs-${crypto.randomUUID().slice(0, 8)}`,
      title: 'Theirs',
    });
    const refused = await failure(
      tenant.sdk.liveStreams.create({ title: 'x', channel_id: theirs.channel_id }),
    );
    expect(refused).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('resets the key: the new one replaces the old hash', async () => {
    const stream = await tenant.sdk.liveStreams.create({ title: 'Keys' });
    const reset = await tenant.sdk.liveStreams.resetStreamKey(stream.live_stream_id);
    expect(reset.stream_key).not.toBe(stream.stream_key);
    const [row] = await harness.reel.ctx.database.db
      .select({ hash: liveStreams.streamKeyHash })
      .from(liveStreams)
      .where(eq(liveStreams.id, stream.live_stream_id));
    expect(row?.hash).toBe(hashStreamKey(reset.stream_key));
  });

  it('disables for good, and disabling again answers the same stream', async () => {
    const stream = await tenant.sdk.liveStreams.create({ title: 'Off' });
    const disabled = await tenant.sdk.liveStreams.disable(stream.live_stream_id);
    expect(disabled.status).toBe('disabled');
    const again = await tenant.sdk.liveStreams.disable(stream.live_stream_id);
    expect(again).toEqual(disabled);
  });

  it('deletes once; the second delete and a get are 404', async () => {
    const stream = await tenant.sdk.liveStreams.create({ title: 'Gone' });
    await tenant.sdk.liveStreams.delete(stream.live_stream_id);
    expect((await failure(tenant.sdk.liveStreams.delete(stream.live_stream_id))).status).toBe(404);
    expect((await failure(tenant.sdk.liveStreams.get(stream.live_stream_id))).status).toBe(404);
  });

  it('answers bad input with 400 and the error shape', async () => {
    const post = (body: string) =>
      contractFetch(`${harness.url}/v1/live-streams`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
        body,
      });
    for (const body of [
      '{}',
      JSON.stringify({ title: '' }),
      JSON.stringify({ title: 'x'.repeat(201) }),
      JSON.stringify({ title: 'x', latency: 'ultra' }),
      JSON.stringify({ title: 'x', record: 'yes' }),
      JSON.stringify({ title: 'x', channel_id: 'not-a-uuid' }),
      JSON.stringify({ title: 'x', extra: 1 }),
      '{"title":"a\u0000b"',
    ]) {
      const response = await post(body);
      expect(response.status, body).toBe(400);
      expect(await response.json()).toMatchObject({
        code: expect.any(String),
        message: expect.any(String),
      });
    }
    const badId = await contractFetch(`${harness.url}/v1/live-streams/not-a-uuid`, {
      headers: { authorization: `Bearer ${tenant.apiKey}` },
    });
    expect(badId.status).toBe(400);
    const emptyPatch = await contractFetch(
      `${harness.url}/v1/live-streams/${crypto.randomUUID()}`,
      {
        method: 'PATCH',
        headers: { authorization: `Bearer ${tenant.apiKey}`, 'content-type': 'application/json' },
        body: '{}',
      },
    );
    expect(emptyPatch.status).toBe(400);
  });
});
