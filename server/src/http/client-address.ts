import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { BlockList, isIP } from 'node:net';

/** Which proxies in front of the backend to believe about the client's address (`TRUST_PROXY`). */
export type TrustProxy = { hops: number } | { networks: string[] } | null;

/**
 * The client's address: the socket's peer, or, behind trusted proxies, the `X-Forwarded-For` entry
 * that the nearest untrusted hop added. Without trust, `X-Forwarded-For` is ignored: anyone can send it.
 */
export function clientAddressOf(trust: TrustProxy): (c: Context) => string {
  const trusted = trust && 'networks' in trust ? blockListOf(trust.networks) : undefined;
  return function clientAddress(c) {
    const peer = normalize(socketAddress(c));
    if (!trust) return peer;
    const forwarded = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((entry) => normalize(entry.trim()))
      .filter((entry) => isIP(entry) !== 0);
    const chain = [...forwarded, peer];
    if ('hops' in trust) return chain[Math.max(0, chain.length - 1 - trust.hops)]!;
    let index = chain.length - 1;
    while (index > 0 && isTrusted(trusted!, chain[index]!)) index -= 1;
    return chain[index]!;
  };
}

/** Parses `TRUST_PROXY`: a hop count, or a comma-separated list of addresses and CIDR ranges. */
export function parseTrustProxy(value: string): TrustProxy | string {
  const text = value.trim();
  if (text === '' || text === '0') return null;
  if (/^\d+$/.test(text)) return { hops: Number(text) };
  const networks = text.split(',').map((s) => s.trim());
  const bad = networks.find((network) => !isNetwork(network));
  return bad === undefined ? { networks } : `"${bad}" is neither a hop count nor an address or CIDR range`;
}

function isNetwork(network: string): boolean {
  const [address = '', prefix, extra] = network.split('/');
  const family = isIP(address);
  if (family === 0 || extra !== undefined) return false;
  if (prefix === undefined) return true;
  const bits = Number(prefix);
  return /^\d+$/.test(prefix) && bits <= (family === 4 ? 32 : 128);
}

function blockListOf(networks: string[]): BlockList {
  const list = new BlockList();
  for (const network of networks) {
    const [address = '', prefix] = network.split('/');
    const type = isIP(address) === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, Number(prefix), type);
  }
  return list;
}

function isTrusted(list: BlockList, address: string): boolean {
  const family = isIP(address);
  return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/** `::ffff:10.0.0.1` is the IPv4 address 10.0.0.1. */
function normalize(address: string): string {
  return address.startsWith('::ffff:') && isIP(address.slice(7)) === 4 ? address.slice(7) : address;
}

function socketAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}
