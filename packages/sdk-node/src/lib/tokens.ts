import { importPKCS8, SignJWT } from 'jose';

export interface SigningKeyInput {
  /** The signing key's id (`key_id`), sent as the token's `kid`. */
  keyId: string;
  /** The PKCS#8 PEM `private_key` Reel returned when the key was created. */
  privateKey: string;
  /** Defaults to the key's own: ES256 for EC keys, RS256 for RSA keys. */
  algorithm?: 'ES256' | 'RS256';
}

/** `1h`, `15m`, `7d`… or seconds. */
export type Lifetime = string | number;

async function signer(key: SigningKeyInput) {
  if (key.algorithm)
    return { algorithm: key.algorithm, secret: await importPKCS8(key.privateKey, key.algorithm) };
  // An EC key refuses to import as RSA and the other way round: the key tells its algorithm.
  try {
    return { algorithm: 'ES256', secret: await importPKCS8(key.privateKey, 'ES256') };
  } catch {
    return { algorithm: 'RS256', secret: await importPKCS8(key.privateKey, 'RS256') };
  }
}

const expiry = (lifetime: Lifetime) =>
  typeof lifetime === 'number' ? Math.floor(Date.now() / 1000) + lifetime : lifetime;

/**
 * A playback token for a `signed` or age-restricted video: `sub` = the video, `aud` = `v`
 * (video), `t` (thumbnail), `s` (storyboard) or several, `exp`; `age_verified` when your site
 * checked the viewer's age, `country` when your own check placed the viewer. Any JWT library
 * can make the same token.
 */
export async function signPlaybackToken(
  key: SigningKeyInput,
  claims: {
    videoId: string;
    audience?: ('v' | 't' | 's') | ('v' | 't' | 's')[];
    expiresIn?: Lifetime;
    maxResolution?: string;
    ageVerified?: boolean;
    /** ISO 3166-1 alpha-2, such as `DE`. */
    country?: string;
  },
): Promise<string> {
  const { algorithm, secret } = await signer(key);
  return new SignJWT({
    ...(claims.maxResolution && { max_resolution: claims.maxResolution }),
    ...(claims.ageVerified !== undefined && { age_verified: claims.ageVerified }),
    ...(claims.country && { country: claims.country }),
  })
    .setProtectedHeader({ alg: algorithm, kid: key.keyId, typ: 'JWT' })
    .setSubject(claims.videoId)
    .setAudience(claims.audience ?? ['v', 't', 's'])
    .setIssuedAt()
    .setExpirationTime(expiry(claims.expiresIn ?? '1h'))
    .sign(secret);
}

/**
 * A playback token for a `signed` live stream: `sub` = the stream, `aud` = `v`, so it opens that
 * stream's manifest and no video's (nor another stream's).
 */
export function signLivePlaybackToken(
  key: SigningKeyInput,
  claims: { liveStreamId: string; expiresIn?: Lifetime; maxResolution?: string },
): Promise<string> {
  const { liveStreamId, ...rest } = claims;
  return signPlaybackToken(key, { ...rest, videoId: liveStreamId, audience: 'v' });
}

/** A viewer token for calls from your viewers' browsers: `sub` = your user's id, `aud` = `viewer`. */
export async function signViewerToken(
  key: SigningKeyInput,
  claims: { viewerId: string; scopes?: string[]; expiresIn?: Lifetime },
): Promise<string> {
  const { algorithm, secret } = await signer(key);
  return new SignJWT({ scopes: claims.scopes ?? [] })
    .setProtectedHeader({ alg: algorithm, kid: key.keyId, typ: 'JWT' })
    .setSubject(claims.viewerId)
    .setAudience('viewer')
    .setIssuedAt()
    .setExpirationTime(expiry(claims.expiresIn ?? '1h'))
    .sign(secret);
}
