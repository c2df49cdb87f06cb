// Refuses outbound connections to loopback, private, link-local, unique-local and other non-public
// addresses. DNS is resolved by us and the checked address is the one connected to (no rebinding
// between check and connect). Webhook delivery reuses `createGuardedDispatcher`.
import dns from 'node:dns';
import net from 'node:net';
import { Agent, type Dispatcher } from 'undici';

const blocked = new net.BlockList();
for (const [addr, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.0.2.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  blocked.addSubnet(addr, prefix, 'ipv4');
}
for (const [addr, prefix] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['ff00::', 8],
  ['2001:db8::', 32],
  ['64:ff9b::', 96],
] as const) {
  blocked.addSubnet(addr, prefix, 'ipv6');
}

export class BlockedAddressError extends Error {
  constructor(readonly address: string) {
    super(`address ${address} is not public`);
    this.name = 'BlockedAddressError';
  }
}

export function isPublicAddress(ip: string): boolean {
  const family = net.isIP(ip);
  if (family === 0) return false;
  if (family === 6) {
    // IPv4-mapped IPv6 (::ffff:10.0.0.1) is checked as the IPv4 address it carries.
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
    if (mapped) return isPublicAddress(mapped[1]!);
    return !blocked.check(ip, 'ipv6');
  }
  return !blocked.check(ip, 'ipv4');
}

export function assertPublicAddress(ip: string): void {
  if (!isPublicAddress(ip)) throw new BlockedAddressError(ip);
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** A `lookup` for net.connect that resolves and refuses non-public answers. */
export function guardedLookup(hostname: string, options: dns.LookupOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, []);
    const list = addresses as dns.LookupAddress[];
    const bad = list.find((a) => !isPublicAddress(a.address));
    if (bad) return callback(new BlockedAddressError(bad.address), []);
    if (options.all) return callback(null, list);
    const first = list[0];
    if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
    callback(null, first.address, first.family);
  });
}

/** An undici dispatcher whose connections can only reach public addresses (unless `allowPrivate`). */
export function createGuardedDispatcher(options: { allowPrivate: boolean; connectTimeoutMs?: number }): Dispatcher {
  return new Agent({
    connect: {
      timeout: options.connectTimeoutMs ?? 10_000,
      ...(options.allowPrivate ? {} : { lookup: guardedLookup as never }),
    },
  });
}

/** Literal IP hosts skip DNS (and so the lookup hook): check them up front. */
export function assertPublicUrlHost(url: URL): void {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) assertPublicAddress(host);
  if (host === 'localhost' || host.endsWith('.localhost')) throw new BlockedAddressError(host);
}
