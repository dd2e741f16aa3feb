/**
 * npm run bench:search [-- --size 10000] [--seconds 20] [--connections 100] [--keep] [--label NAME] [--source DIR]
 *
 * Issue 26's search goal, measured on its own: a synthetic corpus (seed 20110630) in a temporary
 * copy of the project (or of --source DIR, another checkout), built, served by its standalone
 * server (npm start); then autocannon with 100 connections for
 * 20 s on a mix of distinct searches (what residents type, filtered views, both, later pages),
 * cycled, and on one repeated search; and, from the same server, the decision page beside them
 * (wrk: scripts/bench/http.ts).
 * Reports req/s, p50/p99, 503s (load shed) apart from other non-2xx, errors and timeouts.
 * Prints a Markdown table; writes nothing in the project. Every server started is stopped.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { generatePosts } from './corpus';
import { loadCorpusContext, writeCorpus } from './corpus-files';
import { filteredViews } from './filtered-views';
import { freePort, get, loadTest, loadTestPaths, waitForHttp, type LoadResult, type MixedLoadResult } from './http';
import { commitOf, copyProject, startStandalone } from './project';
import { SEARCHES } from './searches';
import { runTimed, stop, treeRss, type Running } from './procs';
import { commandLine } from './command-line';

const REPO = process.cwd();
const { option, flag } = commandLine();
const size = Number(option('size') ?? 10_000);
const seconds = Number(option('seconds') ?? 20);
const connections = Number(option('connections') ?? 100);
const seed = Number(option('seed') ?? 20110630);
const keep = flag('keep');
const label = option('label');
/** The project measured (a checkout of another commit, say); its node_modules are the repo's. */
const source = path.resolve(option('source') ?? REPO);

