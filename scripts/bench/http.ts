/**
 * HTTP measurements on the loopback interface: single timed requests, wrk on one address, and
 * autocannon over many.
 *
 * One address is loaded with wrk (Debian's package, written in C): on two cores the load
 * generator shares the machine with the server it measures, and autocannon (Node.js) spends
 * most of it reading answers. Static nginx serving a 22 KB page on this machine: 25,000 req/s
 * under autocannon, 73,000 under wrk; a 5.4 KB page: 62,000 and 88,000. autocannon measured
 * itself, and more so the bigger the page. autocannon stays for the runs over many addresses
 * (autocannon-paths.mjs), which load Next.js, far slower than either client.
 */
import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import path from 'node:path';
import { start, stop } from './procs';

export interface Fetched {
  status: number;
  ms: number;
  bytes: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One GET, timed to the last byte of the body. No Accept-Encoding unless given. */
export function get(url: string, headers: Record<string, string> = {}, timeoutMs = 30_000): Promise<Fetched> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = httpRequest(url, { method: 'GET', headers, agent: false, timeout: timeoutMs }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const body = Buffer.concat(chunks);
        resolve({ status: res.statusCode ?? 0, ms: performance.now() - started, bytes: body.length, headers: res.headers, body: body.toString('utf8') });
      });
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`GET ${url} timed out after ${timeoutMs} ms`)));
    req.on('error', reject);
    req.end();
  });
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Waits until `url` answers (any status below 500), or throws after `timeoutMs`. */
export async function waitForHttp(url: string, timeoutMs: number, isAlive: () => boolean = () => true): Promise<number> {
  const started = performance.now();
  let lastError = '';
  while (performance.now() - started < timeoutMs) {
    if (!isAlive()) throw new Error(`The server for ${url} exited before it answered.`);
    try {
      const res = await get(url, {}, 10_000);
      if (res.status < 500) return performance.now() - started;
      lastError = `status ${res.status}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms (${lastError}).`);
}

/** The middle value (the mean of the two middle ones for an even count): a round of runs' figure. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}

export interface LoadResult {
  url: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Failed answers: 400 and above under wrk; anything but a 2xx under autocannon. */
  non2xx: number;
  /** Connections refused, broken or failed. */
  errors: number;
  timeouts: number;
}

/** What autocannon prints with `-j` (and autocannon-paths.mjs), as far as the benches read it. */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}

/**
 * A load generator in its own process (so its CPU is not the benchmark's), bounded in time:
 * killed if it has not finished 30 s after its duration. Returns what it printed on stdout.
 */
async function runClient(
  name: string,
  command: string,
  args: string[],
  what: string,
  options: { seconds: number; logDir: string; cwd: string },
): Promise<string> {
  const r = start(name, command, args, { cwd: options.cwd, logFile: path.join(options.logDir, `${name}.log`) });
  let out = '';
  r.child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const limit = setTimeout(() => void stop(r, 1000), (options.seconds + 30) * 1000);
  const code = await r.exited;
  clearTimeout(limit);
  if (code !== 0) throw new Error(`${name} against ${what} failed (exit ${code}): ${r.tail()}`);
  return out;
}

async function runAutocannon(args: string[], what: string, options: { seconds: number; logDir: string; cwd: string }): Promise<AutocannonResult> {
  const out = await runClient('autocannon', process.execPath, args, what, options);
  const jsonStart = out.indexOf('{');
  if (jsonStart < 0) throw new Error(`autocannon against ${what} printed no result.`);
  return JSON.parse(out.slice(jsonStart)) as AutocannonResult;
}

function loadResultOf(url: string, result: AutocannonResult): LoadResult {
  return {
    url,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export const WRK = '/usr/bin/wrk';

/** What scripts/bench/wrk-report.lua prints after wrk's report. */
interface WrkResult {
  requests: number;
  durationUs: number;
  p50Us: number;
  p99Us: number;
  connect: number;
  read: number;
  write: number;
  status: number;
  timeout: number;
}

/** wrk on one URL: one thread (the other core is the server's), a timeout of 10 s. */
export async function loadTest(
  url: string,
  options: { connections: number; seconds: number; logDir: string; cwd: string; headers?: Record<string, string> },
): Promise<LoadResult> {
  if (!existsSync(WRK)) throw new Error(`wrk is not installed at ${WRK} (apt-get install wrk).`);
  const script = path.join(options.cwd, 'scripts', 'bench', 'wrk-report.lua');
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}: ${v}`]);
  const args = ['-t', '1', '-c', String(options.connections), '-d', `${options.seconds}s`, '--timeout', '10s', '-s', script, ...headerArgs, url];
  const out = await runClient('wrk', WRK, args, url, options);
  const line = /^WRK_JSON (\{.*\})$/m.exec(out);
  if (!line) throw new Error(`wrk against ${url} printed no result: ${out.slice(-300)}`);
  const result = JSON.parse(line[1]!) as WrkResult;
  return {
    url,
    requestsPerSecond: result.requests / (result.durationUs / 1e6),
    p50Ms: Math.round(result.p50Us / 100) / 10,
    p99Ms: Math.round(result.p99Us / 100) / 10,
    requests: result.requests,
    non2xx: result.status,
    errors: result.connect + result.read + result.write,
    timeouts: result.timeout,
  };
}

export interface MixedLoadResult extends LoadResult {
  /** How many answers were 503 (load shed); `non2xx` counts them too. */
  status503: number;
  /** Answers neither 2xx nor 503. */
  otherNon2xx: number;
  /** How many distinct paths were cycled. */
  paths: number;
}

/**
 * autocannon over `paths` of `base` in turn (scripts/bench/autocannon-paths.mjs), in its own
 * process, bounded in time like loadTest. The answers' statuses are counted, so shed load (503)
 * is told apart from failures.
 */
export async function loadTestPaths(
  base: string,
  paths: string[],
  options: { connections: number; seconds: number; logDir: string; cwd: string; timeoutSeconds?: number },
): Promise<MixedLoadResult> {
  const script = path.join(options.cwd, 'scripts', 'bench', 'autocannon-paths.mjs');
  const settings = { base, paths, connections: options.connections, seconds: options.seconds, timeoutSeconds: options.timeoutSeconds ?? 10 };
  const result = await runAutocannon([script, JSON.stringify(settings)], `${base} (${paths.length} paths)`, options);
  const status503 = result.statusCodeStats?.['503']?.count ?? 0;
  return {
    ...loadResultOf(`${base}${paths[0] ?? ''}${paths.length > 1 ? ` (+${paths.length - 1} more)` : ''}`, result),
    status503,
    otherNon2xx: result.non2xx - status503,
    paths: paths.length,
  };
}
