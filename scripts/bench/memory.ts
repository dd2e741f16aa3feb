/**
 * npm run bench:memory [-- --size 10000] [--seconds 10] [--connections 20] [--modes off,pglite,postgresql] [--keep]
 *                        [--built DIR] [--box MB]
 *
 * The server's memory (issue 26: ≤ 350 MB RSS at 10,000 posts, alerts on, embedded database).
 * The synthetic corpus (corpus.ts) in a temporary copy of the project, built once; then
 * the standalone server (as deployed) three times on that build: alerts off; alerts on with the embedded PGlite; alerts
 * on with PostgreSQL (a database of its own on 127.0.0.1:5432, dropped after). Each time a short
 * load (wrk on the home page, a decision page, /search, /data/decisions.db and
 * /feed.xml), then the resident memory of the server's process tree (procs.ts treeRss), with
 * what it is made of: anonymous memory (heaps, WebAssembly, buffers) and mapped files (code).
 * Prints the table and writes docs/benchmarks-memory.md. Loopback only; every server started
 * is stopped, also on error. `--built DIR` measures a copy kept by `--keep` again, without building
 * (another setting, or the load again on the same build). `--box MB` measures each server a second
 * time in a memory cgroup of that size, as on a small VM (memory-box.ts: Node.js sizes its heap
 * from it).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { generatePosts, type SyntheticPost } from './corpus';
import { loadCorpusContext, writeCorpus } from './corpus-files';
import { freePort, get, loadTest, waitForHttp, type LoadResult } from './http';
import { runTimed, stop, treeMemory, treeRss } from './procs';
import { commitOf, copyProject, startStandalone } from './project';
import { commandLine } from './command-line';
import { memoryBox, type MemoryBox } from './memory-box';

const REPO = process.cwd();
const { option, flag } = commandLine();
const size = Number(option('size') ?? 10_000);
const seconds = Number(option('seconds') ?? 10);
const connections = Number(option('connections') ?? 20);
const seed = Number(option('seed') ?? 20110630);
const keep = flag('keep');
const built = option('built');
const boxMegabytes = option('box') === undefined ? undefined : Number(option('box'));
const MODES = ['off', 'pglite', 'postgresql'] as const;
type Mode = (typeof MODES)[number];
const modes = (option('modes') ?? MODES.join(',')).split(',').filter((m): m is Mode => (MODES as readonly string[]).includes(m));

/** Random enough for a benchmark's links; never a real deployment's secret. */
const BENCH_SECRET = '6d656d6f72792d62656e63682d7365637265742d6e6f742d666f722d757365';

const MB = 2 ** 20;

function log(message: string) {
  process.stderr.write(`[bench memory ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

interface ModeResult {
  mode: Mode;
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

const MODE_NAMES: Record<Mode, string> = {
  off: 'alerts off',
  pglite: 'alerts on, PGlite (embedded)',
  postgresql: 'alerts on, PostgreSQL',
};

async function measure(mode: Mode, project: string, root: string, decisionPath: string, box?: MemoryBox): Promise<ModeResult> {
  const logs = path.join(root, 'logs');
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
      const result = await loadTest(`${base}${urlPath}`, { connections, seconds, logDir: logs, cwd: REPO });
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

function table(results: ModeResult[]): string {
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

const results: ModeResult[] = [];

async function main() {
  const root = built ? path.resolve(built) : mkdtempSync(path.join(tmpdir(), `decisions-memory-${size}-`));
  const project = path.join(root, 'project');
  if (!built) {
    mkdirSync(project);
    mkdirSync(path.join(root, 'logs'));
  }
  const loadBefore = loadavg();
  const commit = commitOf(REPO);
  log(`${size} posts in ${root}`);
  try {
    const posts = generatePosts(await loadCorpusContext(path.join(REPO, 'content')), { count: size, seed });
    if (built) await measureAll(project, root, posts);
    else {
      copyProject(REPO, project, log);
      await writeCorpus(path.join(project, 'content'), posts);
      await buildAndMeasure(project, root, posts);
    }
  } finally {
    if (keep || built) log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
  report(results, commit, loadBefore);
}

async function buildAndMeasure(project: string, root: string, posts: SyntheticPost[]): Promise<void> {
  log('npm run build');
  const build = await runTimed('build', 'npm', ['run', 'build'], {
    cwd: project,
    env: { NODE_ENV: 'production', NEXT_DIST_DIR: '' },
    logFile: path.join(root, 'logs', 'build.log'),
    timeoutMs: 60 * 60_000,
  });
  if (build.code !== 0) throw new Error(`npm run build failed:\n${build.output.slice(-2000)}`);
  log(`build: ${Math.round(build.wallMs / 1000)} s, peak ${Math.round(build.peakRssBytes / MB)} MB`);
  await measureAll(project, root, posts);
}

async function measureAll(project: string, root: string, posts: SyntheticPost[]): Promise<void> {
  const decisionPath = `/decisions/${posts[Math.floor(posts.length / 2)]!.slug}`;
  const measureMode = async (mode: Mode, box?: MemoryBox): Promise<void> => {
    try {
      // A first start: the embedded database's folder is made anew each time.
      rmSync(path.join(root, 'alerts-data'), { recursive: true, force: true });
      rmSync(path.join(root, 'alerts-data.lock'), { force: true });
      results.push(await measure(mode, project, root, decisionPath, box));
    } catch (error) {
      log(`${mode}${box ? ` in ${box.megabytes} MB` : ''} failed: ${(error as Error).stack ?? error}`);
      process.exitCode = 1;
    }
  };
  for (const mode of modes) await measureMode(mode);
  if (boxMegabytes === undefined) return;
  for (const mode of modes) {
    const box = memoryBox(`decisions-bench-${process.pid}-${mode}`, boxMegabytes);
    try {
      await measureMode(mode, box);
    } finally {
      box.remove();
    }
  }
}

function report(results: ModeResult[], commit: string, loadBefore: number[]): void {
  const text = table(results);
  process.stdout.write(`${text}\n`);
  const doc = `# Server memory benchmark

\`npm run bench:memory\` (scripts/bench/memory.ts), ${new Date().toISOString().slice(0, 16).replace('T', ' ')}, commit ${commit},
${cpus().length} cores (shared; load average ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} before the run), Node ${process.version}.
${size.toLocaleString('en-GB')} synthetic posts, built once; the standalone server ${results.length} times on that build${boxMegabytes ? `, each mode as is and then in a memory cgroup of ${boxMegabytes.toLocaleString('en-GB')} MB (a small VM's memory, from which Node.js sizes its heap; scripts/bench/memory-box.ts)` : ''}. After a load of
wrk (${connections} connections × ${seconds} s each on the home page, a decision page, \`/search\`,
\`/data/decisions.db\` and \`/feed.xml\`) and 3 s of quiet, the resident memory of the server's process tree. With alerts on,
the sender runs every minute, as deployed (at start, then during the load). Target (issue 26): ≤ 350 MB with alerts on and the embedded database.

${text}
`;
  if (results.length === modes.length * (boxMegabytes === undefined ? 1 : 2)) writeFileSync(path.join(REPO, 'docs', 'benchmarks-memory.md'), doc);
  if (results.some((r) => r.problems.length > 0)) process.exitCode = 1;
}

main().catch((error) => {
  log(`failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
