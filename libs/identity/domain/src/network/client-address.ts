import { BlockList, isIP } from 'node:net';

/** The proxies whose `X-Forwarded-For` is believed: single addresses or CIDR ranges, IPv4 or IPv6. */
export class TrustedProxies {
  private readonly list = new BlockList();
  readonly empty: boolean;

  /** Throws naming the first entry that is neither an address nor a CIDR range. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const [address, prefix] = entry.split('/');
      const family = isIP(address);
      if (!family) throw new Error(`'${entry}' is not an IP address or CIDR range`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) {
        this.list.addAddress(address, type);
      } else {
        const bits = Number(prefix);
        if (!Number.isInteger(bits) || bits < 0 || bits > (family === 4 ? 32 : 128)) {
          throw new Error(`'${entry}' has an invalid prefix length`);
        }
        this.list.addSubnet(address, bits, type);
      }
    }
    this.empty = entries.length === 0;
  }

  has(address: string): boolean {
    const family = isIP(address);
    return family !== 0 && this.list.check(address, family === 4 ? 'ipv4' : 'ipv6');
  }
}

/** `::ffff:192.0.2.1` (an IPv4 peer on a dual-stack socket) is the IPv4 address it carries. */
export function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1] : address;
}

/**
 * The address of the client, for throttling and the audit trail. `X-Forwarded-For` is read only when the
 * direct peer is a trusted proxy, and then from the right: each trusted proxy appends the address it saw, so
 * the rightmost address that is not a trusted proxy is the first one nobody on our side could have forged.
 * Anything a client writes into the header itself sits to the left of it and is ignored.
 */
export function clientAddress(
  peer: string,
  forwardedFor: string | undefined,
  trusted: TrustedProxies,
): string {
  const direct = plainAddress(peer);
  if (trusted.empty || !forwardedFor || !trusted.has(direct)) return direct;
  const hops = forwardedFor
    .split(',')
    .map((hop) => plainAddress(hop.trim()))
    .reverse();
  let client = direct;
  for (const hop of hops) {
    if (!isIP(hop)) return client;
    client = hop;
    if (!trusted.has(hop)) return hop;
  }
  return client;
}
