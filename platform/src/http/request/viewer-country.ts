import { BlockList, isIPv4 } from 'node:net';
import type { FastifyRequest } from 'fastify';
import { countryOf } from '../../app/analytics/view-dimensions.js';
import type { Config } from '../../config.js';
import { countryCode } from '../../domain/playback-restrictions.js';

/**
 * The viewer's country from the configured CDN header, believed only when the request came
 * straight from one of the trusted proxies: anyone else could write the header themselves.
 */
function countryReader(config: Config['viewerCountry']) {
  const { header } = config;
  if (!header || config.trustedProxies.length === 0) return () => undefined;
  const trusted = new BlockList();
  for (const entry of config.trustedProxies) {
    const [address = '', bits] = entry.split('/');
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (bits === undefined) trusted.addAddress(address, type);
    else trusted.addSubnet(address, Number(bits), type);
  }
  return (request: FastifyRequest): string | undefined => {
    const peer = request.socket.remoteAddress ?? '';
    // An IPv4 peer on a dual-stack socket reads as ::ffff:a.b.c.d.
    const address = peer.startsWith('::ffff:') ? peer.slice(7) : peer;
    const type = isIPv4(address) ? 'ipv4' : 'ipv6';
    if (!trusted.check(address, type)) return undefined;
    return countryCode(request.headers[header]);
  };
}

const readers = new WeakMap<Config['viewerCountry'], ReturnType<typeof countryReader>>();

/**
 * The viewer's country for this request: what a trusted proxy's header said, else the GeoIP
 * country of the client's address (`request.ip`, which Fastify reads from X-Forwarded-For only
 * behind REEL_TRUSTED_PROXIES), the lookup analytics makes; undefined for a private address.
 */
export function viewerCountryOf(config: Config['viewerCountry'], request: FastifyRequest) {
  let read = readers.get(config);
  if (!read) {
    read = countryReader(config);
    readers.set(config, read);
  }
  return read(request) ?? (countryOf(request.ip) || undefined);
}
