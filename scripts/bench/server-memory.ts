/**
 * The server's memory after a load, measured one start at a time (issue 26: ≤ 350 MB RSS at
 * 10,000 posts with alerts on and the embedded database). Used by `npm run bench:memory`
 * (memory.ts), which measures a build of its own in every mode, and by `npm run bench` (run.ts),
 * which measures its own build in a 1 GB box. Each start: the standalone server (as deployed)
 * with alerts off, on the embedded PGlite, or on PostgreSQL (a database of its own on
 * 127.0.0.1:5432, dropped after); wrk on the home page, a decision page, /search,
 * /data/decisions.db and /feed.xml; 3 s of quiet; then the resident memory of the server's
 * process tree (procs.ts treeRss), with what it is made of: anonymous memory (heaps,
 * WebAssembly, buffers) and mapped files (code).
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { get, loadTest, freePort, waitForHttp, type LoadResult } from './http';
import type { MemoryBox } from './memory-box';
import { stop, treeMemory, treeRss } from './procs';
import { startStandalone } from './project';

export const MEMORY_MODES = ['off', 'pglite', 'postgresql'] as const;
export type MemoryMode = (typeof MEMORY_MODES)[number];

/** Random enough for a benchmark's links; never a real deployment's secret. */
const BENCH_SECRET = '6d656d6f72792d62656e63682d7365637265742d6e6f742d666f722d757365';

const MB = 2 ** 20;

export interface ModeResult {
  mode: MemoryMode;
  /** The memory cgroup's size, when the server ran in one. */
  boxMegabytes?: number;
  readyMs: number;
  readyRssBytes: number;
  afterLoadRssBytes: number;
  /** The tree's processes after the load: RSS, anonymous, file-backed. */
  processes: string;
  load: Array<{ name: string; result: LoadResult }>;
  problems: string[];
}

export const MODE_NAMES: Record<MemoryMode, string> = {
  off: 'alerts off',
  pglite: 'alerts on, PGlite (embedded)',
  postgresql: 'alerts on, PostgreSQL',
};

export interface MeasureOptions {
  /** The built project (the standalone server is started from it). */
  project: string;
  /** Where the alerts' data folder and mail go (made anew for each start). */
  root: string;
  logs: string;
  decisionPath: string;
  connections: number;
  seconds: number;
  box?: MemoryBox;
  log: (message: string) => void;
}

/**
 * One start of the standalone server in `mode` (a first start: the embedded database's folder is
 * made anew), a short load on five addresses, 3 s of quiet, then the process tree's memory.
 */
export async function measureServerMemory(
  mode: MemoryMode,
  { project, root, logs, decisionPath, connections, seconds, box, log }: MeasureOptions,
): Promise<ModeResult> {
  rmSync(path.join(root, 'alerts-data'), { recursive: true, force: true });
  rmSync(path.join(root, 'alerts-data.lock'), { force: true });
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', NEXT_DIST_DIR: '' };
  let database: { url: string; drop: () => Promise<void> } | undefined;
  if (mode !== 'off') {
    Object.assign(env, {
      ALERTS_SECRET: BENCH_SECRET,
      ALERTS_MAIL_DIR: path.join(root, `mail-${mode}`),
      ALERTS_DATA_DIR: path.join(root, 'alerts-data'),
    });
    if (mode === 'postgresql') {
      const { freshDatabase } = await import('../../tests/support/alerts');
      database = await freshDatabase();
      env.DATABASE_URL = database.url;
    }
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const label = box ? `${mode}, in ${box.megabytes} MB` : mode;
  const server = startStandalone(project, { name: `standalone server (${label})`, port, env, logFile: path.join(logs, `server-${mode}.log`), box });
  const problems: string[] = [];
  try {
    let alive = true;
    void server.exited.then(() => (alive = false));
    await waitForHttp(`${base}/robots.txt`, 180_000, () => alive);
    const readyMs = performance.now() - started;
    const readyRssBytes = treeRss(server.pid);
    log(`${label}: ready in ${Math.round(readyMs)} ms, ${Math.round(readyRssBytes / MB)} MB`);
    if (mode !== 'off') {
      const page = await get(`${base}/alerts`);
      if (page.status !== 200) problems.push(`/alerts answered ${page.status}`);
    }
    const load: ModeResult['load'] = [];
    for (const [name, urlPath] of [
      ['home', '/'],
      ['decision', decisionPath],
      ['search', '/search?q=business+case'],
      ['decisions.db', '/data/decisions.db'],
      ['feed', '/feed.xml'],
    ] as const) {
      const first = await get(`${base}${urlPath}`, {}, 180_000).catch((error: Error) => ({ status: error.message }));
      if (first.status !== 200) problems.push(`${urlPath}: ${first.status}`);
      log(`${label}: wrk ${urlPath}`);
      const result = await loadTest(`${base}${urlPath}`, { connections, seconds, logDir: logs, cwd: process.cwd() });
      load.push({ name, result });
      if (result.non2xx + result.errors + result.timeouts > 0) {
        problems.push(`${urlPath}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`);
      }
    }
    // A moment for the requests' buffers to be let go, as between bursts of traffic.
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const afterLoadRssBytes = treeRss(server.pid);
    const processes = treeMemory(server.pid)
      .filter((p) => p.rssBytes > 10 * MB)
      .map((p) => `${p.command} ${Math.round(p.rssBytes / MB)} (anon ${Math.round(p.anonBytes / MB)}, file ${Math.round(p.fileBytes / MB)})`)
      .join('; ');
    log(`${label}: after the load ${Math.round(afterLoadRssBytes / MB)} MB: ${processes}`);
    if (!alive) problems.push(`the server exited: ${server.tail().slice(-500)}`);
    if (box && box.oomKills() > 0) problems.push(`killed for memory ${box.oomKills()} times`);
    return { mode, ...(box ? { boxMegabytes: box.megabytes } : {}), readyMs, readyRssBytes, afterLoadRssBytes, processes, load, problems };
  } finally {
    await stop(server);
    await database?.drop().catch((error: Error) => log(`could not drop the benchmark database: ${error.message}`));
  }
}

/** The results as a Markdown table, one row a start. */
export function memoryTable(results: ModeResult[]): string {
  const mb = (bytes: number) => `${Math.round(bytes / MB)} MB`;
  const rate = (r: ModeResult, name: string) => {
    const found = r.load.find((l) => l.name === name)?.result;
    return found ? `${Math.round(found.requestsPerSecond).toLocaleString('en-GB')}` : '–';
  };
  return [
    '| server | RSS after the load | RSS when ready | home / decision / search / decisions.db / feed, req/s | processes after the load, MB | problems |',
    '| --- | --- | --- | --- | --- | --- |',
    ...results.map(
      (r) =>
        `| ${MODE_NAMES[r.mode]}${r.boxMegabytes ? `, in a ${r.boxMegabytes.toLocaleString('en-GB')} MB box` : ''} | ${mb(r.afterLoadRssBytes)} | ${mb(r.readyRssBytes)} | ${['home', 'decision', 'search', 'decisions.db', 'feed'].map((n) => rate(r, n)).join(' / ')} | ${r.processes} | ${r.problems.join('; ') || 'none'} |`,
    ),
  ].join('\n');
}
