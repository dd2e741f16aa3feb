import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { get, many, tryToFillCache } from '../../scripts/bench/edge';
import { cacheEntries, cacheFolder, NGINX, proxyConfig, readDeployConf, siteServerName, startNginx } from '../../scripts/bench/nginx';
import { stop, type Running } from '../../scripts/bench/procs';
import { hendon } from './routes';

/**
 * deploy/nginx.conf for real, in front of the production build Playwright started: only the
 * machine-specific lines are changed (scripts/bench/nginx.ts). Invented query strings, Host
 * headers and addresses must not add a single file to the cache, and a flood of searches must
 * be answered 429, never 5xx. Nor may Next.js's own page cache keep anything for invented page
 * numbers, slugs or query strings. Runs in the desktop project only (playwright.config.ts): nginx's
 * limits count per client, and every project would be the same client.
 */

const REPO = path.resolve(import.meta.dirname, '..', '..');
const conf = readDeployConf(REPO);
const HOST = siteServerName(conf);
const INVENTED = 600;

let prefix: string;
let nginx: Running | undefined;
let origin: URL;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async ({ baseURL }) => {
  expect(existsSync(NGINX), `${NGINX}: install nginx (Debian: apt-get install nginx-light; .ci/run does it)`).toBe(true);
  const upstream = Number(new URL(baseURL!).port);
  const port = Number(process.env.E2E_NGINX_PORT ?? upstream + 5000);
  prefix = mkdtempSync(path.join(os.tmpdir(), 'decisions-nginx-'));
  nginx = startNginx('nginx', proxyConfig(conf, { prefix, port, upstreamPorts: [upstream] }), prefix);
  origin = new URL(`http://127.0.0.1:${port}`);
  await expect
    .poll(
      () =>
        get(origin, '/robots.txt', { host: HOST }).then(
          (a) => a.status,
          () => 0,
        ),
      { timeout: 15_000 },
    )
    .toBe(200);
});

test.afterAll(async () => {
  if (nginx) await stop(nginx);
  if (prefix) rmSync(prefix, { recursive: true, force: true });
});

const entries = () => cacheEntries(cacheFolder(prefix));

/** Fetches a path until nginx serves it from the cache, so that its entry is on disk. */
async function warm(rawPath: string): Promise<void> {
  await expect.poll(async () => (await get(origin, rawPath, { host: HOST })).headers['x-cache-status'], { timeout: 15_000 }).toBe('HIT');
}

test('600 invented query strings and 600 invented Host headers add no cache entry', async () => {
  await warm(hendon);
  await warm('/feed.xml');
  const before = entries();
  expect(before).toBeGreaterThanOrEqual(2);

  const page = await tryToFillCache(origin, { host: HOST, path: hendon, count: INVENTED });
  expect(page.queries.statuses).toEqual({ 200: INVENTED });
  expect(page.queries.cache).toEqual({ HIT: INVENTED });
  // Another host name is refused before the cache is looked at.
  expect(page.hosts.statuses).toEqual({ 421: INVENTED });

  // A feed reads its filter parameters, and only those: `?n=` is dropped, in any order.
  const feed = await tryToFillCache(origin, { host: HOST, path: '/feed.xml', count: 100 });
  expect(feed.queries.cache).toEqual({ HIT: 100 });
  expect(feed.hosts.statuses).toEqual({ 421: 100 });

  expect(entries()).toBe(before);
});

