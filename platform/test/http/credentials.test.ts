import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Reel, ReelOperator, ReelViewer, signViewerToken } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { failure } from '../support/failure.js';
import { type Harness, startHarness, TEST_OPERATOR_TOKEN } from '../support/harness.js';

const run = promisify(execFile);
let harness: Harness;
let operator: ReelOperator;
const client = (apiKey: string) =>
  new Reel({ apiKey, baseUrl: harness.url, fetch: contractFetch, maxRetries: 0 });

beforeAll(async () => {
  harness = await startHarness({ roles: ['relay'] });
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

describe('operators and tenants', () => {
  it('creates tenants whose keys work, lists them, suspends them at once', async () => {
    const created = await operator.tenants.create({ name: 'Acme Video' });
    expect(created.api_key).toMatch(/^reel_sk_/);
    const acme = client(created.api_key);
    expect(await acme.videos.list().all()).toEqual([]);
    const listed = await operator.tenants.list().all();
    expect(listed.map((t) => t.tenant_id)).toContain(created.tenant_id);
    expect(JSON.stringify(listed)).not.toContain('reel_sk_');
    const suspended = await operator.tenants.suspend(created.tenant_id);
    expect(suspended.suspended_at).not.toBeNull();
    expect((await failure(acme.videos.list().all())).status).toBe(401);
    expect((await operator.tenants.suspend(created.tenant_id)).suspended_at).toBe(
      suspended.suspended_at,
    );
  });

  it('refuses operator routes to anyone without the operator token, API keys included', async () => {
    const { apiKey } = await harness.tenant();
    for (const token of ['', 'wrong', apiKey, `${TEST_OPERATOR_TOKEN}x`]) {
      const response = await contractFetch(`${harness.url}/v1/tenants`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(401);
    }
  });

  it('`reel tenants create --json` prints the new tenant and its key', async () => {
    const cli = fileURLToPath(new URL('../../bin/reel.mjs', import.meta.url));
    const { stdout } = await run(
      process.execPath,
      [cli, 'tenants', 'create', '--name', 'From CLI', '--json'],
      {
        env: {
          ...process.env,
          REEL_API_URL: harness.url,
          REEL_OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
        },
      },
    );
    const line = JSON.parse(stdout) as { tenant_id: string; api_key: string };
    expect(Object.keys(line).sort()).toEqual(['api_key', 'tenant_id']);
    expect(await client(line.api_key).videos.list().all()).toEqual([]);
  });
});

describe('API keys', () => {
  it('shows a secret once, lists without it, records last use, revokes at once', async () => {
    const { sdk } = await harness.tenant();
    const created = await sdk.apiKeys.create({ name: 'ci', scope: 'full' });
    expect(created.key).toMatch(/^reel_sk_[A-Za-z0-9_-]{43}[0-9a-f]{8}$/);
    expect(created.key.startsWith(created.prefix)).toBe(true);
    const ci = client(created.key);
    await ci.videos.list().all();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const listed = await sdk.apiKeys.list().all();
    expect(JSON.stringify(listed)).not.toContain(created.key);
    expect(listed.find((k) => k.key_id === created.key_id)?.last_used_at).not.toBeNull();
    await sdk.apiKeys.revoke(created.key_id);
    expect((await failure(ci.videos.list().all())).status).toBe(401);
    expect(
      (await sdk.apiKeys.list().all()).find((k) => k.key_id === created.key_id)?.revoked_at,
    ).not.toBeNull();
  });

  it('answers every authentication failure with the same body', async () => {
    const { sdk } = await harness.tenant();
    const revoked = await sdk.apiKeys.create({ name: 'old' });
    await sdk.apiKeys.revoke(revoked.key_id);
    const bodies = new Set<string>();
    for (const header of [
      '',
      'Bearer ',
      'Basic abc',
      'Bearer reel_sk_nope',
      `Bearer ${revoked.key}`,
      `Bearer ${revoked.key.slice(0, -1)}0`,
    ]) {
      const response = await contractFetch(`${harness.url}/v1/videos`, {
        headers: header ? { authorization: header } : {},
      });
      expect(response.status).toBe(401);
      bodies.add(await response.text());
    }
    expect(bodies.size).toBe(1);
  });

  it('enforces scopes: read-only reads, upload-only uploads', async () => {
    const { sdk } = await harness.tenant();
    const reader = client((await sdk.apiKeys.create({ name: 'r', scope: 'read_only' })).key);
    const uploader = client((await sdk.apiKeys.create({ name: 'u', scope: 'upload_only' })).key);
    const body = {
      filename: 'a.mp4',
      size_bytes: 6_000_000,
      mime: 'video/mp4',
      sha256: 'a'.repeat(64),
    };
    expect(await reader.videos.list().all()).toBeDefined();
    expect(await failure(reader.uploads.create(body))).toMatchObject({
      status: 403,
      code: 'insufficient_scope',
    });
    expect(await failure(reader.apiKeys.create({ name: 'escalate' }))).toMatchObject({
      status: 403,
    });
    const upload = await uploader.uploads.create(body);
    expect((await uploader.uploads.get(upload.upload_id)).status).toBe('pending');
    expect(await failure(uploader.videos.list().all())).toMatchObject({
      status: 403,
      code: 'insufficient_scope',
    });
    expect(await failure(uploader.apiKeys.list().all())).toMatchObject({ status: 403 });
  });
});

describe('viewer tokens', () => {
  it('identify a viewer to Reel from a browser', async () => {
    const { sdk, tenantId } = await harness.tenant();
    const created = await sdk.signingKeys.create({ algorithm: 'RS256' });
    const token = await signViewerToken(
      { keyId: created.key_id, privateKey: created.private_key },
      { viewerId: 'user-42', scopes: ['comment'] },
    );
    const viewer = new ReelViewer({
      viewerToken: token,
      baseUrl: harness.url,
      fetch: contractFetch,
    });
    expect(await viewer.me()).toMatchObject({
      tenant_id: tenantId,
      viewer_id: 'user-42',
      scopes: ['comment'],
    });
  });

  it('are refused when expired, forged, or from a deleted key', async () => {
    const { sdk } = await harness.tenant();
    const created = await sdk.signingKeys.create();
    const key = { keyId: created.key_id, privateKey: created.private_key };
    const expired = await signViewerToken(key, { viewerId: 'u', expiresIn: -10 });
    const forged = `${(await signViewerToken(key, { viewerId: 'u' })).slice(0, -4)}AAAA`;
    for (const token of [expired, forged, 'nope']) {
      expect(
        (
          await failure(
            new ReelViewer({
              viewerToken: token,
              baseUrl: harness.url,
              fetch: contractFetch,
              maxRetries: 0,
            }).me(),
          )
        ).status,
      ).toBe(401);
    }
    const good = await signViewerToken(key, { viewerId: 'u' });
    await sdk.signingKeys.delete(created.key_id);
    expect(
      (
        await failure(
          new ReelViewer({
            viewerToken: good,
            baseUrl: harness.url,
            fetch: contractFetch,
            maxRetries: 0,
          }).me(),
        )
      ).status,
    ).toBe(401);
  });
});
