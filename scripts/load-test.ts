/**
 * npm run load [-- --url http://127.0.0.1:3000] [-- --duration 30] [-- --connections 100]
 *              [-- --pid PID] [-- --route /path[=STATUS] ...] [-- --settle 20] [-- --timeout 10] [-- --json]
 *              [-- --host NAME] [-- --nginx-cache DIR] [-- --invented 600]
 *
 * Holds many concurrent connections on each of the site's kinds of route (home page, a
 * decision page, the RSS feed, a search and a 404) against a server that is ALREADY RUNNING
 * (`npm run build && npm start`), one route after another, and reports for each: requests a
 * second, latency (p50, p99, max), answers by status, socket errors and timeouts; and the
 * server's resident memory before, at its peak and after the run has settled.
 *
 * Exits 1 on any 5xx, socket error, timeout or status other than the route's expected one.
 * Loopback only (it refuses any other host), and bounded in time: each route runs for its
 * duration, every request times out after 10 s (`--timeout`), and the whole run is stopped
 * after routes × (duration + 60 s) plus the rest allowed for memory to settle.
 *
 * In front of deploy/nginx.conf (`--url` its address, `--host` the site's name it answers to,
 * `--nginx-cache` its proxy_cache_path): first counts the files in the cache, sends a decision
 * page with 600 invented query strings and with 600 invented Host headers, and counts again (any
 * growth fails the run); then the search and 404 routes may also be answered 429 (the limits on
 * what reaches Next.js), and the report gives the number of 429s.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isIP } from 'node:net';
import { formatTally, get, tryToFillCache, type FillAttempt } from './bench/edge';
import { cacheEntries } from './bench/nginx';

interface StatusStats {
  [status: string]: { count: number };
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; max: number; average: number };
  throughput: { average: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  '1xx': number;
  '2xx': number;
  '3xx': number;
  '4xx': number;
  '5xx': number;
  statusCodeStats: StatusStats;
  duration: number;
}

interface AutocannonInstance extends PromiseLike<AutocannonResult> {
  on(event: 'reqError', listener: (error: Error & { code?: string }) => void): void;
  stop?: () => void;
}

type Autocannon = (options: Record<string, unknown>) => AutocannonInstance;

const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

interface Options {
  url: string;
  duration: number;
  connections: number;
  pid?: number;
  routes?: string[];
  json: boolean;
  settleSeconds: number;
  timeoutSeconds: number;
  /** The Host header of every request (the site's name, for nginx's server_name). */
  host?: string;
  /** nginx's cache folder: its entries are counted before and after invented requests. */
  nginxCache?: string;
  invented: number;
}

function usage(message: string): never {
  console.error(
    `${message}\nUsage: npm run load -- [--url http://127.0.0.1:3000] [--duration 30] [--connections 100] [--pid PID] [--route /path[=STATUS] ...] [--settle 20] [--timeout 10] [--json] [--host NAME] [--nginx-cache DIR] [--invented 600]`,
  );
  process.exit(2);
}

function parseArgs(argv: string[]): Options {
  const options: Options = { url: 'http://127.0.0.1:3000', duration: 30, connections: 100, json: false, settleSeconds: 20, timeoutSeconds: 10, invented: 600 };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => argv[++i] ?? usage(`${arg} needs a value`);
    const positive = (text: string, max: number) => {
      const n = Number(text);
      if (!Number.isInteger(n) || n < 1 || n > max) usage(`${arg} must be a whole number from 1 to ${max}`);
      return n;
    };
    if (arg === '--url') options.url = value();
    else if (arg === '--duration') options.duration = positive(value(), 600);
    else if (arg === '--connections') options.connections = positive(value(), 1000);
    else if (arg === '--pid') options.pid = positive(value(), 2 ** 22);
    else if (arg === '--settle') options.settleSeconds = positive(value(), 120);
    else if (arg === '--timeout') options.timeoutSeconds = positive(value(), 60);
    else if (arg === '--route') (options.routes ??= []).push(value());
    else if (arg === '--json') options.json = true;
    else if (arg === '--host') options.host = value();
    else if (arg === '--nginx-cache') options.nginxCache = value();
    else if (arg === '--invented') options.invented = positive(value(), 100_000);
    else if (arg === '--help' || arg === '-h') usage('Load test of a running server.');
    else usage(`Unknown option ${arg}`);
  }
  return options;
}

