import type { components } from '../../contract/openapi.gen.js';
import type { SigningKeyRow } from '../../db/signing-keys.js';

export const signingKeyView = (k: SigningKeyRow): components['schemas']['SigningKey'] => ({
  key_id: k.id,
  algorithm: k.algorithm,
  public_key: k.publicKey,
  created_at: k.createdAt.toISOString(),
});