function log(message: string) {
  process.stderr.write(`[bench:search ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

/** `q` as a search form sends it (spaces as `+`). */
const q = (text: string) => `q=${encodeURIComponent(text).replace(/%20/g, '+')}`;

/**
 * The distinct searches cycled under load: every typed query, every filtered view of the corpus,
 * a few of each combined, and second pages. About a hundred, so the answers cannot all be the
 * one the server just made, and a cache of rendered answers has to earn its hits.
 */
function searchMix(views: string[]): string[] {
  const typed = SEARCHES.map((text) => `/search?${q(text)}`);
  const filtered = views.map((view) => `/search?${view}`);
  const combined = SEARCHES.slice(0, 12).map((text, i) => `/search?${q(text)}&${views[i % views.length]}`);
  const later = SEARCHES.slice(0, 8).map((text) => `/search?${q(text)}&page=2`);
  // Interleaved, so neighbours in the cycle are different kinds of search.
  const lists = [typed, filtered, combined, later];
  const mixed: string[] = [];
  for (let i = 0; mixed.length < lists.reduce((n, l) => n + l.length, 0); i++) for (const list of lists) if (i < list.length) mixed.push(list[i]!);
  return mixed;
}

type Row = [what: string, result: LoadResult | MixedLoadResult];

function table(rows: Row[]): string {
  const lines = [
    '| load | req/s | p50 | p99 | requests | 503 | other non-2xx | errors | timeouts |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const [what, r] of rows) {
    const shed = 'status503' in r ? r.status503 : '–';
    const other = 'otherNon2xx' in r ? r.otherNon2xx : r.non2xx;
    lines.push(
      `| ${what} | ${Math.round(r.requestsPerSecond).toLocaleString('en-GB')} | ${r.p50Ms} ms | ${r.p99Ms} ms | ${r.requests} | ${shed} | ${other} | ${r.errors} | ${r.timeouts} |`,
    );
  }
  return lines.join('\n');
}

async function main() {
  const root = mkdtempSync(path.join(tmpdir(), `decisions-bench-search-${size}-`));
  const project = path.join(root, 'project');
  const logs = path.join(root, 'logs');
  mkdirSync(project);
  mkdirSync(logs);
  const servers: Running[] = [];
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', NEXT_DIST_DIR: '' };
  const load = loadavg();
  log(`${size} posts in ${root}`);
  try {
    copyProject(source, project, log, REPO);
    const posts = generatePosts(await loadCorpusContext(path.join(REPO, 'content')), { count: size, seed });
    await writeCorpus(path.join(project, 'content'), posts);

    log('npm run build');
    const build = await runTimed('build', 'npm', ['run', 'build'], { cwd: project, env, logFile: path.join(logs, 'build.log'), timeoutMs: 60 * 60_000 });
    log(`build: ${Math.round(build.wallMs / 1000)} s, exit ${build.code}`);
    if (build.code !== 0) throw new Error(`npm run build failed:\n${build.output.slice(-2000)}`);

    // The standalone server, as production runs it (scripts/bench/project.ts).
    const port = await freePort();
    const base = `http://localhost:${port}`;
    const next = startStandalone(project, { name: 'standalone server', port, env, logFile: path.join(logs, 'server.log') });
    servers.push(next);
    let alive = true;
    void next.exited.then(() => (alive = false));
    await waitForHttp(`${base}/robots.txt`, 180_000, () => alive);

    const mix = searchMix(filteredViews(posts));
    const repeated = `/search?${q('business case')}`;
    const decision = `/decisions/${posts[Math.floor(posts.length / 2)]!.slug}`;
    // Each address answers once before the load: a broken one would otherwise pass as slow.
    for (const urlPath of [repeated, decision, ...mix.slice(0, 5)]) {
      const res = await get(`${base}${urlPath}`, {}, 60_000);
      if (res.status !== 200) throw new Error(`${urlPath} answered ${res.status} before the load`);
    }
    // A search asked again is the same page, still private and without scripts (a remembered
    // page must not differ from a rendered one, nor reach any cache on the way).
    const [once, again] = [await get(`${base}${repeated}`), await get(`${base}${repeated.replace('business+case', '+business++case+')}`)];
    for (const res of [once, again]) {
      if (res.headers['cache-control'] !== 'private, no-store') throw new Error(`${repeated}: Cache-Control ${String(res.headers['cache-control'])}`);
      if (/<script(?![^>]*application\/ld\+json)/.test(res.body)) throw new Error(`${repeated}: a script in the page`);
    }
    if (once.body !== again.body) throw new Error(`${repeated}: asked again (written another way), a different page`);
    const rows: Row[] = [];
    const options = { connections, seconds, logDir: logs, cwd: REPO };
    log(`autocannon: ${mix.length} distinct searches, cycled`);
    rows.push([`/search, ${mix.length} distinct queries cycled`, await loadTestPaths(base, mix, options)]);
    log(`autocannon: ${repeated}`);
    rows.push([`/search, one query repeated`, await loadTestPaths(base, [repeated], options)]);
    log(`wrk: ${decision}`);
    rows.push(['decision page', await loadTest(`${base}${decision}`, options)]);
    const rss = treeRss(next.pid);
    const after = loadavg();
    const heading = [
      `/search under load at ${size.toLocaleString('en-GB')} posts${label ? ` (${label})` : ''}: ${connections} connections × ${seconds} s, standalone server, timeout 10 s.`,
      `${new Date().toISOString().slice(0, 16).replace('T', ' ')}, commit ${commitOf(source)}, Node ${process.version}, ${cpus().length} cores, load average ${load.map((l) => l.toFixed(1)).join(' / ')} before, ${after.map((l) => l.toFixed(1)).join(' / ')} after; build ${Math.round(build.wallMs / 1000)} s; server RSS after the load ${Math.round(rss / 1024 / 1024)} MiB.`,
    ];
    process.stdout.write(`${heading.join('\n')}\n\n${table(rows)}\n`);
    const failed = rows.filter(([what, r]) => what.startsWith('/search') && (r.errors > 0 || r.timeouts > 0 || r.p99Ms >= 1000));
    if (failed.length > 0) {
      log(`goal not met (no errors, no timeouts, p99 < 1 s): ${failed.map(([what]) => what).join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    for (const server of servers.reverse()) await stop(server).catch(() => undefined);
    if (keep) log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  log(`failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
