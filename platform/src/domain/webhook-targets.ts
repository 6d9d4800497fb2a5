import { BlockList, isIP } from 'node:net';

/** Addresses a webhook must never reach: private, loopback, link-local, metadata and the like. */
const forbidden = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 3],
] as const) {
  forbidden.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
] as const) {
  forbidden.addSubnet(net, bits, 'ipv6');
}
const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** The cloud metadata service: refused even when loopback is allowed. */
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254']);

/** Why an address may not receive webhooks, or undefined when it may. */
export function refusedAddress(address: string, allowLoopback: boolean): string | undefined {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  const ip = mapped ?? address;
  const family = isIP(ip) === 6 ? 'ipv6' : 'ipv4';
  if (METADATA.has(ip)) return `${ip} is the cloud metadata service`;
  if (allowLoopback && loopback.check(ip, family)) return undefined;
  if (forbidden.check(ip, family)) return `${ip} is a private, loopback or link-local address`;
  return undefined;
}

/** Checks a URL's form: http(s), no credentials. Its addresses are checked after DNS. */
export function refusedUrl(url: string): string | undefined {
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
  return undefined;
}
