// The SSRF guard's address table: every textual form a URL parser or a resolver can hand us, judged by
// where the packets would end up; URL hosts refused without DNS; the connect-time lookup hook.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import dns from 'node:dns';
import { embeddedIpv4, hasControlCharacters, ipv6Groups, isPublicAddress, refusedUrlHost } from '../../src/net/public-address.js';
import { BlockedAddressError, guardedLookup } from '../../src/net/ssrf-guard.js';

const NOT_PUBLIC = [
  // IPv4 special-purpose blocks
  '0.0.0.0', '0.1.2.3', '10.0.0.1', '100.64.0.1', '127.0.0.1', '127.255.255.254', '169.254.169.254', '172.16.0.1', '172.31.255.255',
  '192.0.0.8', '192.0.2.1', '192.88.99.1', '192.168.1.1', '198.18.0.1', '198.51.100.1', '203.0.113.1', '224.0.0.1', '240.0.0.1', '255.255.255.255',
  // IPv6 loopback, unspecified, link-local, site-local, unique-local, multicast, documentation, discard, benchmarking, ORCHID, SRv6
  '::', '::1', '0:0:0:0:0:0:0:1', 'fe80::1', 'fe80::1%eth0', 'febf::1', 'fec0::1', 'fc00::1', 'fd12:3456::1', 'ff02::1', '2001:db8::1', '3fff::1',
  '100::1', '2001:2::1', '2001:10::1', '5f00::1',
  // IPv4-compatible (::/96), all of it
  '::7f00:1', '::127.0.0.1', '::a00:1', '::8.8.8.8',
  // IPv4-mapped and translated, every textual form
  '::ffff:127.0.0.1', '::ffff:7f00:1', '::FFFF:7F00:0001', '0:0:0:0:0:ffff:127.0.0.1', '0:0:0:0:0:ffff:7f00:1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe',
  '::ffff:0.0.0.0', '::ffff:0:7f00:1', '::ffff:0:127.0.0.1',
  // NAT64 well-known prefix carrying private IPv4, and the local-use /48 whatever it carries
  '64:ff9b::127.0.0.1', '64:ff9b::7f00:1', '64:ff9b::a00:1', '64:ff9b::a9fe:a9fe', '64:ff9b:1::808:808', '64:ff9b:1:ffff::1',
  // 6to4 embedding private IPv4
  '2002:7f00:1::', '2002:7f00:1::1', '2002:a00:1::1', '2002:c0a8:101::1', '2002::1',
  // Teredo whose client (stored inverted) or server is private
  '2001:0:4136:e378:8000:63bf:80ff:fffe', '2001:0:7f00:1:0:0:f7f7:f7f7', '2001:0:4136:e378:8000:63bf:3fff:fdd2',
];
const PUBLIC = [
  '8.8.8.8', '1.1.1.1', '93.184.216.34', '2606:4700:4700::1111', '2a00:1450:4001:80b::200e', '::ffff:8.8.8.8', '::ffff:808:808',
  '64:ff9b::808:808', '64:ff9b::8.8.8.8', '2002:808:808::1', '2001:0:4136:e378:8000:63bf:f7f7:f7f7',
];

test('address table: private, loopback and special-purpose addresses in every form are not public', () => {
  for (const ip of NOT_PUBLIC) assert.equal(isPublicAddress(ip), false, ip);
  for (const ip of PUBLIC) assert.equal(isPublicAddress(ip), true, ip);
  for (const junk of ['', 'localhost', 'example.com', '1.2.3', '::ffff:1.2.3.4.5', '[::1]']) assert.equal(isPublicAddress(junk), false, junk);
});

test('IPv6 parsing: compressed, full and dotted-tail forms give the same groups; the embedded IPv4 is found', () => {
  const want = [0, 0, 0, 0, 0, 0xffff, 0x7f00, 1];
  for (const form of ['::ffff:127.0.0.1', '::ffff:7f00:1', '0:0:0:0:0:ffff:7f00:1', '0000:0000:0000:0000:0000:FFFF:7F00:0001', '0::ffff:127.0.0.1']) {
    assert.deepEqual(ipv6Groups(form), want, form);
  }
  assert.deepEqual(ipv6Groups('1::'), [1, 0, 0, 0, 0, 0, 0, 0]);
  assert.deepEqual(ipv6Groups('::'), [0, 0, 0, 0, 0, 0, 0, 0]);
  assert.equal(ipv6Groups('127.0.0.1'), null);
  assert.deepEqual(embeddedIpv4(ipv6Groups('64:ff9b::a00:1')!), ['10.0.0.1']);
  assert.deepEqual(embeddedIpv4(ipv6Groups('2002:c0a8:101::')!), ['192.168.1.1']);
  assert.deepEqual(embeddedIpv4(ipv6Groups('2001:0:4136:e378:8000:63bf:3fff:fdd2')!), ['65.54.227.120', '192.0.2.45']);
  assert.deepEqual(embeddedIpv4(ipv6Groups('2606:4700:4700::1111')!), []);
});

