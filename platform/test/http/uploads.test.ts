import { createHash, randomBytes } from 'node:crypto';
import type { Reel } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { failure } from '../support/failure.js';
import { type Harness, startHarness } from '../support/harness.js';

const MiB = 1024 * 1024;
let harness: Harness;
let sdk: Reel;
let otherSdk: Reel;
let apiKey: string;

beforeAll(async () => {
  // No transcode worker: these tests are about the upload routes, not media.
  harness = await startHarness({ roles: ['relay'] });
  const owner = await harness.tenant();
  sdk = owner.sdk;
  apiKey = owner.apiKey;
  otherSdk = (await harness.tenant()).sdk;
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function newUpload(bytes: Uint8Array, over: { sha256?: string } = {}) {
  return sdk.uploads.create({
    filename: 'clip.mp4',
    size_bytes: bytes.length,
    mime: 'video/mp4',
    sha256: over.sha256 ?? sha(bytes),
    part_size_bytes: 5 * MiB,
  });
}

describe('creating uploads', () => {
  it('returns a signed URL per part and the video id up front', async () => {
    const bytes = randomBytes(11 * MiB);
    const upload = await newUpload(bytes);
    expect(upload.status).toBe('pending');
    expect(upload.part_count).toBe(3);
    expect(upload.parts.map((p) => p.part_number)).toEqual([1, 2, 3]);
    expect((await sdk.videos.get(upload.video_id)).status).toBe('waiting_for_upload');
  });

  it('gives the new video the title, visibility and playback policy the tenant set', async () => {
    const upload = await sdk.uploads.create({
      filename: 'clip.mp4',
      size_bytes: 10,
      mime: 'video/mp4',
      title: 'Set at create',
      visibility: 'unlisted',
      playback_policy: 'signed',
      auto_publish: false,
    });
    expect(await sdk.videos.get(upload.video_id)).toMatchObject({
      title: 'Set at create',
      visibility: 'unlisted',
      playback_policy: 'signed',
      auto_publish: false,
    });
    const refused = await failure(
      sdk.uploads.create({
        filename: 'clip.mp4',
        size_bytes: 10,
        mime: 'video/mp4',
        visibility: 'secret' as 'private',
      }),
    );
    expect(refused).toMatchObject({ status: 400, code: 'invalid_request' });
  });

  it('answers 413 for a file over the size limit, before any byte moves', async () => {
    const error = await failure(
      sdk.uploads.create({
        filename: 'big.mp4',
        size_bytes: 201 * MiB,
        mime: 'video/mp4',
        sha256: 'a'.repeat(64),
      }),
    );
    expect(error.status).toBe(413);
    expect(error.code).toBe('upload_too_large');
  });

  it('answers 400 with the field for a malformed request', async () => {
    const error = await failure(
      sdk.uploads.create({
        filename: 'x.mp4',
        size_bytes: 10,
        mime: 'video/mp4',
        sha256: 'not-a-hash',
      }),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('invalid_request');
    expect(error.message).toContain('sha256');
  });

  it('returns the same upload for the same Idempotency-Key, and refuses it for another file', async () => {
    const body = {
      filename: 'same.mp4',
      size_bytes: 6 * MiB,
      mime: 'video/mp4',
      sha256: 'b'.repeat(64),
    };
    const first = await sdk.uploads.create(body, { idempotencyKey: 'key-1' });
    const again = await sdk.uploads.create(body, { idempotencyKey: 'key-1' });
    expect(again.upload_id).toBe(first.upload_id);
    const error = await failure(
      sdk.uploads.create({ ...body, size_bytes: 7 * MiB }, { idempotencyKey: 'key-1' }),
    );
    expect(error.status).toBe(422);
    expect(error.code).toBe('idempotency_key_reused');
  });

  it('needs a valid API key', async () => {
    for (const authorization of [undefined, 'Bearer nope', `Bearer ${apiKey.slice(0, -1)}x`]) {
      const response = await contractFetch(`${harness.url}/v1/uploads`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(authorization && { authorization }) },
        body: JSON.stringify({
          filename: 'x.mp4',
          size_bytes: 10,
          mime: 'video/mp4',
          sha256: 'c'.repeat(64),
        }),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ code: 'unauthorized', message: expect.any(String) });
    }
  });
});

describe('sending parts', () => {
  it('resumes: list parts shows what is stored, in any order', async () => {
    const bytes = randomBytes(11 * MiB);
    const upload = await newUpload(bytes);
    await sdk.uploads.putPart(upload.parts[2]?.url ?? '', bytes.subarray(10 * MiB));
    await sdk.uploads.putPart(upload.parts[0]?.url ?? '', bytes.subarray(0, 5 * MiB));
    const stored = await sdk.uploads.listParts(upload.upload_id).all();
    expect(stored.map((p) => [p.part_number, p.size_bytes])).toEqual([
      [1, 5 * MiB],
      [3, MiB],
    ]);
    expect(stored[0]?.etag).toBe(
      createHash('md5')
        .update(bytes.subarray(0, 5 * MiB))
        .digest('hex'),
    );
  });

  it('refuses a part of the wrong size and keeps nothing of it', async () => {
    const bytes = randomBytes(11 * MiB);
    const upload = await newUpload(bytes);
    const error = await failure(
      sdk.uploads.putPart(upload.parts[0]?.url ?? '', bytes.subarray(0, 4 * MiB)),
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe('part_size_mismatch');
    const tooBig = await failure(
      sdk.uploads.putPart(upload.parts[0]?.url ?? '', bytes.subarray(0, 6 * MiB)),
    );
    expect(tooBig.status).toBe(413);
    expect(await sdk.uploads.listParts(upload.upload_id).all()).toEqual([]);
  });

  it('refuses a forged, tampered or expired part URL with 403', async () => {
    const bytes = randomBytes(6 * MiB);
    const upload = await newUpload(bytes);
    const url = new URL(upload.parts[0]?.url ?? '');
    const forged = new URL(url);
    forged.searchParams.set('signature', 'A'.repeat(43));
    const otherPart = new URL(url.href.replace('/parts/1?', '/parts/2?'));
    const expired = new URL(url);
    expired.searchParams.set('expires', '1000');
    for (const bad of [forged, otherPart, expired]) {
      const error = await failure(sdk.uploads.putPart(bad.href, bytes.subarray(0, 5 * MiB)));
      expect(error.status).toBe(403);
    }
  });

  it('signs part URLs again, and only for parts that exist', async () => {
    const upload = await newUpload(randomBytes(6 * MiB));
    const { parts } = await sdk.uploads.signParts(upload.upload_id, [2]);
    expect(parts[0]?.url).toContain('/parts/2?');
    expect((await failure(sdk.uploads.signParts(upload.upload_id, [3]))).status).toBe(400);
  });
});

describe('completing', () => {
  it('one request completes at a time; abort and the expiry sweep wait; a dead claim lapses', async () => {
    const bytes = randomBytes(6 * MiB);
    const upload = await newUpload(bytes);
    await sdk.uploads.putPart(upload.parts[0]?.url ?? '', bytes.subarray(0, 5 * MiB));
    await sdk.uploads.putPart(upload.parts[1]?.url ?? '', bytes.subarray(5 * MiB));
    // As if another complete were hashing the file right now.
    const claim = (interval: string) =>
      harness.reel.ctx.database.pool.query(
        `update uploads set completing_until = now() + $2::interval where id = $1`,
        [upload.upload_id, interval],
      );
    await claim('1 minute');
    for (const refused of [
      () => sdk.uploads.complete(upload.upload_id),
      () => sdk.uploads.abort(upload.upload_id),
    ]) {
      expect(await failure(refused())).toMatchObject({ status: 409, code: 'upload_completing' });
    }
    expect((await sdk.uploads.get(upload.upload_id)).status).toBe('pending');
    // The request holding it died: its claim lapses, and completing works.
    await claim('-1 second');
    expect((await sdk.uploads.complete(upload.upload_id)).status).toBe('processing');
    expect((await sdk.uploads.complete(upload.upload_id)).status).toBe('processing');
  });

  it('409 names the missing parts', async () => {
    const bytes = randomBytes(11 * MiB);
    const upload = await newUpload(bytes);
    await sdk.uploads.putPart(upload.parts[1]?.url ?? '', bytes.subarray(5 * MiB, 10 * MiB));
    const error = await failure(sdk.uploads.complete(upload.upload_id));
    expect(error.status).toBe(409);
    expect(error.code).toBe('missing_parts');
    expect(error.details).toEqual({ missing_parts: [1, 3] });
    expect((await sdk.uploads.get(upload.upload_id)).status).toBe('pending');
  });

  it('422 on a checksum mismatch, and the upload and video are marked failed', async () => {
    const bytes = randomBytes(6 * MiB);
    const upload = await newUpload(bytes, { sha256: 'd'.repeat(64) });
    for (const part of upload.parts) {
      const start = (part.part_number - 1) * 5 * MiB;
      await sdk.uploads.putPart(part.url, bytes.subarray(start, start + 5 * MiB));
    }
    const error = await failure(sdk.uploads.complete(upload.upload_id));
    expect(error.status).toBe(422);
    expect(error.code).toBe('checksum_mismatch');
    expect(error.details?.actual_sha256).toBe(sha(bytes));
    expect(await sdk.uploads.get(upload.upload_id)).toMatchObject({
      status: 'failed',
      error: { code: 'checksum_mismatch' },
    });
    expect(await sdk.videos.get(upload.video_id)).toMatchObject({
      status: 'failed',
      error: { code: 'checksum_mismatch' },
    });
  });

  it('moves the video to processing, once, however often it is called', async () => {
    const bytes = randomBytes(6 * MiB);
    const upload = await newUpload(bytes);
    for (const part of upload.parts) {
      const start = (part.part_number - 1) * 5 * MiB;
      await sdk.uploads.putPart(part.url, bytes.subarray(start, start + 5 * MiB));
    }
    const [a, b] = await Promise.all([
      sdk.uploads.complete(upload.upload_id),
      sdk.uploads.complete(upload.upload_id),
    ]);
    expect(a.status).toBe('processing');
    expect(b.status).toBe('processing');
    expect((await sdk.uploads.get(upload.upload_id)).status).toBe('completed');
    const events = await harness.reel.ctx.database.pool.query(
      `select count(*)::int as n from outbox where topic = 'transcode.requested' and key = $1`,
      [upload.video_id],
    );
    expect(events.rows[0].n).toBe(1);
    // A completed upload takes no more parts.
    const late = await failure(
      sdk.uploads.putPart(upload.parts[0]?.url ?? '', bytes.subarray(0, 5 * MiB)),
    );
    expect(late.status).toBe(409);
  });

  it('aborts: parts dropped, the video gone, aborting again is fine', async () => {
    const bytes = randomBytes(6 * MiB);
    const upload = await newUpload(bytes);
    await sdk.uploads.putPart(upload.parts[0]?.url ?? '', bytes.subarray(0, 5 * MiB));
    expect((await sdk.uploads.abort(upload.upload_id)).status).toBe('aborted');
    expect((await sdk.uploads.abort(upload.upload_id)).status).toBe('aborted');
    expect((await failure(sdk.videos.get(upload.video_id))).status).toBe(404);
    expect((await failure(sdk.uploads.complete(upload.upload_id))).status).toBe(409);
  });
});

describe('tenants are walled off', () => {
  it("another tenant's upload ids answer 404, like ids that do not exist", async () => {
    const upload = await newUpload(randomBytes(6 * MiB));
    const unknown = '00000000-0000-4000-8000-000000000000';
    for (const id of [upload.upload_id, unknown]) {
      expect((await failure(otherSdk.uploads.get(id))).status).toBe(404);
      expect((await failure(otherSdk.uploads.listParts(id).all())).status).toBe(404);
      expect((await failure(otherSdk.uploads.signParts(id, [1]))).status).toBe(404);
      expect((await failure(otherSdk.uploads.complete(id))).status).toBe(404);
      expect((await failure(otherSdk.uploads.abort(id))).status).toBe(404);
    }
    expect((await sdk.uploads.get(upload.upload_id)).status).toBe('pending');
  });

  it('a malformed id is a 400, not a server error', async () => {
    expect((await failure(sdk.uploads.get('../../etc/passwd'))).status).toBe(400);
  });
});

describe('upload tokens (the direct-upload flow)', () => {
  const tokenFetch = (token: string, path: string, init: RequestInit = {}) =>
    contractFetch(`${harness.url}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(init.headers as object),
      },
    });

  it('drive their own upload end to end with no API key, the checksum given at complete', async () => {
    const bytes = randomBytes(6 * MiB);
    const upload = await sdk.uploads.create({
      filename: 'browser.mp4',
      size_bytes: bytes.length,
      mime: 'video/mp4',
      part_size_bytes: 5 * MiB,
    });
    expect(upload.upload_token).toMatch(/^reel_ut_/);
    expect(upload.sha256).toBeNull();
    const token = upload.upload_token;
    expect((await tokenFetch(token, `/v1/uploads/${upload.upload_id}`)).status).toBe(200);
    const signed = (await (
      await tokenFetch(token, `/v1/uploads/${upload.upload_id}/parts/sign`, {
        method: 'POST',
        body: JSON.stringify({ part_numbers: [1, 2] }),
      })
    ).json()) as { parts: { url: string }[] };
    await sdk.uploads.putPart(signed.parts[0]?.url ?? '', bytes.subarray(0, 5 * MiB));
    await sdk.uploads.putPart(signed.parts[1]?.url ?? '', bytes.subarray(5 * MiB));
    const listed = (await (
      await tokenFetch(token, `/v1/uploads/${upload.upload_id}/parts`)
    ).json()) as { data: unknown[] };
    expect(listed.data).toHaveLength(2);
    const withoutChecksum = await tokenFetch(token, `/v1/uploads/${upload.upload_id}/complete`, {
      method: 'POST',
      body: '{}',
    });
    expect(withoutChecksum.status).toBe(422);
    expect(await withoutChecksum.json()).toMatchObject({ code: 'checksum_required' });
    const done = await tokenFetch(token, `/v1/uploads/${upload.upload_id}/complete`, {
      method: 'POST',
      body: JSON.stringify({ sha256: sha(bytes) }),
    });
    expect(done.status).toBe(200);
    expect(((await done.json()) as { status: string }).status).toBe('processing');
  });

  it('open nothing else: other uploads, videos, keys; forged or expired tokens are 401', async () => {
    const a = await newUpload(randomBytes(6 * MiB));
    const b = await newUpload(randomBytes(6 * MiB));
    expect((await tokenFetch(a.upload_token, `/v1/uploads/${b.upload_id}`)).status).toBe(404);
    expect((await tokenFetch(a.upload_token, `/v1/videos/${a.video_id}`)).status).toBe(401);
    expect((await tokenFetch(a.upload_token, '/v1/api-keys')).status).toBe(401);
    const [head, exp, origin, sig] = a.upload_token.split('.');
    const stretched = `${head}.${Number(exp) + 3600}.${origin}.${sig}`;
    expect((await tokenFetch(stretched, `/v1/uploads/${a.upload_id}`)).status).toBe(401);
    expect(
      (await tokenFetch(`${a.upload_token.slice(0, -2)}xx`, `/v1/uploads/${a.upload_id}`)).status,
    ).toBe(401);
  });

  it('are bound to the CORS origin the tenant named', async () => {
    const upload = await sdk.uploads.create({
      filename: 'o.mp4',
      size_bytes: 6 * MiB,
      mime: 'video/mp4',
      cors_origin: 'https://app.example.com',
    });
    const path = `/v1/uploads/${upload.upload_id}`;
    expect(
      (
        await tokenFetch(upload.upload_token, path, {
          headers: { origin: 'https://app.example.com' },
        })
      ).status,
    ).toBe(200);
    const foreign = await tokenFetch(upload.upload_token, path, {
      headers: { origin: 'https://evil.example' },
    });
    expect(foreign.status).toBe(403);
    expect(await foreign.json()).toMatchObject({ code: 'origin_not_allowed' });
  });
});
