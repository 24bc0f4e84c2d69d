import { BlockList, isIP } from 'node:net';
import type { Config } from '../config.ts';

export type TrustProxy = Config['trustProxy'];

function normalize(address: string): string {
  const trimmed = address.trim();
  return trimmed.startsWith('::ffff:') && isIP(trimmed.slice(7)) === 4 ? trimmed.slice(7) : trimmed;
}

/**
 * The client's address (docs/transport-and-configuration.md TRUST_PROXY): the socket peer, or, behind trusted proxies,
 * the right-most X-Forwarded-For entry not added by one of them. Untrusted headers are ignored.
 */
export function clientAddressResolver(
  trust: TrustProxy,
): (peer: string | undefined, forwardedFor: string | null) => string | null {
  if (trust.kind === 'none') return (peer) => (peer ? normalize(peer) : null);
  if (trust.kind === 'hops') {
    return (peer, forwardedFor) => {
      const chain = [
        ...(forwardedFor ?? '').split(',').map(normalize).filter(Boolean),
        ...(peer ? [normalize(peer)] : []),
      ];
      return chain[Math.max(0, chain.length - 1 - trust.hops)] ?? null;
    };
  }
  const trusted = new BlockList();
  for (const cidr of trust.cidrs) {
    const [address = '', bits] = cidr.split('/');
    const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) trusted.addAddress(address, family);
    else trusted.addSubnet(address, Number(bits), family);
  }
  const isTrusted = (address: string) =>
    isIP(address) !== 0 && trusted.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');
  return (peer, forwardedFor) => {
    const chain = [
      ...(forwardedFor ?? '').split(',').map(normalize).filter(Boolean),
      ...(peer ? [normalize(peer)] : []),
    ];
    for (let index = chain.length - 1; index >= 0; index -= 1) {
      const address = chain[index];
      if (address && !isTrusted(address)) return address;
    }
    return chain[0] ?? null;
  };
}
