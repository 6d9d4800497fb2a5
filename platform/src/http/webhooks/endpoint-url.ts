import { lookup } from 'node:dns/promises';
import { ReelError } from '../../domain/errors.js';
import { refusedAddress, refusedUrl } from '../../domain/webhook-targets.js';

/** Refuses a webhook URL that is not http(s) or resolves to an address webhooks may not reach. */
export async function checkEndpointUrl(url: string, allowLoopback: boolean): Promise<void> {
  const refuse = (reason: string) =>
    new ReelError(422, 'webhook_url_refused', `Webhooks cannot go to this URL: ${reason}`);
  const bad = refusedUrl(url);
  if (bad) throw refuse(bad);
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string }[];
  try {
    addresses = await lookup(host, { all: true });
  } catch {
    throw refuse(`${host} does not resolve`);
  }
  for (const { address } of addresses) {
    const reason = refusedAddress(address, allowLoopback);
    if (reason) throw refuse(reason);
  }
}
