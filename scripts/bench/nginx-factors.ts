/**
 * npm run bench:nginx [-- --seconds 8] [--rounds 3] [--connections 20] [--path /decisions/…]
 * npm run bench:nginx -- --instructions [--path /decisions/…]
 *
 * Where a cached page's requests per second go, between nginx serving a file and nginx serving
 * the same page from deploy/nginx.conf's cache. Serves the current production build
 * (`npm run build` first: the standalone server, as `npm start` runs it) behind deploy/nginx.conf
 * as shipped and with one of its costs taken away (the access log, the X-Cache-Status header)
 * or one of its savings undone (not logging hits, no gzip filter, the cache of open files), one
 * at a time, beside a static nginx serving the very bytes the cache sends, stored as a file,
 * with and without the cache of open files. Each
 * variant is measured in every round, in turn, so all of them share the machine's load alike;
 * the median round of each is kept. Beside the rate, the CPU time nginx's processes used for
 * each request: the work itself, which moves far less with what else the machine is doing.
 * With --instructions, instead of either, the instructions nginx runs for each request, counted
 * by valgrind (scripts/bench/instructions.ts): the same figure whatever else the machine does.
 *
 * The cached page's size is the page's own: what the cache saves per request is measured on
 * equal bytes here; Hugo's smaller page is the anchor of `npm run bench`.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { freePort, get, loadTest, median, waitForHttp, type LoadResult } from './http';
import { openFileCacheDirective, proxyConfig, readDeployConf, startNginx, staticConfig } from './nginx';
import { start, stop, treeCpuMs, type Running } from './procs';
import { commandLine } from './command-line';
import { instructionsPerRequest } from './instructions';

const REPO = process.cwd();
const { option, flag } = commandLine();
const seconds = Number(option('seconds') ?? 8);
const rounds = Number(option('rounds') ?? 3);
const connections = Number(option('connections') ?? 20);
const pagePath = option('path') ?? '/decisions/2011-03-03-last-night-in-hendon';
const countInstructions = flag('instructions');
const INSTRUCTION_REQUESTS = { few: 200, many: 1200 };

/** A variant's configuration for a folder and a port. */
type Configure = (prefix: string, port: number) => string;

/** One change to deploy/nginx.conf, to see what one of its costs takes. */
interface Variant {
  name: string;
  change(conf: string): string;
}

function replaceAll(conf: string, from: RegExp, to: string, what: string): string {
  if (!from.test(conf)) throw new Error(`deploy/nginx.conf has no ${what} (${from}): update scripts/bench/nginx-factors.ts with the file.`);
  return conf.replace(new RegExp(from.source, from.flags.includes('g') ? from.flags : `${from.flags}g`), to);
}

