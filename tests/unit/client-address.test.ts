/**
 * Who a request comes from, for the per-client limits: the socket's address, never a header a
 * client wrote, unless the socket is a proxy the site was told to trust. Checked over real HTTP
 * (the diagnostics-channel hook on a real Node.js server) and as a pure function.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientKey } from '../../lib/alerts/http';
import { clientAddress, parseTrustedProxies, PEER_HEADER, recordPeerAddresses, type TrustedProxies } from '../../lib/http/client-address';
import { RateLimiter, REQUESTS_PER_CLIENT_PER_MINUTE } from '../../lib/alerts/limits';

function proxies(setting: string): TrustedProxies {
  const parsed = parseTrustedProxies(setting);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.proxies;
}

const none = proxies('');
const request = (headers: Record<string, string>) => new Request('http://site.example/alerts/subscribe', { method: 'POST', headers });

describe('the client address', () => {
  it('is the socket address when no proxy is trusted, whatever forwarding headers say', () => {
    const forged = { [PEER_HEADER]: '203.0.113.5', 'x-forwarded-for': '198.51.100.1', 'x-real-ip': '198.51.100.2' };
    expect(clientAddress(new Headers(forged), none)).toBe('203.0.113.5');
    expect(clientAddress(new Headers(forged), proxies('10.0.0.0/8'))).toBe('203.0.113.5');
  });

  it('is the last X-Forwarded-For entry when the socket is a trusted proxy', () => {
    const viaNginx = { [PEER_HEADER]: '::ffff:127.0.0.1', 'x-forwarded-for': '198.51.100.1, 203.0.113.7' };
    expect(clientAddress(new Headers(viaNginx), proxies('127.0.0.1'))).toBe('203.0.113.7');
    expect(clientAddress(new Headers(viaNginx), proxies('127.0.0.0/8, ::1'))).toBe('203.0.113.7');
    // A proxy that sent no usable header: the proxy itself is the client.
    expect(clientAddress(new Headers({ [PEER_HEADER]: '127.0.0.1', 'x-forwarded-for': 'not-an-address' }), proxies('127.0.0.1'))).toBe('127.0.0.1');
    expect(clientAddress(new Headers({ [PEER_HEADER]: '::1' }), proxies('::1'))).toBe('::1');
  });

  it('is unknown when the server did not record the socket, and then every request is one client', () => {
    expect(clientAddress(new Headers({ 'x-forwarded-for': '198.51.100.1' }), none)).toBeUndefined();
    expect(clientKey(request({ 'x-forwarded-for': '198.51.100.1' }), none)).toBe(clientKey(request({ 'x-forwarded-for': '198.51.100.2' }), none));
  });

  it('refuses a TRUSTED_PROXIES setting it cannot read', () => {
    for (const bad of ['localhost', '127.0.0.1/33', '10.0.0.0/8/1', '::1/129', '1.2.3']) expect(parseTrustedProxies(bad).ok, bad).toBe(false);
    expect(parseTrustedProxies(' 127.0.0.1,::1  10.1.0.0/16 ').ok).toBe(true);
  });
});

describe('over HTTP, with the peer recorded by the server', () => {
  let server: http.Server;
  let port: number;
  const limiter = new RateLimiter(REQUESTS_PER_CLIENT_PER_MINUTE, 60_000);
  beforeAll(async () => {
    recordPeerAddresses();
    // The route handlers' view: a web Request built from the Node.js request's headers.
    server = http.createServer((req, res) => {
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const key = clientKey(new Request('http://site.example/alerts/subscribe', { headers }), none);
      res.end(JSON.stringify({ key, allowed: limiter.allow(key, 0) }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  function post(headers: Record<string, string>): Promise<{ key: string; allowed: boolean }> {
    return new Promise((resolve, reject) => {
      const req = http.request({ port, host: '127.0.0.1', method: 'POST', headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c));
        res.on('end', () => resolve(JSON.parse(body) as { key: string; allowed: boolean }));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('16 requests from one client with invented headers are one client: the limit answers after 10', async () => {
    const answers = [];
    for (let i = 0; i < 16; i++) {
      answers.push(await post({ 'X-Forwarded-For': `198.51.100.${i}`, 'X-Real-IP': `203.0.113.${i}`, [PEER_HEADER]: `192.0.2.${i}` }));
    }
    expect(new Set(answers.map((a) => a.key))).toEqual(new Set(['127.0.0.1']));
    expect(answers.filter((a) => a.allowed)).toHaveLength(REQUESTS_PER_CLIENT_PER_MINUTE);
  });
});
