import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Reel, ReelOperator } from '@reel/sdk';
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog } from '../../src/db/schema.js';
import { openTenantSession } from '../../src/db/tenant-session.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness, TEST_OPERATOR_TOKEN, testEnv } from '../support/harness.js';

const run = promisify(execFile);
const CLI = fileURLToPath(new URL('../../bin/reel.mjs', import.meta.url));

let harness: Harness;
let tenant: { tenantId: string; apiKey: string; sdk: Reel };

/** `reel audit verify --json` against the run's database, as an operator would run it. */
async function verify() {
  const env = { ...process.env, ...testEnv() };
  try {
    const { stdout } = await run(process.execPath, [CLI, 'audit', 'verify', '--json'], { env });
    return { code: 0, result: JSON.parse(stdout) as Record<string, unknown> };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, result: JSON.parse(e.stdout) as Record<string, unknown> };
  }
}

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  tenant = await harness.tenant();
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

describe('the audit log', () => {
  it('records each change made with an API key, for its tenant only, newest first', async () => {
    const channel = await tenant.sdk.channels.create({ handle: 'audited', title: 'First' });
    await tenant.sdk.channels.update(channel.channel_id, { title: 'Second' });
    await tenant.sdk.channels.get(channel.channel_id); // a read: not audited
    await tenant.sdk.channels.update(channel.channel_id, { title: '' }).catch(() => {}); // refused

    const entries = await tenant.sdk.auditLog.list({ limit: 1 }).all();
    expect(entries.map((e) => [e.operation, e.resource, e.changes.request])).toEqual([
      ['updateChannel', `/v1/channels/${channel.channel_id}`, { title: 'Second' }],
      ['createChannel', '/v1/channels', { handle: 'audited', title: 'First' }],
    ]);
    expect(entries[0]?.actor.kind).toBe('api_key');
    expect(entries[0]?.prev_hash).toBe(entries[1]?.hash);
    const filtered = await tenant.sdk.auditLog.list({ operation: 'createChannel' }).all();
    expect(filtered.map((e) => e.operation)).toEqual(['createChannel']);

    const other = await harness.tenant();
    expect(await other.sdk.auditLog.list().all()).toEqual([]);
    const garbage = await contractFetch(`${harness.url}/v1/audit-log?cursor=garbage`, {
      headers: { authorization: `Bearer ${other.apiKey}` },
    });
    expect(garbage.status).toBe(400);
  });

  it('records the operator’s changes to a tenant', async () => {
    const operator = new ReelOperator({
      operatorToken: TEST_OPERATOR_TOKEN,
      baseUrl: harness.url,
      fetch: contractFetch,
    });
    const suspended = await harness.tenant();
    await operator.tenants.suspend(suspended.tenantId);
    const rows = await harness.reel.ctx.database.ownerDb
      .select()
      .from(auditLog)
      .where(eq(auditLog.tenantId, suspended.tenantId));
    expect(rows.map((r) => [r.actorKind, r.operation])).toEqual([['operator', 'suspendTenant']]);
  });

  it('cannot be changed by the API’s database role', async () => {
    const session = openTenantSession(harness.reel.ctx.database.pool, tenant.tenantId);
    try {
      // 42501: insufficient_privilege, whatever the rows.
      const refused = { cause: { code: '42501' } };
      await expect(
        session.db.execute(sql`update audit_log set changes = '{}'`),
      ).rejects.toMatchObject(refused);
      await expect(session.db.execute(sql`delete from audit_log`)).rejects.toMatchObject(refused);
    } finally {
      await session.close();
    }
  });

  it('verifies, and `reel audit verify` finds a row edited or deleted in Postgres', async () => {
    await tenant.sdk.channels.create({ handle: 'chain-one', title: 'One' });
    await tenant.sdk.channels.create({ handle: 'chain-two', title: 'Two' });
    const healthy = await verify();
    expect(healthy).toMatchObject({ code: 0, result: { ok: true, broken: null } });
    expect(healthy.result.checked).toBeGreaterThanOrEqual(4);

    const { ownerDb } = harness.reel.ctx.database;
    const [target] = await ownerDb
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.tenantId, tenant.tenantId), eq(auditLog.operation, 'createChannel')))
      .orderBy(asc(auditLog.seq))
      .limit(1);
    if (!target) throw new Error('no entry to tamper with');

    // Someone with database access rewrites what was done.
    const forged = JSON.stringify({ request: { handle: 'audited', title: 'Innocent' } });
    await ownerDb.update(auditLog).set({ changes: forged }).where(eq(auditLog.seq, target.seq));
    expect(await verify()).toMatchObject({
      code: 1,
      result: { ok: false, broken: { seq: target.seq, problem: 'edited' } },
    });
    await ownerDb
      .update(auditLog)
      .set({ changes: target.changes })
      .where(eq(auditLog.seq, target.seq));
    expect((await verify()).code).toBe(0);

    // Or removes it: the next entry no longer links to the one before.
    const [next] = await ownerDb
      .select({ seq: auditLog.seq })
      .from(auditLog)
      .where(gt(auditLog.seq, target.seq))
      .orderBy(asc(auditLog.seq))
      .limit(1);
    await ownerDb.delete(auditLog).where(eq(auditLog.seq, target.seq));
    expect(await verify()).toMatchObject({
      code: 1,
      result: { broken: { seq: next?.seq, problem: 'unlinked' } },
    });
    await ownerDb.insert(auditLog).values(target);
    expect((await verify()).code).toBe(0);
  });
});
