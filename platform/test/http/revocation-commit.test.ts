import { ReelOperator } from '@reel/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREDENTIALS_CHANNEL } from '../../src/app/auth/credential-memo.js';
import { contractFetch, violations } from '../support/contract-fetch.js';
import { type Harness, startHarness, TEST_OPERATOR_TOKEN } from '../support/harness.js';
import { until } from '../support/polling.js';

// A replica that hears "forget credentials" rereads them at once: what it reads then must
// already be the revocation, or it remembers the old credential for another few seconds.
let harness: Harness;
let operator: ReelOperator;
/** Run on every announcement, on a connection of its own, like another replica's reread. */
let reread: () => Promise<unknown> = async () => undefined;
const rereads: Promise<unknown>[] = [];

beforeAll(async () => {
  harness = await startHarness({ roles: [] });
  operator = new ReelOperator({
    operatorToken: TEST_OPERATOR_TOKEN,
    baseUrl: harness.url,
    fetch: contractFetch,
    maxRetries: 0,
  });
  harness.reel.ctx.cache.onAnnouncement(CREDENTIALS_CHANNEL, () => rereads.push(reread()));
});
afterAll(async () => {
  await harness?.stop();
  expect(violations).toEqual([]);
});

const ownerPool = () => harness.reel.ctx.database.pool;

describe('revocation announcements', () => {
  it('go out once a suspension sent with an Idempotency-Key is committed', async () => {
    const { tenantId } = await harness.tenant();
    rereads.length = 0;
    reread = async () => {
      const { rows } = await ownerPool().query('select suspended_at from tenants where id = $1', [
        tenantId,
      ]);
      return rows[0]?.suspended_at !== null;
    };
    // Storing the keyed answer waits on this lock, which holds the suspension's transaction
    // open: an announcement made inside it is reread before the commit.
    const blocker = await ownerPool().connect();
    try {
      await blocker.query('begin; lock table idempotency_keys in share mode');
      const suspended = operator.tenants.suspend(tenantId);
      await until('the suspension waits to store its answer', async () => {
        const { rows } = await blocker.query(
          `select 1 from pg_locks where not granted and relation = 'idempotency_keys'::regclass`,
        );
        return rows.length > 0;
      });
      await Promise.all(rereads);
      await blocker.query('rollback');
      await suspended;
    } finally {
      blocker.release();
    }
    expect(await Promise.all(rereads)).toEqual([true]);
  });

  it('go out once an API key revocation is committed', async () => {
    const { sdk } = await harness.tenant();
    const key = await sdk.apiKeys.create({ name: 'short-lived' });
    rereads.length = 0;
    reread = async () => {
      const { rows } = await ownerPool().query('select revoked_at from api_keys where id = $1', [
        key.key_id,
      ]);
      return rows[0]?.revoked_at !== null;
    };
    await sdk.apiKeys.revoke(key.key_id);
    expect(await Promise.all(rereads)).toEqual([true]);
  });
});
