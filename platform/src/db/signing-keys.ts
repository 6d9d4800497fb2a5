import { and, count, desc, eq, isNull } from 'drizzle-orm';
import type { ListPosition } from '../domain/cursor.js';
import type { Db } from './connection.js';
import { signingKeys, tenants } from './schema.js';
import { newestFirst } from './tenants.js';

export type SigningKeyRow = typeof signingKeys.$inferSelect;

const live = isNull(signingKeys.deletedAt);

export async function countLiveSigningKeys(db: Db, tenantId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(signingKeys)
    .where(and(eq(signingKeys.tenantId, tenantId), live));
  return row?.n ?? 0;
}

export async function insertSigningKey(
  db: Db,
  tenantId: string,
  algorithm: 'ES256' | 'RS256',
  publicKey: string,
) {
  const [row] = await db.insert(signingKeys).values({ tenantId, algorithm, publicKey }).returning();
  if (!row) throw new Error('signing key insert returned nothing');
  return row;
}

export async function listSigningKeys(
  db: Db,
  tenantId: string,
  position: ListPosition | undefined,
  limit: number,
) {
  return db
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.tenantId, tenantId), live, newestFirst(signingKeys, position)))
    .orderBy(desc(signingKeys.createdAt), desc(signingKeys.id))
    .limit(limit);
}

export async function deleteSigningKey(db: Db, tenantId: string, keyId: string) {
  const [row] = await db
    .update(signingKeys)
    .set({ deletedAt: new Date() })
    .where(and(eq(signingKeys.id, keyId), eq(signingKeys.tenantId, tenantId), live))
    .returning();
  return row;
}

/** A live key whose tenant is not suspended: the only keys tokens may be signed with. */
export async function findVerificationKey(db: Db, keyId: string) {
  const [row] = await db
    .select({
      tenantId: signingKeys.tenantId,
      algorithm: signingKeys.algorithm,
      publicKey: signingKeys.publicKey,
    })
    .from(signingKeys)
    .innerJoin(tenants, eq(tenants.id, signingKeys.tenantId))
    .where(and(eq(signingKeys.id, keyId), live, isNull(tenants.suspendedAt)));
  return row;
}

/**
 * Ids of a tenant's live keys, none while it is suspended: the keys whose `st` URLs still play.
 * Newest first, the one a tenant most likely signs with now.
 */
export async function liveSigningKeyIds(db: Db, tenantId: string): Promise<string[]> {
  const rows = await db
    .select({ id: signingKeys.id })
    .from(signingKeys)
    .innerJoin(tenants, eq(tenants.id, signingKeys.tenantId))
    .where(and(eq(signingKeys.tenantId, tenantId), live, isNull(tenants.suspendedAt)))
    .orderBy(desc(signingKeys.createdAt));
  return rows.map((row) => row.id);
}
