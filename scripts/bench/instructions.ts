/**
 * The instructions nginx runs for one request, counted by valgrind's callgrind: a count, not a
 * time, so the same configuration gives the same figure (to within 1%) however busy the machine
 * is, where requests a second moved 20–40% between rounds on this VM. nginx runs as one process
 * (no master, one worker) under callgrind, once for a few requests and once for many more, all
 * on one kept-alive connection, as wrk sends them; the difference, divided by the difference in
 * requests, leaves out starting and stopping. Only what nginx runs itself is counted: the
 * kernel's work (the connection, sendfile) is not, which is the same for a file and a cache hit.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import path from 'node:path';
import { get } from './edge';
import { waitForHttp } from './http';
import { NGINX } from './nginx';

export const VALGRIND = '/usr/bin/valgrind';

/** Total instructions of one nginx run that answers `requests` requests for `url` after one to warm it (a cache's miss). */
async function countedRun(conf: string, prefix: string, url: URL, requests: number): Promise<number> {
  mkdirSync(path.join(prefix, 'tmp'), { recursive: true });
  const confFile = path.join(prefix, `counted-${requests}.conf`);
  // One process, in the foreground: callgrind follows no forks.
  writeFileSync(confFile, `master_process off;\ndaemon off;\n${conf.replace(/^worker_processes\s+[^;]+;/m, 'worker_processes 1;')}`);
  const out = path.join(prefix, `callgrind-${requests}.out`);
  const nginx = spawn(VALGRIND, ['--tool=callgrind', `--callgrind-out-file=${out}`, NGINX, '-e', 'stderr', '-p', prefix, '-c', confFile], { stdio: 'ignore' });
  const exited = new Promise((resolve) => nginx.on('exit', resolve));
  // edge.ts's get: one kept-alive connection for requests made one after another, as wrk's.
  const status = async () => (await get(url, url.pathname)).status;
  try {
    // Slow to start under valgrind. The first answer (the cache's miss) is in both runs alike.
    await waitForHttp(url.href, 120_000);
    for (let i = 0; i < requests; i++) {
      const answered = await status();
      if (answered !== 200) throw new Error(`${url.href} answered ${answered} under valgrind`);
    }
  } finally {
    // Under valgrind, nginx can sleep in epoll_wait for minutes with the signal pending: a
    // connection wakes it, and it then sees the signal and exits (callgrind writes its counts).
    nginx.kill('SIGTERM');
    const poke = setInterval(
      () =>
        connect(Number(url.port), url.hostname)
          .on('error', () => undefined)
          .on('connect', function (this: Socket) {
            this.destroy();
          }),
      500,
    );
    const killer = setTimeout(() => nginx.kill('SIGKILL'), 60_000);
    await exited;
    clearInterval(poke);
    clearTimeout(killer);
  }
  const totals = /^(?:summary|totals):\s+(\d+)/m.exec(readFileSync(out, 'utf8'));
  rmSync(out, { force: true });
  if (!totals) throw new Error(`callgrind wrote no totals for ${url.href}`);
  return Number(totals[1]);
}

/** Instructions a request for `url` from nginx running `conf` (whose listen address and paths are `prefix`'s). */
export async function instructionsPerRequest(conf: string, prefix: string, url: string, requests = { few: 200, many: 1200 }): Promise<number> {
  const few = await countedRun(conf, prefix, new URL(url), requests.few);
  const many = await countedRun(conf, prefix, new URL(url), requests.many);
  return (many - few) / (requests.many - requests.few);
}
