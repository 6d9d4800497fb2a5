import { describe, expect, it } from 'vitest';
import { refusedAddress, refusedAnswers, refusedUrl } from '../../src/domain/webhook-targets.js';
import { ssrfCorpus } from '../support/ssrf-corpus.js';

/** Addresses refused even in `reel dev`, where loopback is allowed. */
const ALWAYS_REFUSED = [
  '0.0.0.0',
  '0',
  '10.0.0.1',
  '172.31.255.255',
  '192.168.1.1',
  '169.254.169.254',
  '100.100.100.200',
  '192.0.0.192',
  '224.0.0.1',
  '255.255.255.255',
  '::',
  'fe80::1',
  'fe80::1%eth0',
  'FE80::1%25eth0',
  'fd00:ec2::254',
  'fc00::1',
  'ff02::1',
  '100::1',
  '::ffff:a9fe:a9fe',
  '::ffff:169.254.169.254',
  '::ffff:10.0.0.1',
  '::a9fe:a9fe',
  '::169.254.169.254',
  '::127.0.0.1',
  '::7f00:1',
  '::808:808',
  '64:ff9b::a9fe:a9fe',
  '64:ff9b::10.0.0.1',
  '64:ff9b:1::808:808',
  '2002:a9fe:a9fe::',
  '2002:808:808::1',
  '2001:0:4136:e378:8000:63bf:3fff:fdd2',
  '2001:db8::1',
  'not-an-address',
];
/** Loopback in its spellings: refused in production, allowed in `reel dev`. */
const LOOPBACK = [
  '127.0.0.1',
  '127.1',
  '0x7f.1',
  '0177.0.0.1',
  '2130706433',
  '127.255.255.254',
  '::1',
  '0:0:0:0:0:0:0:1',
  '::ffff:127.0.0.1',
  '::ffff:7f00:1',
  '::FFFF:7F00:1',
  '::ffff:0:7f00:1',
  '64:ff9b::7f00:1',
];
const PUBLIC = [
  '93.184.215.14',
  '8.8.8.8',
  '2606:4700:4700::1111',
  '::ffff:8.8.8.8',
  '64:ff9b::808:808',
];

describe('webhook target addresses', () => {
  it('refuses private, metadata, tunnelled and embedded-inward addresses in any mode', () => {
    for (const address of ALWAYS_REFUSED) {
      expect({ address, prod: refusedAddress(address, false) }).toEqual({
        address,
        prod: expect.any(String),
      });
      expect({ address, dev: refusedAddress(address, true) }).toEqual({
        address,
        dev: expect.any(String),
      });
    }
  });

  it('refuses loopback in production and allows it in dev', () => {
    for (const address of LOOPBACK) {
      expect({ address, prod: refusedAddress(address, false) }).toEqual({
        address,
        prod: expect.stringContaining('(loopback)'),
      });
      expect({ address, dev: refusedAddress(address, true) }).toEqual({ address, dev: undefined });
    }
  });

  it('allows public addresses, also when a translator embeds them', () => {
    for (const address of PUBLIC) {
      expect({ address, prod: refusedAddress(address, false) }).toEqual({
        address,
        prod: undefined,
      });
    }
  });

  it('says which IPv4 an IPv6 address embeds', () => {
    expect(refusedAddress('64:ff9b::a9fe:a9fe', false)).toContain('169.254.169.254');
    expect(refusedAddress('::a9fe:a9fe', false)).toContain('169.254.169.254');
    expect(refusedAddress('2002:a9fe:a9fe::', false)).toContain('169.254.169.254');
    expect(refusedAddress('::ffff:0:7f00:1', false)).toContain('127.0.0.1');
  });

  it('refuses a name when any one of its answers points inward', () => {
    expect(refusedAnswers('mixed.example', ['93.184.215.14', '10.0.0.1'], false)).toContain(
      'resolves to 10.0.0.1',
    );
    expect(refusedAnswers('none.example', [], false)).toContain('no addresses');
    expect(refusedAnswers('ok.example', ['93.184.215.14', '2606:4700::1'], false)).toBeUndefined();
  });
});

describe('webhook target URLs', () => {
  it('refuses every IP-literal URL of the corpus by its form alone', () => {
    const literal = ssrfCorpus(8080).filter((url) => !/localhost/i.test(url));
    for (const url of literal) {
      expect({ url, refused: refusedUrl(url, false) }).toEqual({
        url,
        refused: expect.any(String),
      });
    }
  });

  it('leaves names to the DNS check and passes public literals', () => {
    expect(refusedUrl('https://hooks.example.com/reel', false)).toBeUndefined();
    expect(refusedUrl('https://8.8.8.8/reel', false)).toBeUndefined();
    expect(refusedUrl('https://[2606:4700:4700::1111]/reel', false)).toBeUndefined();
    expect(refusedUrl('ftp://hooks.example.com/', false)).toContain('http');
    expect(refusedUrl('https://user:pw@hooks.example.com/', false)).toContain('credentials');
  });
});