/** URL text as a client sends it → the host the guard refuses (null: left to DNS at connect time). */
const URL_HOSTS: [string, string | null][] = [
  ['http://127.0.0.1/', '127.0.0.1'],
  ['http://2130706433/', '127.0.0.1'],
  ['http://0x7f.1/', '127.0.0.1'],
  ['http://017700000001/', '127.0.0.1'],
  ['http://0177.0.0.1/', '127.0.0.1'],
  ['http://127.1/', '127.0.0.1'],
  ['http://127.0.0.1./', '127.0.0.1'],
  ['http://127.0.0.1../', '127.0.0.1..'],
  ['http://%31%32%37.0.0.1/', '127.0.0.1'],
  ['http://0.0.0.0/', '0.0.0.0'],
  ['http://0/', '0.0.0.0'],
  ['http://example.com@127.0.0.1/', '127.0.0.1'],
  ['http://1.1.1.1&@127.0.0.1#@8.8.8.8/', '127.0.0.1'],
  ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
  ['http://[::]/', '::'],
  ['http://[::1]:8080/', '::1'],
  ['http://[::7f00:1]/', '::7f00:1'],
  ['http://[::127.0.0.1]/', '::7f00:1'],
  ['http://[::ffff:127.0.0.1]/', '::ffff:7f00:1'],
  ['http://[::ffff:7f00:1]/', '::ffff:7f00:1'],
  ['http://[0:0:0:0:0:ffff:127.0.0.1]/', '::ffff:7f00:1'],
  ['http://[::ffff:0:127.0.0.1]/', '::ffff:0:7f00:1'],
  ['http://[64:ff9b::127.0.0.1]/', '64:ff9b::7f00:1'],
  ['http://[64:ff9b:1::a00:1]/', '64:ff9b:1::a00:1'],
  ['http://[2002:7f00:1::]/', '2002:7f00:1::'],
  ['http://[2001:0:4136:e378:8000:63bf:80ff:fffe]/', '2001:0:4136:e378:8000:63bf:80ff:fffe'],
  ['http://[fe80::1]/', 'fe80::1'],
  ['http://[fc00::1]/', 'fc00::1'],
  ['http://localhost/', 'localhost'],
  ['http://LOCALHOST:3000/', 'localhost'],
  ['http://localhost./', 'localhost.'],
  ['http://localhost../', 'localhost..'],
  ['http://localhost%2e/', 'localhost.'],
  ['http://api.localhost./', 'api.localhost.'],
  ['http://ip6-localhost/', 'ip6-localhost'],
  ['http://localhost.localdomain/', 'localhost.localdomain'],
  ['https://example.com/', null],
  ['https://example.com./', null],
  ['http://8.8.8.8/', null],
  ['http://[2606:4700:4700::1111]/', null],
  ['http://[::ffff:8.8.8.8]/', null],
  ['http://localhost.example.com/', null],
];

test('URL hosts refused without DNS: literal private addresses in every form the parser normalises, loopback names with trailing dots', () => {
  for (const [raw, refused] of URL_HOSTS) assert.equal(refusedUrlHost(new URL(raw)), refused, raw);
});

test('control characters are found in the raw text (the parser would drop tab, CR and LF)', () => {
  for (const raw of ['http://exa\nmple.com/', 'http://example.com/\r\n', 'http://a\tb.com/', 'http://example.com/\u0000', 'http://example.com/\u001b[0m', 'http://example.com/\u007f']) {
    assert.equal(hasControlCharacters(raw), true, JSON.stringify(raw));
  }
  assert.equal(new URL('http://exa\nmple.com/').hostname, 'example.com', 'what the parser would have done');
  assert.equal(hasControlCharacters('https://example.com/a%0Ab?c=d e'), false);
});

const lookup = (hostname: string, all: boolean) =>
  new Promise<{ err: NodeJS.ErrnoException | null; address: unknown }>((resolve) => guardedLookup(hostname, { all }, (err, address) => resolve({ err, address })));

test('connect-time lookup: a name that resolves to loopback is refused; the first answer is what gets connected to', async () => {
  for (const all of [false, true]) {
    const r = await lookup('localhost', all);
    assert.ok(r.err instanceof BlockedAddressError, `localhost (all: ${all})`);
    assert.match(r.err.message, /not public/);
  }
  // 'localhost.' resolves to loopback on some resolvers and not at all on others: never to an answer we would use.
  const dotted = await lookup('localhost.', false);
  assert.ok(dotted.err instanceof BlockedAddressError || dotted.err?.code === 'ENOTFOUND', String(dotted.err));
  // A resolver answering a private address for a public-looking name (DNS rebinding), and one mixing public and private answers.
  const real = dns.lookup;
  const answers: Record<string, dns.LookupAddress[]> = {
    'rebind.example': [{ address: '127.0.0.1', family: 4 }],
    'mapped.example': [{ address: '::ffff:127.0.0.1', family: 6 }],
    'mixed.example': [{ address: '8.8.8.8', family: 4 }, { address: '10.0.0.1', family: 4 }],
    'public.example': [{ address: '8.8.8.8', family: 4 }, { address: '2606:4700:4700::1111', family: 6 }],
  };
  (dns as { lookup: unknown }).lookup = (name: string, _o: unknown, cb: (e: Error | null, a: dns.LookupAddress[]) => void) => cb(null, answers[name] ?? []);
  try {
    for (const name of ['rebind.example', 'mapped.example', 'mixed.example']) assert.ok((await lookup(name, false)).err instanceof BlockedAddressError, name);
    assert.deepEqual(await lookup('public.example', false), { err: null, address: '8.8.8.8' });
    assert.deepEqual((await lookup('public.example', true)).address, answers['public.example']);
  } finally {
    (dns as { lookup: unknown }).lookup = real;
  }
});
