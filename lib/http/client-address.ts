/**
 * Who a request comes from, for the per-client limits. A client can write any header it likes,
 * `X-Forwarded-For` and `X-Real-IP` included, and `next start` passes a client's own
 * `X-Forwarded-For` through unchanged. So the address that counts is the TCP peer's, which no
 * header can change; a forwarding header is believed only when that peer is a proxy the site
 * was told to trust (TRUSTED_PROXIES, deploy/README.md), and then only its last entry: the
 * address that proxy itself saw. Each proxy vouches for one hop; a CDN in front of nginx is
 * handled in nginx (its real_ip module), not here.
 */
import { subscribe } from 'node:diagnostics_channel';
import type { IncomingMessage } from 'node:http';
import { BlockList, isIP, type Socket } from 'node:net';

/**
 * The request header that carries the TCP peer's address from the HTTP server to the route
 * handlers. Set on every request by recordPeerAddresses, replacing any value a client sent.
 */
export const PEER_HEADER = 'x-decisions-peer-address';

const installed = Symbol.for('barnet-decisions.peer-address-recorder');

/**
 * Writes each request's TCP peer into PEER_HEADER, before Next.js sees the request. Node.js
 * publishes every request on the `http.server.request.start` diagnostics channel before the
 * server's request handler runs, so this needs no custom server and no patching: it is called
 * once from instrumentation.ts. Route handlers only see web-standard Requests, without the
 * socket.
 */
export function recordPeerAddresses(): void {
  const registry = globalThis as typeof globalThis & { [installed]?: boolean };
  if (registry[installed]) return;
  registry[installed] = true;
  subscribe('http.server.request.start', (message) => {
    const { request, socket } = message as { request: IncomingMessage; socket: Socket };
    request.headers[PEER_HEADER] = socket.remoteAddress ?? '';
  });
}

/** An IPv4 address as a dual-stack socket reports it (`::ffff:127.0.0.1`) is that IPv4 address. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(address);
  return mapped ? mapped[1]! : address;
}

export interface TrustedProxies {
  list: BlockList;
  /** How many addresses and ranges were given (0: trust no forwarding header). */
  size: number;
}

export type TrustedProxiesResult = { ok: true; proxies: TrustedProxies } | { ok: false; problem: string };

/**
 * TRUSTED_PROXIES: addresses and CIDR ranges, separated by commas or spaces
 * (`127.0.0.1, ::1, 10.0.0.0/8`). Empty or unset: no proxy is trusted.
 */
export function parseTrustedProxies(setting: string | undefined): TrustedProxiesResult {
  const list = new BlockList();
  let size = 0;
  for (const entry of (setting ?? '').split(/[\s,]+/).filter(Boolean)) {
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? undefined : Number(bits);
    const maxBits = family === 6 ? 128 : 32;
    if (family === 0 || extra !== undefined || (prefix !== undefined && !(Number.isInteger(prefix) && prefix >= 0 && prefix <= maxBits))) {
      return { ok: false, problem: `TRUSTED_PROXIES: "${entry.slice(0, 60)}" is not an IP address or a CIDR range like 10.0.0.0/8` };
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === undefined) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
    size++;
  }
  return { ok: true, proxies: { list, size } };
}

function isTrusted(proxies: TrustedProxies, address: string): boolean {
  const family = isIP(address);
  if (proxies.size === 0 || family === 0) return false;
  return proxies.list.check(address, family === 6 ? 'ipv6' : 'ipv4');
}

/**
 * The client's address: the TCP peer's, or, when the peer is a trusted proxy, the last
 * `X-Forwarded-For` entry (the address that proxy saw; entries before it are the client's own
 * words). Undefined when the server did not record the peer (recordPeerAddresses was not
 * installed): the caller then has no address it can believe.
 */
export function clientAddress(headers: Headers, proxies: TrustedProxies): string | undefined {
  const peer = headers.get(PEER_HEADER);
  if (!peer) return undefined;
  const address = plainAddress(peer);
  if (!isTrusted(proxies, address)) return address;
  const forwarded = headers.get('x-forwarded-for');
  const last = forwarded === null ? '' : plainAddress(forwarded.slice(forwarded.lastIndexOf(',') + 1).trim());
  return isIP(last) ? last : address;
}

let fromEnvironment: { setting: string | undefined; proxies: TrustedProxies } | undefined;

/** The process's TRUSTED_PROXIES, parsed once (an invalid setting is refused at start: lib/server/start-checks.ts). */
export function trustedProxiesFromEnv(env: NodeJS.ProcessEnv = process.env): TrustedProxies {
  const setting = env.TRUSTED_PROXIES;
  if (fromEnvironment === undefined || fromEnvironment.setting !== setting) {
    const parsed = parseTrustedProxies(setting);
    fromEnvironment = { setting, proxies: parsed.ok ? parsed.proxies : { list: new BlockList(), size: 0 } };
  }
  return fromEnvironment.proxies;
}
