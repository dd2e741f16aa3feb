/**
 * The benchmarks' temporary copy of the project (shared by run.ts and memory.ts): everything but
 * node_modules and build folders, copied; node_modules linked.
 */
import { execSync, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import type { MemoryBox } from './memory-box';
import { start, type Running } from './procs';

const EXCLUDED = new Set(['node_modules', '.git', '.bench', '.cache', '.data', '.build', '.history', 'test-results', 'playwright-report', 'coverage', 'out']);
const excluded = (name: string) => EXCLUDED.has(name) || name.startsWith('.next') || name.endsWith('.tsbuildinfo');

/**
 * Copies the project at `repo` into `target`. node_modules (`modulesFrom`'s, `repo`'s own unless
 * given: a checkout of another commit has none) is linked, not copied: file by file
 * with hard links (`cp -al`, a second on this disk), because Turbopack refuses a node_modules
 * symlink that points outside the project's root. Where hard links are not possible (another
 * file system), a symlink is tried.
 */
export function copyProject(repo: string, target: string, log: (message: string) => void, modulesFrom: string = repo): void {
  for (const entry of readdirSync(repo)) {
    if (excluded(entry)) continue;
    cpSync(path.join(repo, entry), path.join(target, entry), { recursive: true, filter: (src) => !path.basename(src).startsWith('.next') });
  }
  const linked = spawnSync('cp', ['-al', path.join(modulesFrom, 'node_modules'), path.join(target, 'node_modules')], { encoding: 'utf8', timeout: 300_000 });
  if (linked.status !== 0) {
    rmSync(path.join(target, 'node_modules'), { recursive: true, force: true });
    log(`cp -al node_modules failed (${linked.stderr.trim()}); using a symlink`);
    symlinkSync(path.join(modulesFrom, 'node_modules'), path.join(target, 'node_modules'), 'dir');
  }
}

/** The commit measured, `+changes` when the work tree differs from it. */
export function commitOf(repo: string): string {
  try {
    const head = execSync('git rev-parse --short HEAD', { cwd: repo, encoding: 'utf8' }).trim();
    const dirty = execSync('git status --porcelain', { cwd: repo, encoding: 'utf8' }).trim() ? '+changes' : '';
    return head + dirty;
  } catch {
    return 'unknown';
  }
}

/**
 * The built project's standalone server, as production runs it (deploy/README.md): server.js in
 * .next/standalone, with the build's static files and public/ beside it, on `port`, HOSTNAME
 * localhost (see deploy/README.md for why not 127.0.0.1). Not `next start`, which does not
 * serve a standalone build as deployed (its search answers 404).
 */
export function startStandalone(project: string, options: { name: string; port: number; env: NodeJS.ProcessEnv; logFile: string; box?: MemoryBox }): Running {
  const standalone = path.join(project, '.next', 'standalone');
  cpSync(path.join(project, '.next', 'static'), path.join(standalone, '.next', 'static'), { recursive: true });
  cpSync(path.join(project, 'public'), path.join(standalone, 'public'), { recursive: true });
  const [command, args] = options.box ? options.box.wrap(process.execPath, ['server.js']) : [process.execPath, ['server.js']];
  return start(options.name, command, args, {
    cwd: standalone,
    env: { ...options.env, PORT: String(options.port), HOSTNAME: 'localhost', SITE_NOW: '' },
    logFile: options.logFile,
  });
}
