/** HTTP measurements on the loopback interface: single timed requests, and autocannon runs. */
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
  non2xx: number;
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
 * An autocannon command in its own process (so its CPU is not the benchmark's), bounded in time:
 * killed if it has not finished 30 s after its duration. Returns the JSON it printed.
 */
async function runAutocannon(args: string[], what: string, options: { seconds: number; logDir: string; cwd: string }): Promise<AutocannonResult> {
  const r = start('autocannon', process.execPath, args, { cwd: options.cwd, logFile: path.join(options.logDir, 'autocannon.log') });
  let out = '';
  r.child.stdout!.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const limit = setTimeout(() => void stop(r, 1000), (options.seconds + 30) * 1000);
  const code = await r.exited;
  clearTimeout(limit);
  const jsonStart = out.indexOf('{');
  if (code !== 0 || jsonStart < 0) throw new Error(`autocannon against ${what} failed (exit ${code}): ${r.tail()}`);
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

/** autocannon on one URL. */
export async function loadTest(
  url: string,
  options: { connections: number; seconds: number; logDir: string; cwd: string; headers?: Record<string, string> },
): Promise<LoadResult> {
  const bin = path.join(options.cwd, 'node_modules', 'autocannon', 'autocannon.js');
  const headerArgs = Object.entries(options.headers ?? {}).flatMap(([k, v]) => ['-H', `${k}=${v}`]);
  const args = [bin, '-c', String(options.connections), '-d', String(options.seconds), '-t', '10', '-j', '-n', ...headerArgs, url];
  return loadResultOf(url, await runAutocannon(args, url, options));
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