test('a filtered view is one cache entry however its parameters are ordered; invented values are 400s, never stored; CORS passes through', async () => {
  const normal = '/feed.json?committee=cabinet-resources-committee&outcome=approved';
  await warm(normal);
  const repeatedNormal = '/data/decisions.csv?outcome=accepted&outcome=approved';
  await warm(repeatedNormal);
  const before = entries();

  // Single values in another order: nginx puts them in order itself, and finds the entry.
  const reversed = await get(origin, '/feed.json?outcome=approved&committee=cabinet-resources-committee&n=1', { host: HOST });
  expect(reversed.status).toBe(200);
  expect(reversed.headers['x-cache-status']).toBe('HIT');
  expect(reversed.headers['access-control-allow-origin']).toBe('*');
  // Repeated values in another order: a redirect (not stored) to the normal spelling, the one entry.
  for (const spelling of ['/data/decisions.csv?outcome=approved&outcome=accepted', '/data/decisions.csv?outcome=approved&outcome=accepted&outcome=approved']) {
    const answer = await get(origin, spelling, { host: HOST });
    expect(answer.status, spelling).toBe(308);
    expect(answer.headers.location, spelling).toBe(repeatedNormal);
  }
  expect((await get(origin, repeatedNormal, { host: HOST })).headers['x-cache-status']).toBe('HIT');

  // A CORS preflight is answered through the cache.
  const preflight = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = http.request(
      {
        host: origin.hostname,
        port: origin.port,
        path: '/data/decisions.json',
        method: 'OPTIONS',
        headers: { host: HOST, origin: 'https://example.org', 'access-control-request-method': 'GET', 'access-control-request-headers': 'if-none-match' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end();
  });
  expect(preflight.status).toBe(204);
  expect(preflight.headers['access-control-allow-origin']).toBe('*');
  expect(String(preflight.headers['access-control-allow-headers'])).toMatch(/If-None-Match/i);

  // Invented values: 400 with a plain message (or 429 past the limits), never stored. (Fewer
  // than the burst allowed to reach Next.js, so that the tests after this one still reach it.)
  const invented = await many(60, 8, (i) =>
    get(
      origin,
      [`/feed.xml?committee=invented-${i}`, `/data/decisions.json?outcome=x${i}&outcome=approved`, `/atom.xml?from=2011-02-${30 + (i % 2)}`][i % 3]!,
      { host: HOST },
    ),
  );
  expect(Object.keys(invented.statuses).filter((s) => s !== '400' && s !== '429')).toEqual([]);
  expect(invented.samples['400']!.body).toMatch(/is not (a committee|an outcome|a date)/);
  expect(invented.samples['400']!.headers['cache-control']).toBe('no-store');
  expect(entries()).toBe(before);
});

test('spellings of a page address other than its own, and invented addresses, are never stored', async () => {
  await warm(hendon);
  const before = entries();
  const slug = hendon.split('/').pop()!;
  const spellings = [
    `/decisions/%${slug.charCodeAt(0).toString(16)}${slug.slice(1)}`,
    `/decisions//${slug}`,
    `/decisions/./${slug}`,
    `/decisions/x/../${slug}`,
    `/decisions/${slug}/`,
    `/DECISIONS/${slug}`,
  ];
  for (const spelling of spellings) {
    const answer = await get(origin, spelling, { host: HOST });
    expect(answer.status, spelling).toBeLessThan(500);
    expect(answer.headers['x-cache-status'], spelling).not.toBe('HIT');
  }
  // Invented slugs answer 404 (or 429 once past the limit on what reaches Next.js), never stored.
  const invented = await many(200, 8, (i) => get(origin, `/decisions/invented-${i}`, { host: HOST }));
  expect(Object.keys(invented.statuses).sort()).toEqual(
    Object.keys(invented.statuses)
      .filter((s) => s === '404' || s === '429')
      .sort(),
  );
  expect(invented.statuses['404']).toBeGreaterThan(0);
  expect(entries()).toBe(before);
});

test("a cached page: Next.js's gzip copy for a client that takes gzip, plain for one that does not, no Next.js internals; hits are not in the access log", async () => {
  const page = '/projects/nscso';
  const log = path.join(prefix, 'access.log');
  const linesFor = (address: string) => (existsSync(log) ? readFileSync(log, 'utf8') : '').split('\n').filter((line) => line.includes(`"GET ${address} `));

  const first = await get(origin, page, { host: HOST, headers: { 'accept-encoding': 'gzip' } });
  expect(first.headers['x-cache-status']).toBe('MISS');
  await warm(page);
  for (let i = 0; i < 5; i++) {
    const hit = await get(origin, page, { host: HOST, headers: { 'accept-encoding': 'gzip, br' } });
    expect(hit.headers['x-cache-status']).toBe('HIT');
    expect(hit.headers['content-encoding']).toBe('gzip');
    expect(hit.headers.vary).toMatch(/Accept-Encoding/);
    for (const internal of ['x-nextjs-cache', 'x-nextjs-prerender', 'x-nextjs-stale-time', 'x-middleware-rewrite'])
      expect(hit.headers[internal], internal).toBeUndefined();
  }
  const plain = await get(origin, page, { host: HOST });
  expect(plain.headers['content-encoding']).toBeUndefined();
  expect(plain.body).toContain('</html>');

  // A request that always reaches Next.js, logged after the hits: once it is in the (buffered)
  // log, so would they be. (Asked until it is a 404, not a 429 of the limit on misses, which
  // the flood of invented addresses above may still hold.)
  const sentinel = `/decisions/not-a-decision-${Date.now()}`;
  await expect.poll(async () => (await get(origin, sentinel, { host: HOST })).status, { timeout: 15_000 }).toBe(404);
  await expect.poll(() => linesFor(sentinel).some((line) => line.includes('" 404 ')), { timeout: 15_000 }).toBe(true);
  const logged = linesFor(page);
  expect(logged.filter((line) => line.includes('cache=MISS')).length, logged.join('\n')).toBeGreaterThanOrEqual(1);
  expect(
    logged.filter((line) => !line.includes('cache=MISS')),
    'only the misses are logged',
  ).toEqual([]);
});

test('a flood of searches from one client is answered 429 with a short plain page, never 5xx', async () => {
  const flood = await many(400, 32, (i) => get(origin, `/search?q=business&n=${i}`, { host: HOST }));
  const statuses = Object.keys(flood.statuses);
  expect(
    statuses.filter((s) => s !== '200' && s !== '429'),
    JSON.stringify(flood.statuses),
  ).toEqual([]);
  expect(flood.statuses['200']).toBeGreaterThan(0);
  expect(flood.statuses['429']).toBeGreaterThan(200);

  const refused = flood.samples['429']!;
  expect(refused.headers['content-type']).toMatch(/^text\/plain/);
  expect(refused.headers['cache-control']).toBe('no-store');
  expect(refused.body.length).toBeLessThan(200);
  expect(refused.body).toContain('Too many requests');
  // Cached pages are not limited: they never reach Next.js.
  expect((await get(origin, hendon, { host: HOST })).status).toBe(200);
});

test("Next.js's own page cache stores nothing for invented page numbers, slugs or query strings", async ({ request }) => {
  const serverDir = path.join(REPO, process.env.NEXT_DIST_DIR || '.next', 'server');
  const invented = (i: number) => [
    `/page/${1000 + i}`,
    `/page/0${i}`,
    `/page/1e${i}`,
    `/tags/one-barnet/page/${i + 1}`,
    `/archive/2011/page/${'9'.repeat(i)}`,
    `/decisions/invented-next-${i}`,
    `${hendon}?n=${i}`,
  ];
  for (let i = 1; i <= 30; i++) {
    for (const url of invented(i)) {
      const response = await request.get(url, { maxRedirects: 0 });
      expect(response.status(), url).toBe(url.includes('?n=') ? 200 : 404);
    }
  }
  // Files are named after the address they keep (route-cache/…/$/page/2.html): none may be named after these.
  const stored = readdirSync(serverDir, { recursive: true }).map(String);
  const named = stored.filter((file) => /(^|\/)page\/(10\d\d|0\d+|1e\d+|9{2,})(\.|\/|$)|invented-next-|tags\/one-barnet\/page\/|[?&]n=/.test(file));
  expect(named).toEqual([]);
  expect(stored.some((file) => file.includes('route-cache') || file.includes('app'))).toBe(true);
});
