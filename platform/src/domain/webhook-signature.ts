import { createHmac, randomBytes } from 'node:crypto';

const PREFIX = 'whsec_';

/** A new Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
export const newWebhookSecret = () => PREFIX + randomBytes(24).toString('base64');

/**
 * The `webhook-signature` header per the Standard Webhooks spec: `v1,` and the base64
 * HMAC-SHA256 of `id.timestamp.body` under each secret, space-separated (two during rotation).
 */
export function signWebhook(
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
): string {
  return secrets
    .map((secret) => {
      const key = Buffer.from(
        secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret,
        'base64',
      );
      return `v1,${createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64')}`;
    })
    .join(' ');
}

interface EndpointSecrets {
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
}

/** The secrets to sign with: the current one, and the previous one during its grace period. */
export function signingSecrets(endpoint: EndpointSecrets, now = new Date()): string[] {
  const { previousSecret, previousSecretExpiresAt } = endpoint;
  return previousSecret && previousSecretExpiresAt && previousSecretExpiresAt > now
    ? [endpoint.secret, previousSecret]
    : [endpoint.secret];
}
