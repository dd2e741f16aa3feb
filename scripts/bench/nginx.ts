/**
 * nginx for the benchmark: deploy/nginx.conf as shipped (only its machine-specific lines
 * changed), and a plain static server for the Hugo anchor. Both on 127.0.0.1 only, in the
 * foreground, in their own process group.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { start, type Running } from './procs';

export const NGINX = '/usr/sbin/nginx';

function replaceOnce(text: string, pattern: RegExp, replacement: string, what: string): string {
  const matches = text.match(new RegExp(pattern.source, pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`));
  if (!matches || matches.length !== 1) {
    throw new Error(
      `deploy/nginx.conf: expected exactly one ${what} (${pattern}); found ${matches?.length ?? 0}. Update scripts/bench/nginx.ts with the file.`,
    );
  }
  return text.replace(pattern, replacement);
}

function tempPaths(prefix: string): string {
  return ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((kind) => `    ${kind}_temp_path ${path.join(prefix, 'tmp', kind)};`).join('\n');
}

/** The socket through which deploy/nginx.conf's cache sends its misses to Next.js. */
const MISSES_SOCKET = 'unix:/run/nginx-decisions-next.sock';

export interface ProxyOptions {
  /** Folder for the pid, logs, cache, temporary files and socket. */
  prefix: string;
  port: number;
  upstreamPorts: number[];
  /** The site's host names (server_name); the file's own when not given. */
  serverNames?: string[];
}

/**
 * deploy/nginx.conf with: the user (root: the benchmark's folders are private), the pid and
 * log files, the cache folder, the socket for cache misses, the listen address, optionally the
 * site's host names, and the upstream servers changed for this machine. Everything that decides
 * caching and limits is used as written.
 */
export function proxyConfig(deployConf: string, options: ProxyOptions): string {
  const { prefix } = options;
  let conf = deployConf;
  conf = replaceOnce(conf, /^user\s+[^;]+;/m, 'user root;', 'user line');
  conf = replaceOnce(conf, /^pid\s+[^;]+;/m, `pid ${path.join(prefix, 'nginx.pid')};`, 'pid line');
  conf = replaceOnce(conf, /^error_log\s+\S+/m, `error_log ${path.join(prefix, 'error.log')}`, 'error_log line');
  conf = replaceOnce(conf, /access_log\s+\/\S+/, `access_log ${path.join(prefix, 'access.log')}`, 'access_log line');
  conf = replaceOnce(conf, /proxy_cache_path\s+\S+/, `proxy_cache_path ${cacheFolder(prefix)}`, 'proxy_cache_path');
  // The public listen lines (the default server that refuses other hosts, and the site's).
  const listens = conf.match(/^\s*listen\s+\d+\b[^;]*;/gm) ?? [];
  if (listens.length !== 2)
    throw new Error(
      `deploy/nginx.conf: expected two public listen lines (default server and site); found ${listens.length}. Update scripts/bench/nginx.ts with the file.`,
    );
  conf = conf.replace(/^(\s*)listen\s+\d+\b/gm, `$1listen 127.0.0.1:${options.port}`);
  const sockets = conf.split(MISSES_SOCKET).length - 1;
  if (sockets !== 2) throw new Error(`deploy/nginx.conf: expected ${MISSES_SOCKET} twice (upstream and listen); found ${sockets}.`);
  conf = conf.split(MISSES_SOCKET).join(`unix:${path.join(prefix, 'misses.sock')}`);
  if (options.serverNames) {
    conf = replaceOnce(conf, /^(\s*)server_name\s+(?!""|decisions-next;)[^;]+;/m, `$1server_name ${options.serverNames.join(' ')};`, 'site server_name line');
  }
  const upstream = /(upstream\s+decisions_next\s*\{)([\s\S]*?)(\n\s*keepalive\s)/;
  const match = upstream.exec(conf);
  if (!match) throw new Error('deploy/nginx.conf: no upstream decisions_next block with a keepalive line.');
  const serverLine = /^\s*server\s+\S+(.*);\s*$/m.exec(match[2]!);
  if (!serverLine) throw new Error('deploy/nginx.conf: the upstream block has no server line.');
  const servers = options.upstreamPorts.map((port) => `\n        server 127.0.0.1:${port}${serverLine[1]};`).join('');
  conf = conf.replace(upstream, `$1${servers}$3`);
  conf = replaceOnce(conf, /^http\s*\{/m, `http {\n${tempPaths(prefix)}`, 'http block');
  return conf;
}

/** Where proxyConfig puts the cache. */
export function cacheFolder(prefix: string): string {
  return path.join(prefix, 'cache');
}

/** The site's host name as deploy/nginx.conf declares it (the first name of its site server). */
export function siteServerName(deployConf: string): string {
  const match = /^\s*server_name\s+(?!""|decisions-next;)([^\s;]+)/m.exec(deployConf);
  if (!match) throw new Error('deploy/nginx.conf: no site server_name line.');
  return match[1]!;
}

/** Files in the cache folder: one per stored response (nginx writes each entry as one file). */
export function cacheEntries(folder: string): number {
  if (!existsSync(folder)) return 0;
  let count = 0;
  for (const entry of readdirSync(folder, { recursive: true, withFileTypes: true })) if (entry.isFile()) count++;
  return count;
}

/** deploy/nginx.conf's `open_file_cache` directive, to give a static server the same. */
export function openFileCacheDirective(deployConf: string): string {
  const match = /^\s*(open_file_cache\s[^;]*;)/m.exec(deployConf);
  if (!match) throw new Error('deploy/nginx.conf: no open_file_cache line. Update scripts/bench/nginx.ts with the file.');
  return match[1]!;
}

/**
 * A plain static server, as nginx serves a Hugo site; with `openFileCache` (a directive, from
 * openFileCacheDirective), keeping its files open as deploy/nginx.conf keeps its cache's.
 */
export function staticConfig(options: { prefix: string; port: number; root: string; openFileCache?: string }): string {
  return `user root;
worker_processes auto;
pid ${path.join(options.prefix, 'nginx.pid')};
error_log ${path.join(options.prefix, 'error.log')} warn;
events { worker_connections 4096; }
http {
${tempPaths(options.prefix)}
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    tcp_nopush on;${options.openFileCache ? `\n    ${options.openFileCache}` : ''}
    keepalive_requests 100000;
    # Pre-compressed copies (.gz beside a file) for clients that take gzip, as a static host serves them.
    gzip_static on;
    server {
        listen 127.0.0.1:${options.port};
        root ${options.root};
        index index.html;
    }
}
`;
}

/** Checks a configuration with `nginx -t`, then starts nginx in the foreground. */
export function startNginx(name: string, conf: string, prefix: string): Running {
  mkdirSync(path.join(prefix, 'tmp'), { recursive: true });
  const confFile = path.join(prefix, 'nginx.conf');
  writeFileSync(confFile, conf);
  const test = spawnSync(NGINX, ['-t', '-e', 'stderr', '-p', prefix, '-c', confFile, '-g', 'daemon off;'], { encoding: 'utf8', timeout: 30_000 });
  if (test.status !== 0) throw new Error(`nginx -t refused ${confFile}:\n${test.stderr}`);
  return start(name, NGINX, ['-e', 'stderr', '-p', prefix, '-c', confFile, '-g', 'daemon off;'], { cwd: prefix, logFile: path.join(prefix, 'nginx.log') });
}

export function readDeployConf(repo: string): string {
  return readFileSync(path.join(repo, 'deploy', 'nginx.conf'), 'utf8');
}
