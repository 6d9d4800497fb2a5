import { randomUUID } from 'node:crypto';
import { ReelViewer, signViewerToken } from '@reel/sdk';
import { contractFetch } from './contract-fetch.js';

export type SigningKey = { keyId: string; privateKey: string };

/**
 * A viewer of the tenant that owns `key`, as a tenant's site makes one: its token, and an SDK
 * client on it whose every answer is checked against the contract (no retries, to see each).
 */
export async function signedViewer(
  baseUrl: string,
  key: SigningKey,
  claims: { viewerId?: string; scopes?: string[] } = {},
) {
  const viewerId = claims.viewerId ?? randomUUID();
  const token = await signViewerToken(key, { viewerId, scopes: claims.scopes });
  const client = new ReelViewer({
    viewerToken: token,
    baseUrl,
    fetch: contractFetch,
    maxRetries: 0,
  });
  return { token, viewerId, client };
}
