/**
 * npm run bench [-- --sizes 1000,10000] [--quick] [--keep] [--seconds 10] [--connections 20]
 *
 * For each size: a synthetic corpus in a temporary copy of the project; `content:check`,
 * `npm run build` (wall, CPU, peak RSS of the process tree); `next start`: first views of 30
 * never-requested decision pages, search latency, HTML sizes, autocannon on five pages, memory
 * after the load; deploy/nginx.conf in front of it (X-Cache-Status, autocannon); the same posts
 * built by Hugo and served by nginx. Prints the table and writes docs/benchmarks.md.
 * Loopback only; every wait is bounded; every server started is stopped, also on error.
 */
import { execSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { generatePosts, type SyntheticPost } from './corpus';
import { loadCorpusContext, writeCorpus } from './corpus-files';
import { freePort, get, loadTest, percentile, waitForHttp, type LoadResult } from './http';
import { hugoPostPath, writeHugoSite } from './hugo';
import { NGINX, proxyConfig, readDeployConf, startNginx, staticConfig } from './nginx';
import { seededRandom } from './prng';
import { runTimed, start, stop, treeRss, type Running } from './procs';
import { benchmarksMarkdown, markdownTable, readResults, type SizeResult } from './report';

const REPO = process.cwd();
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(`--${name}`);
const option = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : args.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
};

const quick = flag('quick');
const sizes = (option('sizes') ?? (quick ? '1000' : '1000,10000')).split(',').map((s) => Number(s.trim())).filter((n) => Number.isInteger(n) && n > 0);
const seconds = Number(option('seconds') ?? (quick ? 5 : 10));
const connections = Number(option('connections') ?? 20);
const keep = flag('keep');
const seed = Number(option('seed') ?? 20110630);
const HUGO = '/usr/bin/hugo';

const EXCLUDED = new Set(['node_modules', '.git', '.bench', '.cache', 'test-results', 'playwright-report', 'coverage', 'out']);
const excluded = (name: string) => EXCLUDED.has(name) || name.startsWith('.next') || name.endsWith('.tsbuildinfo');

const SEARCHES = [
  'business case', 'procurement', 'libraries', 'waste collection', 'nscso', 'parking enforcement', 'adult social care', 'direct payments',
  'contract award', 'consultation', 'budget', 'highways maintenance', 'street lighting', 'savings target', 'trading company', 'strategic partner',
  'options appraisal', 'legal partner', 'register office fees', 'front line services', 'procuremnt', 'libary', 'cabinet resources', 'value for money',
  'scrutiny', 'leisure centres', 'pest control', 'council tax', 'school meals', 'home care', 'development and regulatory services', 'catalyst',
  'economies of scale', 'performance report', 'youth services', 'housing repairs', 'planning', 'licensing', 'payroll', 'it services',
];

function log(message: string) {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function commit(): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: REPO, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain', { cwd: REPO, encoding: 'utf8' }).trim() ? '+changes' : '';
    return head + dirty;
  } catch {
    return 'unknown';
  }
}

/**
 * The project without node_modules and build folders. node_modules is linked, not copied:
 * file by file with hard links (`cp -al`, a second on this disk), because Turbopack refuses a
 * node_modules symlink that points outside the project's root. Where hard links are not
 * possible (another file system), a symlink is tried.
 */
function copyProject(target: string): void {
  for (const entry of readdirSync(REPO)) {
    if (excluded(entry)) continue;
    cpSync(path.join(REPO, entry), path.join(target, entry), { recursive: true, filter: (src) => !path.basename(src).startsWith('.next') });
  }
  const linked = spawnSync('cp', ['-al', path.join(REPO, 'node_modules'), path.join(target, 'node_modules')], { encoding: 'utf8', timeout: 300_000 });
  if (linked.status !== 0) {
    rmSync(path.join(target, 'node_modules'), { recursive: true, force: true });
    log(`cp -al node_modules failed (${linked.stderr.trim()}); using a symlink`);
    symlinkSync(path.join(REPO, 'node_modules'), path.join(target, 'node_modules'), 'dir');
  }
}

async function timedGets(urls: string[]): Promise<{ times: number[]; failures: number; responses: Array<{ url: string; status: number }> }> {
  const times: number[] = [];
  const responses: Array<{ url: string; status: number }> = [];
  let failures = 0;
  for (const url of urls) {
    try {
      const res = await get(url, {}, 30_000);
      times.push(res.ms);
      responses.push({ url, status: res.status });
      if (res.status !== 200) failures++;
    } catch {
      failures++;
      times.push(30_000);
    }
  }
  return { times, failures, responses };
}

