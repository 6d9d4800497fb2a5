import { lookup } from 'node:dns/promises';
import { ReelError } from '../../domain/errors.js';
import { ipLiteral, refusedAnswers, refusedUrl } from '../../domain/webhook-targets.js';

/**
 * Refuses a webhook URL that is not http(s) or whose host is, or resolves to, an address
 * webhooks may not reach. The sender checks DNS again at every attempt.
 */
export async function checkEndpointUrl(url: string, allowLoopback: boolean): Promise<void> {
  const refuse = (reason: string) =>
    new ReelError(422, 'webhook_url_refused', `Webhooks cannot go to this URL: ${reason}`);
  const bad = refusedUrl(url, allowLoopback);
  if (bad) throw refuse(bad);
  const parsed = new URL(url);
  if (ipLiteral(parsed) !== undefined) return;
  let addresses: { address: string }[];
  try {
    addresses = await lookup(parsed.hostname, { all: true });
  } catch {
    throw refuse(`${parsed.hostname} does not resolve`);
  }
  const reason = refusedAnswers(
    parsed.hostname,
    addresses.map((a) => a.address),
    allowLoopback,
  );
  if (reason) throw refuse(reason);
}
