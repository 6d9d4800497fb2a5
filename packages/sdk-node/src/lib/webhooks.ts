import type { WebhookEvent } from '../generated/types.gen';

/** The signature is missing, wrong, or too old: the request did not come from Reel (or is a replay). */
export class WebhookVerificationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WebhookVerificationError';
  }
}

type Headers = Record<string, string | string[] | undefined> | globalThis.Headers;

const PREFIX = 'whsec_';
const TOLERANCE_SEC = 5 * 60;

const header = (headers: Headers, name: string): string | undefined => {
  if (typeof (headers as globalThis.Headers).get === 'function')
    return (headers as globalThis.Headers).get(name) ?? undefined;
  const value = (headers as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
};

const base64 = (bytes: ArrayBuffer) => btoa(String.fromCharCode(...new Uint8Array(bytes)));
const fromBase64 = (text: string) => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

async function hmac(secret: string, content: string): Promise<string> {
  const raw = fromBase64(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret);
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
  ]);
  return base64(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(content)));
}

/** Constant-time comparison, so a forger learns nothing from timing. */
function same(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}

/**
 * Verifies a webhook per the Standard Webhooks spec, on the raw request body (re-serialized
 * JSON breaks signatures). Accepts any of the signatures sent (two during a secret rotation).
 */
export async function verify(
  payload: string,
  headers: Headers,
  secret: string,
  options: { now?: number } = {},
): Promise<void> {
  const id = header(headers, 'webhook-id');
  const timestamp = header(headers, 'webhook-timestamp');
  const signatures = header(headers, 'webhook-signature');
  if (!id || !timestamp || !signatures)
    throw new WebhookVerificationError(
      'Missing webhook-id, webhook-timestamp or webhook-signature',
    );
  const now = options.now ?? Math.floor(Date.now() / 1000);
  const sent = Number(timestamp);
  if (!Number.isInteger(sent) || Math.abs(now - sent) > TOLERANCE_SEC) {
    throw new WebhookVerificationError(
      'The webhook timestamp is outside the 5-minute tolerance (a replay?)',
    );
  }
  const expected = await hmac(secret, `${id}.${timestamp}.${payload}`);
  const match = signatures
    .split(' ')
    .some((s) => s.startsWith('v1,') && same(s.slice(3), expected));
  if (!match) throw new WebhookVerificationError('No webhook signature matches the secret');
}

/** Verifies, then parses: the typed event. */
export async function unwrap(
  payload: string,
  headers: Headers,
  secret: string,
  options: { now?: number } = {},
): Promise<WebhookEvent> {
  await verify(payload, headers, secret, options);
  return JSON.parse(payload) as WebhookEvent;
}

/** Signs a payload as Reel would: to test your own handler. */
export async function sign(
  payload: string,
  secret: string,
  options: { id: string; timestamp?: number },
) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  return {
    'webhook-id': options.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': `v1,${await hmac(secret, `${options.id}.${timestamp}.${payload}`)}`,
  };
}

export const webhooks = { verify, unwrap, sign };
