import { ReelError } from './errors.js';
import { checkUrlSignature, signUrl } from './url-signature.js';
import { isUuid } from './uuid.js';

const PREFIX = 'reel_st_';

export interface StreamGrant {
  tenantId: string;
  viewerId: string;
  /** Names the ticket, so that it opens one stream only. */
  nonce: string;
  expires: number;
}

const subject = (g: Pick<StreamGrant, 'tenantId' | 'nonce'>, viewer: string) =>
  `${g.tenantId}/${viewer}/${g.nonce}`;

/** A stateless HMAC over the viewer and expiry; single use is the caller's check on `nonce`. */
export function signStreamTicket(secret: string, grant: StreamGrant): string {
  const viewer = Buffer.from(grant.viewerId).toString('base64url');
  const sig = signUrl(secret, 'NOTIFICATION_STREAM', subject(grant, viewer), grant.expires);
  return `${PREFIX}${grant.tenantId}.${viewer}.${grant.nonce}.${grant.expires}.${sig}`;
}

export const invalidTicket = () =>
  new ReelError(
    401,
    'invalid_stream_ticket',
    'The stream ticket is malformed, forged, expired or used; ask for a new one',
  );

/** The grant in a ticket, or a 401 for anything forged, malformed or expired. */
export function readStreamTicket(
  secret: string,
  ticket: string,
  nowSec = Math.floor(Date.now() / 1000),
): StreamGrant {
  if (!ticket.startsWith(PREFIX)) throw invalidTicket();
  const parts = ticket.slice(PREFIX.length).split('.');
  const [tenantId = '', viewer = '', nonce = '', exp = '', sig = ''] = parts;
  const expires = Number(exp);
  if (parts.length !== 5 || !isUuid(tenantId) || !isUuid(nonce) || !Number.isSafeInteger(expires)) {
    throw invalidTicket();
  }
  const grant = { tenantId, nonce };
  const check = checkUrlSignature(
    secret,
    'NOTIFICATION_STREAM',
    subject(grant, viewer),
    expires,
    sig,
    nowSec,
  );
  if (check !== 'valid') throw invalidTicket();
  return { ...grant, viewerId: Buffer.from(viewer, 'base64url').toString('utf8'), expires };
}
