import { and, eq, isNull } from 'drizzle-orm';
import { hashApiKey, newApiKey } from '../domain/api-keys.js';
import type { Db } from './connection.js';
import { apiKeys, tenants } from './schema.js';

/** Creates a tenant with one API key; the key is returned once and stored only as a hash. */
export async function createTenant(db: Db, name: string) {
  return db.transaction(async (tx) => {
    const [tenant] = await tx.insert(tenants).values({ name }).returning();
    if (!tenant) throw new Error('tenant insert returned nothing');
    const apiKey = newApiKey();
    await tx.insert(apiKeys).values({ tenantId: tenant.id, keyHash: hashApiKey(apiKey) });
    return { tenantId: tenant.id, apiKey };
  });
}

export async function tenantForKey(db: Db, apiKey: string): Promise<string | undefined> {
  const [row] = await db
    .select({ tenantId: apiKeys.tenantId })
    .from(apiKeys)
    .where(and(eq(apiKeys.keyHash, hashApiKey(apiKey)), isNull(apiKeys.revokedAt)));
  return row?.tenantId;
}
