/**
 * Requests an attacker can send for nothing, against the cache in front of the site
 * (deploy/nginx.conf): one page with invented query strings, with invented Host headers, at
 * invented addresses, and a flood of searches. Used by `npm run load -- --nginx-cache` and by
 * tests/e2e/nginx.spec.ts. Loopback only: the callers check the origin.
 */
import http from 'node:http';

export interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** Counts by status ("error" for a request that got no answer). */
export type Tally = Record<string, number>;

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** A GET with the path as written and the Host header given (the origin's own otherwise). */
export function get(origin: URL, rawPath: string, options: { host?: string; headers?: Record<string, string> } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: origin.hostname,
        port: origin.port,
        path: rawPath,
        method: 'GET',
        agent,
        headers: { accept: 'text/html,*/*', ...(options.host ? { host: options.host } : {}), ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(20_000, () => req.destroy(new Error(`timed out: ${rawPath.slice(0, 80)}`)));
    req.on('error', reject);
    req.end();
  });
}

function count(tally: Tally, key: string): void {
  tally[key] = (tally[key] ?? 0) + 1;
}

/** Runs `total` requests, `concurrency` at a time, and tallies their statuses (and X-Cache-Status). */
export async function many(
  total: number,
  concurrency: number,
  send: (i: number) => Promise<Answer>,
): Promise<{ statuses: Tally; cache: Tally; samples: Record<string, Answer> }> {
  const statuses: Tally = {};
  const cache: Tally = {};
  /** The first answer of each status, to look at. */
  const samples: Record<string, Answer> = {};
  let next = 0;
  const worker = async () => {
    while (next < total) {
      const i = next++;
      try {
        const answer = await send(i);
        count(statuses, String(answer.status));
        samples[String(answer.status)] ??= answer;
        count(cache, String(answer.headers['x-cache-status'] ?? 'none'));
      } catch {
        count(statuses, 'error');
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, worker));
  return { statuses, cache, samples };
}

export interface FillAttempt {
  /** `path?n=1` … `path?n=N` with the site's host name. */
  queries: { statuses: Tally; cache: Tally };
  /** `path` with `Host: invented-1.example` … */
  hosts: { statuses: Tally; cache: Tally };
}

/** The two ways to fill a cache keyed on `$host$request_uri`, `count` requests each. */
export async function tryToFillCache(origin: URL, options: { host: string; path: string; count: number; concurrency?: number }): Promise<FillAttempt> {
  const concurrency = options.concurrency ?? 8;
  const separator = options.path.includes('?') ? '&' : '?';
  const queries = await many(options.count, concurrency, (i) => get(origin, `${options.path}${separator}n=${i + 1}`, { host: options.host }));
  const hosts = await many(options.count, concurrency, (i) => get(origin, options.path, { host: `invented-${i + 1}.example` }));
  return { queries: { statuses: queries.statuses, cache: queries.cache }, hosts: { statuses: hosts.statuses, cache: hosts.cache } };
}

export function formatTally(tally: Tally): string {
  return Object.entries(tally)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, n]) => `${key}×${n}`)
    .join(' ');
}
