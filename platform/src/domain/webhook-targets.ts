import ipaddr from 'ipaddr.js';

/*
 * Where webhooks may go. Every address is parsed by ipaddr.js, so each spelling (decimal, octal,
 * hex, short IPv4, IPv6 in any notation, with a zone id) is judged in one canonical form, and
 * judged by ipaddr.js's range() rather than a hand-kept list: only public unicast may receive.
 */

/** IPv6 forms a translating network delivers to the IPv4 in their last 32 bits: judged as it. */
const TRANSLATED = new Set(['ipv4Mapped', 'rfc6145', 'rfc6052']);
/** RFC 8215's local-use NAT64 prefix translates into the operator's own network. */
const LOCAL_NAT64 = ipaddr.parseCIDR('64:ff9b:1::/48');
/** Global unicast; ipaddr.js calls every unlisted IPv6 'unicast', ::a9fe:a9fe included. */
const GLOBAL_UNICAST = ipaddr.parseCIDR('2000::/3');
/** Deprecated IPv4-compatible addresses (::a.b.c.d), which ipaddr.js does not list. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');
/** ipaddr.js reads `::a.b.c.d` as `::ffff:a.b.c.d`; Node prints IPv4-compatible answers so. */
const DOTTED_COMPATIBLE = /^::(\d+\.\d+\.\d+\.\d+)(%.*)?$/;

function ipv4From(high: number, low: number): ipaddr.IPv4 {
  return new ipaddr.IPv4([high >> 8, high & 0xff, low >> 8, low & 0xff]);
}

function refusedIPv4(ip: ipaddr.IPv4, allowLoopback: boolean): string | undefined {
  const range = ip.range();
  if (range === 'unicast' || (allowLoopback && range === 'loopback')) return undefined;
  return `${ip} is not a public address (${range})`;
}

function refusedIPv6(ip: ipaddr.IPv6, allowLoopback: boolean): string | undefined {
  const range = ip.range();
  const parts = ip.parts;
  if (TRANSLATED.has(range) && !ip.match(LOCAL_NAT64)) {
    const embedded = ipv4From(parts[6] ?? 0, parts[7] ?? 0);
    const reason = refusedIPv4(embedded, allowLoopback);
    return reason && `${ip} embeds ${embedded}, and ${reason}`;
  }
  // Tunnels are deprecated (RFC 7526, RFC 4380) and end wherever their relays choose: refused,
  // whatever IPv4 they carry.
  if (range === '6to4')
    return `${ip} is a 6to4 tunnel address (it embeds ${ipv4From(parts[1] ?? 0, parts[2] ?? 0)})`;
  if (range === 'teredo') return `${ip} is a Teredo tunnel address`;
  if (range === 'unicast' && ip.match(IPV4_COMPATIBLE))
    return `${ip} is a deprecated IPv4-compatible address (it embeds ${ipv4From(parts[6] ?? 0, parts[7] ?? 0)})`;
  if (allowLoopback && range === 'loopback') return undefined;
  if (range === 'unicast' && ip.match(GLOBAL_UNICAST)) return undefined;
  return `${ip} is not a public address (${range === 'unicast' ? 'not global unicast' : range})`;
}

/**
 * Why an address may not receive webhooks, or undefined when it may. With `allowLoopback`
 * (local development) loopback passes; the unspecified address, which reaches the local host
 * too, and link-local metadata services never do.
 */
export function refusedAddress(address: string, allowLoopback: boolean): string | undefined {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const dotted = DOTTED_COMPATIBLE.exec(address)?.[1];
  if (dotted) return `${address} is a deprecated IPv4-compatible address (it embeds ${dotted})`;
  const ip = ipaddr.parse(address);
  return ip.kind() === 'ipv4'
    ? refusedIPv4(ip as ipaddr.IPv4, allowLoopback)
    : refusedIPv6(ip as ipaddr.IPv6, allowLoopback);
}

/** The URL's host when it is an IP literal (IPv6 without brackets), else undefined: a name. */
export function ipLiteral(url: URL): string | undefined {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  return ipaddr.isValid(host) ? host : undefined;
}

/**
 * Checks a URL's form (http(s), no credentials) and an IP literal host. A name's addresses are
 * checked after DNS, by the caller.
 */
export function refusedUrl(url: string, allowLoopback: boolean): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'not a URL';
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:')
    return 'only http and https URLs receive webhooks';
  if (parsed.username || parsed.password)
    return 'URLs with credentials are refused; use the signature';
  const literal = ipLiteral(parsed);
  return literal === undefined ? undefined : refusedAddress(literal, allowLoopback);
}

/** The first refusal among a name's DNS answers: one inward answer refuses the name. */
export function refusedAnswers(
  host: string,
  addresses: readonly string[],
  allowLoopback: boolean,
): string | undefined {
  if (addresses.length === 0) return `${host} has no addresses`;
  for (const address of addresses) {
    const reason = refusedAddress(address, allowLoopback);
    if (reason) return `${host} resolves to ${address}: ${reason}`;
  }
  return undefined;
}
