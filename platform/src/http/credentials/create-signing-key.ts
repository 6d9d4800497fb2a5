import { exportPKCS8, exportSPKI, generateKeyPair } from 'jose';
import { countLiveSigningKeys, insertSigningKey } from '../../db/signing-keys.js';
import { conflict } from '../../domain/errors.js';
import type { OperationHandler } from '../operation.js';
import { signingKeyView } from './signing-key-view.js';

/** Enough for a rotation (old, new) with room to spare; more is usually a leak in waiting. */
const MAX_LIVE_KEYS = 5;

export const createSigningKey: OperationHandler<'createSigningKey'> = async (
  ctx,
  request,
  reply,
  caller,
) => {
  const algorithm = request.body?.algorithm ?? 'ES256';
  if ((await countLiveSigningKeys(ctx.database.db, caller.tenantId)) >= MAX_LIVE_KEYS) {
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
    caller.tenantId,
    algorithm,
    await exportSPKI(pair.publicKey),
  );
  return reply
    .status(201)
    .send({ ...signingKeyView(row), private_key: await exportPKCS8(pair.privateKey) });
};
