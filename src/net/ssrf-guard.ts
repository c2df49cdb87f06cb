// Refuses outbound connections to loopback, private, link-local, unique-local and other non-public
// addresses. DNS is resolved by us and the checked address is the one connected to (no rebinding
// between check and connect). Webhook delivery reuses `createGuardedDispatcher`. What counts as public
// is decided in public-address.ts.
import dns from 'node:dns';
import { Agent, type Dispatcher } from 'undici';
import { isPublicAddress, refusedUrlHost } from './public-address.js';

export { isPublicAddress, refusedUrlHost } from './public-address.js';

export class BlockedAddressError extends Error {
  constructor(readonly address: string) {
    super(`address ${address} is not public`);
    this.name = 'BlockedAddressError';
  }
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

/** Literal IP hosts skip DNS (and so the lookup hook), and loopback names need none: check them up front. */
export function assertPublicUrlHost(url: URL): void {
  const refused = refusedUrlHost(url);
  if (refused !== null) throw new BlockedAddressError(refused);
}