async function runSize(size: number, errors: string[]): Promise<SizeResult> {
  const result: SizeResult = {
    size,
    date: new Date().toISOString().slice(0, 16).replace('T', ' '),
    commit: commit(),
    node: process.version,
    cpus: cpus().length,
    loadAverage: loadavg(),
    seconds,
    connections,
    load: {},
    errors,
  };
  const root = mkdtempSync(path.join(tmpdir(), `decisions-bench-${size}-`));
  const project = path.join(root, 'project');
  const logs = path.join(root, 'logs');
  mkdirSync(project);
  mkdirSync(logs);
  log(`${size} posts in ${root}`);
  const servers: Running[] = [];
  const env: NodeJS.ProcessEnv = { NODE_ENV: 'production', NEXT_DIST_DIR: '' };
  try {
    copyProject(project);
    const context = await loadCorpusContext(path.join(REPO, 'content'));
    const posts = generatePosts(context, { count: size, seed });
    await writeCorpus(path.join(project, 'content'), posts);
    const newestFirst = [...posts].reverse();

    // Hugo first: its output is served while Next.js is measured later.
    const hugoDir = path.join(root, 'hugo');
    await writeHugoSite(hugoDir, posts);
    log('hugo --minify');
    const hugo = await runTimed('hugo', HUGO, ['--minify', '-s', hugoDir], { cwd: hugoDir, logFile: path.join(logs, 'hugo.log'), timeoutMs: 20 * 60_000 });
    const pages = /Pages\s*\|\s*(\d+)/.exec(hugo.output);
    result.hugo = { wallMs: hugo.wallMs, ...(hugo.cpuMs === undefined ? {} : { cpuMs: hugo.cpuMs }), peakRssBytes: hugo.peakRssBytes, ok: hugo.code === 0, ...(pages ? { pages: Number(pages[1]) } : {}) };
    if (hugo.code !== 0) errors.push(`hugo failed: ${hugo.output.slice(-500)}`);

    log('npm run content:check');
    const check = await runTimed('content:check', 'npm', ['run', 'content:check', '--silent'], { cwd: project, env, logFile: path.join(logs, 'content-check.log'), timeoutMs: 10 * 60_000 });
    result.contentCheck = { wallMs: check.wallMs, ...(check.cpuMs === undefined ? {} : { cpuMs: check.cpuMs }), ok: check.code === 0 };
    if (check.code !== 0) errors.push(`content:check failed: ${check.output.slice(-500)}`);

    log('npm run build');
    const build = await runTimed('build', 'npm', ['run', 'build'], { cwd: project, env, logFile: path.join(logs, 'build.log'), timeoutMs: 60 * 60_000 });
    const generated = [...build.output.matchAll(/Generating static pages[^(]*\((\d+)\/(\d+)\)/g)].at(-1);
    result.build = {
      wallMs: build.wallMs,
      ...(build.cpuMs === undefined ? {} : { cpuMs: build.cpuMs }),
      peakRssBytes: build.peakRssBytes,
      ok: build.code === 0,
      ...(generated ? { pagesGenerated: Number(generated[2]) } : {}),
    };
    log(`build: ${Math.round(build.wallMs / 1000)} s, exit ${build.code}`);
    if (build.code !== 0) throw new Error(`npm run build failed:\n${build.output.slice(-2000)}`);

    // next start
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const started = performance.now();
    const next = start('next start', process.execPath, [path.join(project, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
      cwd: project,
      env,
      logFile: path.join(logs, 'next-start.log'),
    });
    servers.push(next);
    let alive = true;
    void next.exited.then(() => (alive = false));
    await waitForHttp(`${base}/robots.txt`, 120_000, () => alive);
    result.serverReadyMs = performance.now() - started;
    log(`next start ready in ${Math.round(result.serverReadyMs)} ms`);

    // First views of never-requested decision pages.
    const random = seededRandom(seed + size);
    const sample = random.sample(newestFirst, 30);
    const preRendered = new Set(newestFirst.slice(0, 200).map((p) => p.slug));
    const first = await timedGets(sample.map((p) => `${base}/decisions/${p.slug}`));
    result.firstView = {
      p50Ms: percentile(first.times, 50),
      p95Ms: percentile(first.times, 95),
      maxMs: Math.max(...first.times),
      count: first.times.length,
      failures: first.failures,
      preRendered: sample.filter((p) => preRendered.has(p.slug)).length,
    };
    if (first.failures) errors.push(`first views: ${first.responses.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.url}`).join(', ')}`);
    log(`first view p50 ${Math.round(result.firstView.p50Ms)} ms, p95 ${Math.round(result.firstView.p95Ms)} ms`);

    // Search, one query at a time (the first one included: no warm-up but the server's own).
    const searchProbe = await get(`${base}/search?q=business+case`).catch(() => undefined);
    const hasSearch = searchProbe?.status === 200;
    if (hasSearch) {
      const queries = (quick ? SEARCHES.slice(0, 20) : SEARCHES).map((q) => `${base}/search?q=${encodeURIComponent(q).replace(/%20/g, '+')}`);
      const searches = await timedGets(queries);
      result.searchLatency = { p50Ms: percentile(searches.times, 50), p95Ms: percentile(searches.times, 95), count: searches.times.length, failures: searches.failures };
    }

    // Page sizes.
    const decisionPost = posts[Math.floor(posts.length / 2)]!;
    const decisionPath = `/decisions/${decisionPost.slug}`;
    const home = await get(`${base}/`);
    const decision = await get(`${base}${decisionPath}`);
    if (home.status !== 200 || decision.status !== 200) errors.push(`home ${home.status}, decision ${decision.status}`);
    result.html = {
      homeBytes: home.bytes,
      homeGzipBytes: gzipSync(home.body).length,
      decisionBytes: decision.bytes,
      decisionGzipBytes: gzipSync(decision.body).length,
    };

    // Load.
    const committee = `/committees/${posts[0]!.committee}`;
    const feed = await get(`${base}/feed.xml`).catch(() => undefined);
    const targets: Array<[keyof SizeResult['load'], string]> = [
      ['home', '/'],
      ['decision', decisionPath],
      ['committee', committee],
      ...(feed?.status === 200 ? ([['feed', '/feed.xml']] as Array<[keyof SizeResult['load'], string]>) : []),
      ...(hasSearch ? ([['search', '/search?q=business+case']] as Array<[keyof SizeResult['load'], string]>) : []),
    ];
    for (const [name, urlPath] of targets) {
      await get(`${base}${urlPath}`).catch(() => undefined);
      log(`autocannon ${name} ${urlPath}`);
      result.load[name] = await loadTest(`${base}${urlPath}`, { connections, seconds, logDir: logs, cwd: REPO });
    }
    result.serverRssAfterLoadBytes = treeRss(next.pid);

    // deploy/nginx.conf in front of next start.
    const proxyPort = await freePort();
    const proxyPrefix = path.join(root, 'nginx-proxy');
    mkdirSync(proxyPrefix);
    const proxy = startNginx('nginx proxy', proxyConfig(readDeployConf(REPO), { prefix: proxyPrefix, port: proxyPort, upstreamPorts: [port] }), proxyPrefix);
    servers.push(proxy);
    const proxyBase = `http://127.0.0.1:${proxyPort}`;
    await waitForHttp(`${proxyBase}/robots.txt`, 30_000);
    const statuses: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await get(`${proxyBase}${decisionPath}`);
      statuses.push(`${res.status} ${String(res.headers['x-cache-status'] ?? 'none')}`.replace(/^200 /, ''));
    }
    result.proxy = { cacheStatuses: statuses };
    log(`proxy X-Cache-Status: ${statuses.join(', ')}`);
    result.proxy.decision = await loadTest(`${proxyBase}${decisionPath}`, { connections, seconds, logDir: logs, cwd: REPO });
    await get(`${proxyBase}/`);
    result.proxy.home = await loadTest(`${proxyBase}/`, { connections, seconds, logDir: logs, cwd: REPO });
    await stop(proxy);
    await stop(next);

    // Hugo's output on nginx, with Next.js stopped (the machine is the same for both).
    const staticPort = await freePort();
    const staticPrefix = path.join(root, 'nginx-static');
    mkdirSync(staticPrefix);
    const staticServer = startNginx('nginx static', staticConfig({ prefix: staticPrefix, port: staticPort, root: path.join(hugoDir, 'public') }), staticPrefix);
    servers.push(staticServer);
    const hugoUrl = `http://127.0.0.1:${staticPort}${hugoPostPath(decisionPost)}`;
    await waitForHttp(hugoUrl, 30_000);
    const hugoPage = await get(hugoUrl);
    if (hugoPage.status !== 200) errors.push(`Hugo page ${hugoUrl}: ${hugoPage.status}`);
    log('autocannon nginx static');
    result.hugo.decision = await loadTest(hugoUrl, { connections, seconds, logDir: logs, cwd: REPO });
    await stop(staticServer);
  } catch (error) {
    errors.push((error as Error).message.split('\n')[0]!);
    log(`error: ${(error as Error).stack ?? error}`);
  } finally {
    for (const server of servers.reverse()) await stop(server).catch(() => undefined);
    if (keep) log(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true });
  }
  return result;
}

async function main() {
  for (const [name, bin] of [
    ['hugo', HUGO],
    ['nginx', NGINX],
  ] as const) {
    if (!existsSync(bin)) throw new Error(`${name} is not installed at ${bin} (apt-get install ${name}).`);
  }
  if (spawnSync('/usr/bin/time', ['true']).status !== 0) throw new Error('/usr/bin/time is needed (apt-get install time).');
  const outFile = path.join(REPO, 'docs', 'benchmarks.md');
  const previous = existsSync(outFile) ? readResults(readFileSync(outFile, 'utf8')) : [];
  const results: SizeResult[] = [];
  for (const size of sizes) {
    const result = await runSize(size, []);
    results.push(result);
    const merged = [...previous.filter((p) => !results.some((r) => r.size === p.size)), ...results];
    writeFileSync(outFile, benchmarksMarkdown(merged));
  }
  process.stdout.write(`${markdownTable(results)}\n`);
  log(`written to ${path.relative(REPO, outFile)}`);
  if (results.some((r) => r.errors.length > 0)) process.exitCode = 1;
}

main().catch((error) => {
  log(`failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});

export type { LoadResult, SyntheticPost };
