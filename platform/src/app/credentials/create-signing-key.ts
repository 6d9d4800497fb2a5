import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import type { Context } from '../../context.js';
import type { components } from '../../contract/openapi.gen.js';
import { countLiveSigningKeys, insertSigningKey } from '../../db/signing-keys.js';
import { conflict } from '../../domain/errors.js';
import { signingKeyView } from './signing-key-view.js';

/** Enough for a rotation (old, new) with room to spare; more is usually a leak in waiting. */
const MAX_LIVE_KEYS = 5;

/** A new key pair: Reel keeps the public key, the private key is in this answer only. */
export async function createSigningKey(
  ctx: Context,
  input: { tenantId: string; algorithm?: components['schemas']['SigningAlgorithm'] },
): Promise<components['schemas']['SigningKeyWithPrivateKey']> {
  const algorithm = input.algorithm ?? 'ES256';
  if ((await countLiveSigningKeys(ctx.database.db, input.tenantId)) >= MAX_LIVE_KEYS) {
    throw conflict(
      'too_many_signing_keys',
      `A tenant has at most ${MAX_LIVE_KEYS} signing keys; delete an old one first`,
    );
  }
  const pair = await generateKeyPair(algorithm, {
    extractable: true,
    ...(algorithm === 'RS256' && { modulusLength: 2048 }),
  });
  const row = await insertSigningKey(
    ctx.database.db,
    input.tenantId,
    algorithm,
    await exportSPKI(pair.publicKey),
  );
  return { ...signingKeyView(row), private_key: await exportPKCS8(pair.privateKey) };
}
