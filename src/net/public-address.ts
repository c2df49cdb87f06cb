// Which addresses and URL hosts the server may reach: pure classification (no DNS, no sockets), shared by
// the request-time checks (a literal private host is a 400) and the connect-time guard in ssrf-guard.ts.
// The blocks follow IANA's special-purpose registries ("globally reachable: false"); IPv6 forms that
// carry an IPv4 address (mapped, compatible, NAT64, 6to4, Teredo) are judged by the IPv4 they carry,
// since that is where the packets end up.
import net from 'node:net';

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
  ['192.88.99.0', 24],
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
  // IPv4-compatible (deprecated, RFC 4291), and with it :: and ::1.
  ['::', 96],
  ['100::', 64],
  ['2001:2::', 48],
  ['2001:10::', 28],
  ['2001:db8::', 32],
  ['3fff::', 20],
  ['5f00::', 16],
  // NAT64 local-use (RFC 8215): where the IPv4 sits depends on the site's prefix length, and it is site-local anyway.
  ['64:ff9b:1::', 48],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  blocked.addSubnet(addr, prefix, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 address (any textual form, zone id ignored), or null. */
export function ipv6Groups(ip: string): number[] | null {
  const address = ip.split('%')[0]!;
  if (!net.isIPv6(address)) return null;
  let text = address;
  const tail: number[] = [];
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number) as [number, number, number, number];
    tail.push((a << 8) | b, (c << 8) | d);
    text = text.slice(0, dotted.index);
    if (text.endsWith(':') && !text.endsWith('::')) text = text.slice(0, -1);
  }
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((h) => parseInt(h, 16)));
  const [head, rest] = text.split('::') as [string, string | undefined];
  const left = parse(head);
  const right = [...(rest === undefined ? [] : parse(rest)), ...tail];
  if (rest === undefined) return [...left, ...right];
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

function ipv4Of(high: number, low: number): string {
  return `${high >> 8}.${high & 0xff}.${low >> 8}.${low & 0xff}`;
}

/** The IPv4 addresses an IPv6 address delivers to (mapped, translated, NAT64, 6to4, Teredo), if any. */
export function embeddedIpv4(groups: readonly number[]): string[] {
  const g = groups;
  const zeros = (from: number, to: number) => g.slice(from, to).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped) and ::ffff:0:a.b.c.d (translated, RFC 6145)
  if (zeros(0, 5) && g[5] === 0xffff) return [ipv4Of(g[6]!, g[7]!)];
  if (zeros(0, 4) && g[4] === 0xffff && g[5] === 0) return [ipv4Of(g[6]!, g[7]!)];
  // 64:ff9b::a.b.c.d (NAT64 well-known prefix, RFC 6052)
  if (g[0] === 0x64 && g[1] === 0xff9b && zeros(2, 6)) return [ipv4Of(g[6]!, g[7]!)];
  // 2002:AABB:CCDD::/48 (6to4, RFC 3056)
  if (g[0] === 0x2002) return [ipv4Of(g[1]!, g[2]!)];
  // 2001:0:SSSS:SSSS:flags:port:CCCC:CCCC (Teredo, RFC 4380): the server, and the client stored inverted
  if (g[0] === 0x2001 && g[1] === 0) return [ipv4Of(g[2]!, g[3]!), ipv4Of(~g[6]! & 0xffff, ~g[7]! & 0xffff)];
  return [];
}

export function isPublicAddress(ip: string): boolean {
  const address = ip.split('%')[0]!;
  const family = net.isIP(address);
  if (family === 4) return !blocked.check(address, 'ipv4');
  if (family !== 6) return false;
  const groups = ipv6Groups(address);
  if (!groups || groups.length !== 8) return false;
  const canonical = groups.map((x) => x.toString(16)).join(':');
  if (blocked.check(canonical, 'ipv6')) return false;
  return embeddedIpv4(groups).every((v4) => !blocked.check(v4, 'ipv4'));
}

/** Names that mean this machine on every resolver (RFC 6761 `.localhost`, and the usual /etc/hosts entries). */
const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'localhost6', 'localhost6.localdomain6', 'ip6-localhost', 'ip6-loopback']);

/**
 * The host of `url` when it is refused without asking DNS: a literal private address (in whatever form
 * the URL parser normalised it to), or a loopback name, trailing dots and all. Null when only DNS can tell.
 */
export function refusedUrlHost(url: URL): string | null {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (net.isIP(host)) return isPublicAddress(host) ? null : host;
  // 'localhost.' and 'localhost..' are the same name to a resolver; '127.0.0.1..' is left a name by the URL parser.
  const name = host.toLowerCase().replace(/\.+$/, '');
  if (name === '' || LOOPBACK_NAMES.has(name) || name.endsWith('.localhost')) return host;
  if (name !== host) {
    let reparsed: string;
    try {
      reparsed = new URL(`http://${name}/`).hostname;
    } catch {
      return host;
    }
    if (net.isIP(reparsed) && !isPublicAddress(reparsed)) return host;
  }
  return null;
}

/** C0 controls and DEL: the URL parser silently drops tab, CR and LF, so the URL used would differ from the one sent. */
export function hasControlCharacters(raw: string): boolean {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(raw);
}