const VARIANTS: Variant[] = [
  { name: 'deploy/nginx.conf as shipped', change: (c) => c },
  { name: 'logging cache hits too', change: (c) => replaceAll(c, / if=\$decisions_logged;/, ';', 'access_log condition') },
  { name: 'without the access log', change: (c) => replaceAll(c, /^(\s*)access_log\s+\/[^;]+;/m, '$1access_log off;', 'access_log line') },
  {
    // As the file had it until 7 December: a filter that looks at every answer, cached ones too.
    name: 'with nginx’s gzip on',
    change: (c) =>
      replaceAll(
        c,
        /^http\s*\{\n/m,
        'http {\n    gzip on; gzip_comp_level 5; gzip_min_length 1024; gzip_proxied any; gzip_vary on;\n' +
          '    gzip_types text/css text/plain text/xml text/csv application/javascript application/json application/xml application/rss+xml application/atom+xml application/feed+json image/svg+xml;\n',
        'http block',
      ),
  },
  {
    name: 'without X-Cache-Status',
    change: (c) => replaceAll(c, /^\s*add_header X-Cache-Status[^;]*;\n/m, '', 'X-Cache-Status header'),
  },
  {
    name: 'without open_file_cache',
    change: (c) => replaceAll(c, /^\s*open_file_cache\s[^;]*;\n/m, '', 'open_file_cache line'),
  },
];

function log(message: string): void {
  process.stderr.write(`[bench:nginx ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

async function main(): Promise<void> {
  const root = mkdtempSync(path.join(tmpdir(), 'bench-nginx-'));
  const logs = path.join(root, 'logs');
  mkdirSync(logs);
  const running: Running[] = [];
  try {
    const port = await freePort();
    const server = start('standalone server', process.execPath, ['scripts/serve-standalone.mjs'], {
      cwd: REPO,
      env: { NODE_ENV: 'production', PORT: String(port), HOSTNAME: 'localhost', SITE_NOW: '' },
      logFile: path.join(logs, 'server.log'),
    });
    running.push(server);
    await waitForHttp(`http://127.0.0.1:${port}/robots.txt`, 60_000);

    // Each variant's cache in its own folder, on its own port.
    const proxies: Array<{ variant: Variant; url: string; nginx: Running; configure: Configure }> = [];
    for (const [i, variant] of VARIANTS.entries()) {
      const prefix = path.join(root, `proxy-${i}`);
      mkdirSync(prefix);
      const proxyPort = await freePort();
      const configure: Configure = (at, atPort) =>
        variant.change(proxyConfig(readDeployConf(REPO), { prefix: at, port: atPort, upstreamPorts: [port], serverNames: ['127.0.0.1'] }));
      const conf = configure(prefix, proxyPort);
      const nginx = startNginx(`nginx ${variant.name}`, conf, prefix);
      running.push(nginx);
      const url = `http://127.0.0.1:${proxyPort}${pagePath}`;
      await waitForHttp(`http://127.0.0.1:${proxyPort}/robots.txt`, 30_000);
      await get(url);
      const again = await get(url);
      if (again.status !== 200 || again.headers['x-cache-status'] === 'MISS')
        throw new Error(`${variant.name}: ${url} is not served from the cache (${again.status}).`);
      proxies.push({ variant, url, nginx, configure });
    }

    // The bytes the cache sends, as a file on a static nginx.
    const page = await get(proxies[0]!.url);
    const staticRoot = path.join(root, 'static-root');
    mkdirSync(path.join(staticRoot, 'page'), { recursive: true });
    writeFileSync(path.join(staticRoot, 'page', 'index.html'), page.body);
    const statics: Array<{ name: string; url: string; nginx: Running; configure: Configure }> = [];
    for (const [name, openFileCache] of [
      ['static nginx, the same bytes', undefined],
      ['static nginx with open_file_cache, the same bytes', openFileCacheDirective(readDeployConf(REPO))],
    ] as const) {
      const staticPrefix = path.join(root, `static-${statics.length}`);
      mkdirSync(staticPrefix);
      const staticPort = await freePort();
      const configure: Configure = (at, atPort) => staticConfig({ prefix: at, port: atPort, root: staticRoot, openFileCache });
      const nginx = startNginx(name, configure(staticPrefix, staticPort), staticPrefix);
      running.push(nginx);
      const url = `http://127.0.0.1:${staticPort}/page/`;
      await waitForHttp(url, 30_000);
      statics.push({ name, url, nginx, configure });
    }

    if (countInstructions) {
      // Each configuration again, in a folder and on a port of its own, under callgrind.
      const lines = [
        `${pagePath}: ${page.bytes} bytes; instructions nginx ran for each request (callgrind, ${INSTRUCTION_REQUESTS.many - INSTRUCTION_REQUESTS.few} requests on one connection).`,
        '',
        '| Served by | instructions a request | ÷ static |',
        '| --- | --- | --- |',
      ];
      let staticCount: number | undefined;
      for (const target of [...statics, ...proxies.map((p) => ({ ...p, name: p.variant.name }))]) {
        log(`counting: ${target.name}`);
        const prefix = path.join(root, `counted-${lines.length}`);
        const countedPort = await freePort();
        const count = await instructionsPerRequest(
          target.configure(prefix, countedPort),
          prefix,
          target.url.replace(/:\d+\//, `:${countedPort}/`),
          INSTRUCTION_REQUESTS,
        );
        staticCount ??= count;
        lines.push(`| ${target.name} | ${Math.round(count).toLocaleString('en-GB')} | ${Math.round((count / staticCount) * 100)}% |`);
      }
      process.stdout.write(`${lines.join('\n')}\n`);
      return;
    }

    const targets = [...statics, ...proxies.map((p) => ({ name: p.variant.name, url: p.url, nginx: p.nginx }))];
    const results = new Map<string, LoadResult[]>(targets.map((t) => [t.name, []]));
    const cpuPerRequest = new Map<string, number[]>(targets.map((t) => [t.name, []]));
    const loadBefore = loadavg();
    for (let round = 1; round <= rounds; round++) {
      log(`round ${round} of ${rounds}`);
      for (const target of targets) {
        const cpuBefore = treeCpuMs(target.nginx.pid);
        const result = await loadTest(target.url, { connections, seconds, logDir: logs, cwd: REPO });
        results.get(target.name)!.push(result);
        cpuPerRequest.get(target.name)!.push(((treeCpuMs(target.nginx.pid) - cpuBefore) * 1000) / Math.max(1, result.requests));
      }
    }
    const loadAfter = loadavg();

    const staticRate = median(results.get(targets[0]!.name)!.map((r) => r.requestsPerSecond));
    const staticCpu = median(cpuPerRequest.get(targets[0]!.name)!);
    const lines = [
      `${pagePath}: ${page.bytes} bytes; ${rounds} rounds of ${seconds} s, ${connections} connections; ${cpus().length} cores;` +
        ` load average ${loadBefore.map((l) => l.toFixed(1)).join(' / ')} before, ${loadAfter.map((l) => l.toFixed(1)).join(' / ')} after.`,
      '',
      '| Served by | req/s, median (rounds) | ÷ static | nginx CPU a request, median (rounds) | ÷ static | p99 | errors |',
      '| --- | --- | --- | --- | --- | --- | --- |',
    ];
    for (const target of targets) {
      const runs = results.get(target.name)!;
      const rate = median(runs.map((r) => r.requestsPerSecond));
      const errors = runs.reduce((sum, r) => sum + r.non2xx + r.errors + r.timeouts, 0);
      const cpu = cpuPerRequest.get(target.name)!;
      lines.push(
        `| ${target.name} | ${Math.round(rate).toLocaleString('en-GB')} (${runs.map((r) => Math.round(r.requestsPerSecond)).join(', ')}) | ${Math.round((rate / staticRate) * 100)}% | ` +
          `${median(cpu).toFixed(1)} µs (${cpu.map((c) => c.toFixed(1)).join(', ')}) | ${Math.round((median(cpu) / staticCpu) * 100)}% | ${median(runs.map((r) => r.p99Ms))} ms | ${errors} |`,
      );
    }
    process.stdout.write(`${lines.join('\n')}\n`);
  } finally {
    for (const r of running.reverse()) await stop(r).catch(() => undefined);
    rmSync(root, { recursive: true, force: true });
  }
}

main().catch((error) => {
  log(`failed: ${(error as Error).stack ?? error}`);
  process.exitCode = 1;
});
