import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signViewerToken } from '@reel/sdk';
import type { FastifyRequest } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractOperation, loadContract } from '../../src/contract/contract.js';
import { authenticate } from '../../src/http/auth.js';
import { type Harness, startHarness } from '../support/harness.js';

/** A contract with one operation per way of declaring `security`. */
function contractDeclaring(security: Record<string, unknown>) {
  const paths = Object.fromEntries(
    Object.entries(security).map(([id, declared]) => [
      `/v1/${id}`,
      { get: { operationId: id, ...(declared !== 'global' && { security: declared }) } },
    ]),
  );
  const dir = mkdtempSync(join(tmpdir(), 'reel-contract-'));
  const path = join(dir, 'openapi.json');
  writeFileSync(path, JSON.stringify({ openapi: '3.1.0', security: [{ apiKey: [] }], paths }));
  return Object.fromEntries(loadContract(path).operations.map((op) => [op.operationId, op]));
}

describe('the contract loader', () => {
  const ops = contractDeclaring({
    optional: [{ apiKey: [] }, { viewerToken: ['likes'] }, {}],
    viewerOnly: [{ viewerToken: [] }],
    public: [],
    global: 'global',
  });

  it('keeps an empty alternative as "anonymous callers too", beside the schemes', () => {
    expect(ops.optional).toMatchObject({
      security: ['apiKey', 'viewerToken'],
      anonymous: true,
      viewerScopes: ['likes'],
    });
  });

  it('reads operations without an empty alternative as needing a credential', () => {
    expect(ops.viewerOnly).toMatchObject({ security: ['viewerToken'], anonymous: false });
    expect(ops.global).toMatchObject({ security: ['apiKey'], anonymous: false, viewerScopes: [] });
  });

  it('keeps `security: []` public, not "anonymous beside schemes"', () => {
    expect(ops.public).toMatchObject({ security: [], anonymous: false });
  });
});

/** An operation open to API keys, viewer tokens (with `scopes`) and anonymous callers. */
const optional = (viewerScopes: string[] = []): ContractOperation => ({
  operationId: 'probeOptional',
  method: 'GET',
  path: '/v1/probe',
  routePath: '/v1/probe',
  security: ['apiKey', 'viewerToken'],
  anonymous: true,
  viewerScopes,
  tags: ['viewers'],
  parameters: [],
  jsonBody: undefined,
  bodyRequired: false,
  rawBody: false,
  jsonResponses: {},
});

let harness: Harness;
let tenant: Awaited<ReturnType<Harness['tenant']>>;
let signing: { keyId: string; privateKey: string };

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  tenant = await harness.tenant();
  const key = await tenant.sdk.signingKeys.create();
  signing = { keyId: key.key_id, privateKey: key.private_key };
});
afterAll(async () => {
  await harness?.stop();
});

const requestWith = (authorization: string | undefined) =>
  ({
    headers: authorization === undefined ? {} : { authorization },
    params: {},
  }) as FastifyRequest;

async function refusal(attempt: Promise<unknown>) {
  const error = (await attempt.then(
    () => ({ status: 'accepted' }),
    (e: unknown) => e,
  )) as { status: number; code: string };
  return { status: error.status, code: error.code };
}

describe('an operation that also serves anonymous callers', () => {
  it('takes a request with no Authorization header as anonymous: no tenant, no viewer', async () => {
    const caller = await authenticate(harness.reel.ctx, requestWith(undefined), optional());
    expect(caller).toEqual({ tenantId: '' });
  });

  it("takes a valid API key as the tenant's caller", async () => {
    const caller = await authenticate(
      harness.reel.ctx,
      requestWith(`Bearer ${tenant.apiKey}`),
      optional(),
    );
    expect(caller.tenantId).toBe(tenant.tenantId);
    expect(caller.keyId).toBeDefined();
    expect(caller.viewer).toBeUndefined();
  });

  it("takes a valid viewer token as that viewer of the token's tenant", async () => {
    const token = await signViewerToken(signing, { viewerId: 'ada' });
    const caller = await authenticate(harness.reel.ctx, requestWith(`Bearer ${token}`), optional());
    expect(caller.tenantId).toBe(tenant.tenantId);
    expect(caller.viewer?.id).toBe('ada');
  });

  it('refuses every bad credential with 401 instead of reading it as none', async () => {
    const valid = await signViewerToken(signing, { viewerId: 'ada' });
    const [head, body, signature] = valid.split('.') as [string, string, string];
    const otherBody = Buffer.from(
      JSON.stringify({ sub: 'someone-else', aud: 'viewer', exp: 4_000_000_000 }),
    ).toString('base64url');
    const revoked = await tenant.sdk.apiKeys.create({ name: 'revoked' });
    await tenant.sdk.apiKeys.revoke(revoked.key_id);
    const bad = {
      empty: '',
      'empty bearer': 'Bearer ',
      basic: 'Basic dXNlcjpwYXNz',
      garbage: 'Bearer not-a-token',
      'bad API key checksum': `Bearer ${tenant.apiKey.slice(0, -1)}0`,
      'revoked API key': `Bearer ${revoked.key}`,
      expired: `Bearer ${await signViewerToken(signing, { viewerId: 'ada', expiresIn: -60 })}`,
      'forged claims': `Bearer ${head}.${otherBody}.${signature}`,
      'alg none': `Bearer ${Buffer.from('{"alg":"none","kid":"x"}').toString('base64url')}.${body}.`,
      'huge number': `Bearer ${'9'.repeat(4000)}`,
    };
    for (const [what, header] of Object.entries(bad)) {
      const got = await refusal(authenticate(harness.reel.ctx, requestWith(header), optional()));
      expect({ what, ...got }).toEqual({ what, status: 401, code: 'unauthorized' });
    }
  });

  it('refuses a deleted signing key with 401 too', async () => {
    const key = await tenant.sdk.signingKeys.create();
    const token = await signViewerToken(
      { keyId: key.key_id, privateKey: key.private_key },
      { viewerId: 'ada' },
    );
    await tenant.sdk.signingKeys.delete(key.key_id);
    const got = await refusal(
      authenticate(harness.reel.ctx, requestWith(`Bearer ${token}`), optional()),
    );
    expect(got).toEqual({ status: 401, code: 'unauthorized' });
  });
});

describe("a viewer token's scopes", () => {
  it('are checked against what the operation declares: one that names others gets 403', async () => {
    const token = await signViewerToken(signing, { viewerId: 'ada', scopes: ['comments'] });
    const got = await refusal(
      authenticate(harness.reel.ctx, requestWith(`Bearer ${token}`), optional(['likes'])),
    );
    expect(got).toEqual({ status: 403, code: 'insufficient_scope' });
  });

  it('let a token through that names the scope, or names none at all', async () => {
    for (const scopes of [['likes'], ['comments', 'likes'], []]) {
      const token = await signViewerToken(signing, { viewerId: 'ada', scopes });
      const caller = await authenticate(
        harness.reel.ctx,
        requestWith(`Bearer ${token}`),
        optional(['likes']),
      );
      expect(caller.viewer?.scopes).toEqual(scopes);
    }
  });
});

describe('an operation that needs a credential', () => {
  it('still refuses a request with none', async () => {
    const op = { ...optional(), anonymous: false };
    const got = await refusal(authenticate(harness.reel.ctx, requestWith(undefined), op));
    expect(got).toEqual({ status: 401, code: 'unauthorized' });
  });
});
