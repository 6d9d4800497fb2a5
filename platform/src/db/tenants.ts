import { and, desc, eq, isNull, lt, or, sql } from 'drizzle-orm';
import { hashApiKey, keyPrefix, newApiKey } from '../domain/api-keys.js';
import type { ListPosition } from '../domain/cursor.js';
import type { ApiKeyScope } from '../domain/scopes.js';
import type { Db, Queryable } from './connection.js';
import { apiKeys, tenants } from './schema.js';

export type TenantRow = typeof tenants.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

export async function insertApiKey(
  db: Queryable,
  tenantId: string,
  name: string,
  scope: ApiKeyScope,
) {
  const key = newApiKey();
  const [row] = await db
    .insert(apiKeys)
    .values({ tenantId, keyHash: hashApiKey(key), name, scope, prefix: keyPrefix(key) })
    .returning();
  if (!row) throw new Error('api key insert returned nothing');
  return { row, key };
}

/** Creates a tenant with one full-scope API key; the key is returned once and stored only as a hash. */
export async function createTenant(db: Db, name: string) {
  return db.transaction(async (tx) => {
    const [tenant] = await tx.insert(tenants).values({ name }).returning();
    if (!tenant) throw new Error('tenant insert returned nothing');
    const { key } = await insertApiKey(tx, tenant.id, 'default', 'full');
    return { tenant, tenantId: tenant.id, apiKey: key };
  });
}

/** The live key and its tenant, if the key exists, is not revoked and its tenant not suspended. */
export async function findLiveKey(db: Db, apiKey: string) {
  const [row] = await db
    .select({
      keyId: apiKeys.id,
      tenantId: apiKeys.tenantId,
      scope: apiKeys.scope,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(
      and(
        eq(apiKeys.keyHash, hashApiKey(apiKey)),
        isNull(apiKeys.revokedAt),
        isNull(tenants.suspendedAt),
      ),
    );
  return row;
}

export async function tenantForKey(db: Db, apiKey: string): Promise<string | undefined> {
  return (await findLiveKey(db, apiKey))?.tenantId;
}

export async function touchApiKey(db: Db, keyId: string) {
  await db.update(apiKeys).set({ lastUsedAt: sql`now()` }).where(eq(apiKeys.id, keyId));
}

/** Newest-first keyset condition shared by the lists. */
export const newestFirst = <
  T extends { createdAt: Parameters<typeof lt>[0]; id: Parameters<typeof lt>[0] },
>(
  t: T,
  position: ListPosition | undefined,
) =>
  position
    ? or(
        lt(t.createdAt, new Date(position.createdAt)),
        and(eq(t.createdAt, new Date(position.createdAt)), lt(t.id, position.id)),
      )
    : undefined;

export async function listApiKeys(
  db: Db,
  tenantId: string,
  position: ListPosition | undefined,
  limit: number,
) {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.tenantId, tenantId), newestFirst(apiKeys, position)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id))
    .limit(limit);
}

export async function revokeApiKey(db: Db, tenantId: string, keyId: string) {
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.tenantId, tenantId)))
    .returning();
  return row;
}

export async function listTenants(db: Db, position: ListPosition | undefined, limit: number) {
  return db
    .select()
    .from(tenants)
    .where(newestFirst(tenants, position))
    .orderBy(desc(tenants.createdAt), desc(tenants.id))
    .limit(limit);
}

export async function suspendTenant(db: Db, tenantId: string) {
  const [row] = await db
    .update(tenants)
    .set({ suspendedAt: sql`coalesce(${tenants.suspendedAt}, now())` })
    .where(eq(tenants.id, tenantId))
    .returning();
  return row;
}
