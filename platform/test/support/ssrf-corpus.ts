/**
 * Webhook URLs that point inside the network, spelled every way an attacker would try. Each
 * must be refused in production mode (loopback not allowed). Loopback ones take the port of a
 * real receiver, so a refusal that failed would show up as a request there.
 */
export function ssrfCorpus(port: number): string[] {
  return [
    // IPv4 loopback in every spelling the URL parser accepts
    `http://127.0.0.1:${port}/hooks`,
    `http://2130706433:${port}/hooks`,
    `http://0177.0.0.1:${port}/hooks`,
    `http://017700000001:${port}/hooks`,
    `http://0x7f.1:${port}/hooks`,
    `http://0x7f000001:${port}/hooks`,
    `http://0x7F.0.0.1:${port}/hooks`,
    `http://127.1:${port}/hooks`,
    `http://127.0.1:${port}/hooks`,
    `http://127.000.000.001:${port}/hooks`,
    `http://127.0.0.1.:${port}/hooks`,
    `http://%31%32%37.0.0.1:${port}/hooks`,
    `http://127。0。0。1:${port}/hooks`,
    `http://①②⑦.0.0.1:${port}/hooks`,
    `http://127.255.255.254:${port}/hooks`,
    `https://127.0.0.1:${port}/hooks`,
    // The unspecified address reaches the local host
    `http://0:${port}/hooks`,
    `http://0.0.0.0:${port}/hooks`,
    `http://[::]:${port}/hooks`,
    // Names that resolve (or, per RFC 6761, should resolve) to loopback
    `http://localhost:${port}/hooks`,
    `http://LOCALHOST:${port}/hooks`,
    `http://localhost.:${port}/hooks`,
    `http://reel-test.localhost:${port}/hooks`,
    // IPv6 loopback and IPv4-mapped loopback in every notation
    `http://[::1]:${port}/hooks`,
    `http://[0:0:0:0:0:0:0:1]:${port}/hooks`,
    `http://[::ffff:127.0.0.1]:${port}/hooks`,
    `http://[::ffff:7f00:1]:${port}/hooks`,
    `http://[0:0:0:0:0:ffff:127.0.0.1]:${port}/hooks`,
    `http://[::FFFF:7F00:1]:${port}/hooks`,
    // IPv6 forms that embed an inward IPv4
    `http://[::ffff:a9fe:a9fe]/latest/meta-data/`,
    `http://[::ffff:169.254.169.254]/latest/meta-data/`,
    `http://[::ffff:0:7f00:1]:${port}/hooks`,
    `http://[::127.0.0.1]:${port}/hooks`,
    `http://[::a9fe:a9fe]/latest/meta-data/`,
    `http://[64:ff9b::a9fe:a9fe]/latest/meta-data/`,
    `http://[64:ff9b::127.0.0.1]:${port}/hooks`,
    `http://[64:ff9b:1::808:808]/hooks`,
    `http://[2002:a9fe:a9fe::]/latest/meta-data/`,
    `http://[2002:7f00:1::1]:${port}/hooks`,
    `http://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hooks`,
    // Other inward IPv6
    `http://[fe80::1%25eth0]/hooks`,
    `http://[fe80::1]/hooks`,
    `http://[fd00:ec2::254]/latest/meta-data/`,
    `http://[fc00::1]/hooks`,
    `http://[ff02::1]/hooks`,
    `http://[100::1]/hooks`,
    // Private, shared, link-local and cloud metadata IPv4
    `http://10.0.0.1/hooks`,
    `http://172.16.0.1/hooks`,
    `http://192.168.0.1/hooks`,
    `http://169.254.169.254/latest/meta-data/`,
    `http://0xa9.0xfe.0xa9.0xfe/latest/meta-data/`,
    `http://2852039166/latest/meta-data/`,
    `http://100.100.100.200/latest/meta-data/`,
    `http://192.0.0.192/opc/v2/instance/`,
    `http://198.18.0.1/hooks`,
    `http://224.0.0.1/hooks`,
    `http://255.255.255.255/hooks`,
  ];
}