/** Only the loopback interface: this must never be pointed at someone else's server. */
function loopbackOrigin(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    usage(`--url '${text}' is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') usage('--url must be http(s)');
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const loopback = host === 'localhost' || host === '::1' || (isIP(host) === 4 && host.startsWith('127.'));
  if (!loopback) usage(`--url must be on the loopback interface (127.0.0.1, ::1 or localhost), not ${host}`);
  return new URL(url.origin);
}

/** The process listening on the port, from `ss -ltnp` (Linux). */
function pidListeningOn(port: number): number | undefined {
  try {
    const out = execFileSync('ss', ['-ltnpH', `sport = :${port}`], { encoding: 'utf8', timeout: 5000 });
    const match = /pid=(\d+)/.exec(out);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Resident memory of a process in MB, from /proc (Linux). */
function rssMb(pid: number | undefined): number | undefined {
  if (pid === undefined) return undefined;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
    return Number.isFinite(kb) ? Math.round(kb / 102.4) / 10 : undefined;
  } catch {
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function probe(origin: URL, path: string, host: string | undefined): Promise<{ status: number; body: string }> {
  return get(origin, path, host ? { host } : {});
}

interface Route {
  name: string;
  path: string;
  expected: number;
  /** Also acceptable: 429 from nginx's limits on what reaches Next.js. */
  mayBeLimited?: boolean;
}

async function discoverRoutes(origin: URL, given: string[] | undefined, host: string | undefined): Promise<{ routes: Route[]; notes: string[] }> {
  const notes: string[] = [];
  if (given) {
    // `--route /path` expects 200; `--route /path=404` expects that status.
    const routes = given.map((spec) => {
      const match = /^(.*)=(\d{3})$/.exec(spec);
      const path = match ? match[1]! : spec;
      if (!path.startsWith('/')) usage(`--route '${spec}' must be a path starting with /`);
      return { name: path.split('?')[0]!.split('/').filter(Boolean).pop() ?? 'home', path, expected: match ? Number(match[2]) : 200 };
    });
    return { routes, notes };
  }
  const home = await probe(origin, '/', host);
  if (home.status !== 200) throw new Error(`The home page answered ${home.status}: is the site running at ${origin.href}?`);
  const decision = /href="(\/decisions\/[a-z0-9-]+)"/.exec(home.body)?.[1];
  const routes: Route[] = [{ name: 'home', path: '/', expected: 200 }];
  if (decision) routes.push({ name: 'decision', path: decision, expected: 200 });
  else notes.push('No decision link on the home page: the decision route is skipped.');
  for (const [name, path] of [
    ['feed', '/feed.xml'],
    ['search', '/search?q=business'],
  ] as const) {
    const { status } = await probe(origin, path, host);
    if (status === 404) notes.push(`${path} answers 404 (not built yet): the ${name} route is skipped.`);
    else routes.push({ name, path, expected: 200, mayBeLimited: name === 'search' });
    if (status !== 200 && status !== 404) notes.push(`${path} answers ${status} before the load: expected 200.`);
  }
  routes.push({ name: '404', path: '/decisions/no-such-decision-load-test', expected: 404, mayBeLimited: true });
  return { routes, notes };
}

interface RouteReport {
  route: Route;
  requestsPerSecond: number;
  total: number;
  latencyMs: { p50: number; p99: number; max: number };
  statuses: Record<string, number>;
  unexpected: Record<string, number>;
  socketErrors: number;
  timeouts: number;
  errorCodes: Record<string, number>;
  rssMb: { before?: number; peak?: number; after?: number };
  ok: boolean;
}

const LOAD_HEADERS = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'accept-encoding': 'gzip' };

async function runRoute(origin: URL, route: Route, options: Options, pid: number | undefined): Promise<RouteReport> {
  // In front of nginx: the copy the load will ask for (gzip) is fetched first, as any page a
  // reader asks for has been. Otherwise 100 connections from one address all miss at once and
  // the limit on what reaches Next.js answers some of them 429.
  if (options.nginxCache !== undefined && !route.mayBeLimited) {
    for (let i = 0; i < 2; i++) await get(origin, route.path, { ...(options.host ? { host: options.host } : {}), headers: LOAD_HEADERS });
  }
  const before = rssMb(pid);
  let peak = before;
  const sampler = setInterval(() => {
    const now = rssMb(pid);
    if (now !== undefined && (peak === undefined || now > peak)) peak = now;
  }, 500);
  const errorCodes: Record<string, number> = {};
  const instance = autocannon({
    url: new URL(route.path, origin).href,
    connections: options.connections,
    duration: options.duration,
    timeout: options.timeoutSeconds,
    headers: { ...LOAD_HEADERS, ...(options.host ? { host: options.host } : {}) },
  });
  instance.on('reqError', (error) => {
    const code = error.code ?? error.message;
    errorCodes[code] = (errorCodes[code] ?? 0) + 1;
  });
  const result = await instance;
  clearInterval(sampler);
  // A request that timed out is listed under status "undefined": it is counted as a timeout.
  const statuses = Object.fromEntries(
    Object.entries(result.statusCodeStats)
      .filter(([status]) => /^\d{3}$/.test(status))
      .map(([status, { count }]) => [status, Number(count)]),
  );
  const limited = options.nginxCache !== undefined && route.mayBeLimited;
  const unexpected = Object.fromEntries(Object.entries(statuses).filter(([status]) => Number(status) !== route.expected && !(limited && status === '429')));
  const socketErrors = result.errors - result.timeouts;
  return {
    route,
    requestsPerSecond: Math.round(result.requests.average),
    total: result.requests.total,
    latencyMs: { p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max },
    statuses,
    unexpected,
    socketErrors,
    timeouts: result.timeouts,
    errorCodes,
    rssMb: { before, peak },
    ok: result['5xx'] === 0 && socketErrors === 0 && result.timeouts === 0 && Object.keys(unexpected).length === 0 && result.requests.total > 0,
  };
}

/** Waits for the server's memory to come back near where it started, for up to `seconds`. */
async function settledRss(pid: number | undefined, baseline: number | undefined, seconds: number): Promise<number | undefined> {
  let now = rssMb(pid);
  for (let waited = 0; waited < seconds && now !== undefined && baseline !== undefined && now > baseline * 1.1 + 10; waited++) {
    await sleep(1000);
    now = rssMb(pid);
  }
  return now;
}

function format(report: RouteReport): string {
  const statuses = Object.entries(report.statuses)
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  const unexpected = Object.keys(report.unexpected).length ? `  UNEXPECTED: ${JSON.stringify(report.unexpected)}` : '';
  const errors = Object.keys(report.errorCodes).length ? `  errors: ${JSON.stringify(report.errorCodes)}` : '';
  const memory = report.rssMb.before === undefined ? '' : `  RSS ${report.rssMb.before} → peak ${report.rssMb.peak} → ${report.rssMb.after} MB`;
  return `${report.ok ? 'ok  ' : 'FAIL'} ${report.route.name.padEnd(9)} ${report.route.path.slice(0, 60).padEnd(48)} ${String(report.requestsPerSecond).padStart(6)} req/s  p50 ${report.latencyMs.p50} ms  p99 ${report.latencyMs.p99} ms  max ${report.latencyMs.max} ms  ${report.total} requests (${statuses})  socket errors ${report.socketErrors}  timeouts ${report.timeouts}${memory}${unexpected}${errors}`;
}

interface CacheCheck {
  folder: string;
  path: string;
  entriesBefore: number;
  entriesAfter: number;
  invented: FillAttempt;
  ok: boolean;
}

/** nginx's cache before and after a page asked for with invented query strings and Host headers. */
async function cacheCheck(origin: URL, routes: Route[], options: Options): Promise<CacheCheck> {
  const folder = options.nginxCache!;
  const page = (routes.find((r) => r.name === 'decision') ?? routes.find((r) => r.expected === 200))?.path ?? '/';
  const host = options.host ?? origin.hostname;
  // Twice: the first answer may be the one that stores the page.
  await probe(origin, page, host);
  await probe(origin, page, host);
  const entriesBefore = cacheEntries(folder);
  const invented = await tryToFillCache(origin, { host, path: page, count: options.invented });
  const entriesAfter = cacheEntries(folder);
  return { folder, path: page, entriesBefore, entriesAfter, invented, ok: entriesAfter <= entriesBefore };
}

function formatCache(cache: CacheCheck): string {
  const { queries, hosts } = cache.invented;
  return [
    `${cache.ok ? 'ok  ' : 'FAIL'} nginx cache ${cache.folder}: ${cache.entriesBefore} entries before, ${cache.entriesAfter} after ${cache.path} with invented query strings and Host headers`,
    `       ?n=1…: ${formatTally(queries.statuses)} (X-Cache-Status ${formatTally(queries.cache)}); Host invented-N.example: ${formatTally(hosts.statuses)}`,
  ].join('\n');
}

async function main() {
  const options = parseArgs(process.argv.slice(2));
  const origin = loopbackOrigin(options.url);
  const port = Number(origin.port || (origin.protocol === 'https:' ? 443 : 80));
  const pid = options.pid ?? pidListeningOn(port);
  const { routes, notes } = await discoverRoutes(origin, options.routes, options.host);
  const budgetMs = (routes.length * (options.duration + 60) + options.settleSeconds) * 1000;
  const guard = setTimeout(() => {
    console.error(`The load test ran past its time budget (${budgetMs / 1000} s): stopped.`);
    process.exit(1);
  }, budgetMs);
  guard.unref();

  const startRss = rssMb(pid);
  if (!options.json) {
    console.log(`Load test of ${origin.href}: ${options.connections} connections, ${options.duration} s a route, ${routes.length} routes.`);
    console.log(
      pid === undefined ? 'Server process: not found (pass --pid to report its memory).' : `Server process ${pid}: RSS ${startRss} MB before the run.`,
    );
    for (const note of notes) console.log(`note: ${note}`);
  }
  const cache = options.nginxCache === undefined ? undefined : await cacheCheck(origin, routes, options);
  if (cache && !options.json) console.log(formatCache(cache));
  const reports: RouteReport[] = [];
  for (const route of routes) {
    const report = await runRoute(origin, route, options, pid);
    report.rssMb.after = await settledRss(pid, report.rssMb.before, Math.min(options.settleSeconds, 5));
    reports.push(report);
    if (!options.json) console.log(format(report));
  }
  const endRss = await settledRss(pid, startRss, options.settleSeconds);
  const ok = reports.every((r) => r.ok) && (cache?.ok ?? true);
  const limited = Object.fromEntries(reports.map((r) => [r.route.name, r.statuses['429'] ?? 0]));
  if (options.json) {
    console.log(
      JSON.stringify(
        {
          origin: origin.href,
          connections: options.connections,
          duration: options.duration,
          pid,
          rssMb: { before: startRss, after: endRss },
          notes,
          cache,
          limited,
          routes: reports,
          ok,
        },
        null,
        2,
      ),
    );
  } else {
    if (pid !== undefined) {
      const peak = Math.max(...reports.map((r) => r.rssMb.peak ?? 0));
      console.log(`Server RSS: ${startRss} MB before, ${peak} MB at the peak, ${endRss} MB after ${options.settleSeconds} s or less of rest.`);
    }
    if (cache)
      console.log(
        `Answered 429 (nginx's limits on what reaches Next.js): ${Object.entries(limited)
          .map(([name, n]) => `${name} ${n}`)
          .join(', ')}.`,
      );
    console.log(ok ? 'No 5xx, no socket errors, no timeouts, no unexpected statuses.' : 'FAILED: see the lines marked FAIL.');
  }
  clearTimeout(guard);
  process.exitCode = ok ? 0 : 1;
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
