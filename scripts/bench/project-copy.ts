/** The temporary copy of the project a benchmark builds and serves (npm run bench, npm run bench:search). */
import { execSync, spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';

const EXCLUDED = new Set(['node_modules', '.git', '.bench', '.cache', 'test-results', 'playwright-report', 'coverage', 'out']);
const excluded = (name: string) => EXCLUDED.has(name) || name.startsWith('.next') || name.endsWith('.tsbuildinfo');

/** The commit measured, `+changes` when the tree has uncommitted changes. */
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
 * The project (`source`) without node_modules and build folders; node_modules are `modulesFrom`'s
 * (the source's own unless given), linked, not copied:
 * file by file with hard links (`cp -al`, a second on this disk), because Turbopack refuses a
 * node_modules symlink that points outside the project's root. Where hard links are not
 * possible (another file system), a symlink is tried.
 */
export function copyProject(source: string, target: string, log: (message: string) => void, modulesFrom: string = source): void {
  for (const entry of readdirSync(source)) {
    if (excluded(entry)) continue;
    cpSync(path.join(source, entry), path.join(target, entry), { recursive: true, filter: (src) => !path.basename(src).startsWith('.next') });
  }
  const repo = modulesFrom;
  const linked = spawnSync('cp', ['-al', path.join(repo, 'node_modules'), path.join(target, 'node_modules')], { encoding: 'utf8', timeout: 300_000 });
  if (linked.status !== 0) {
    rmSync(path.join(target, 'node_modules'), { recursive: true, force: true });
    log(`cp -al node_modules failed (${linked.stderr.trim()}); using a symlink`);
    symlinkSync(path.join(repo, 'node_modules'), path.join(target, 'node_modules'), 'dir');
  }
}

/** What residents type into the search box: common words, phrases, names and two misspellings. */
export const SEARCHES = [
  'business case',
  'procurement',
  'libraries',
  'waste collection',
  'nscso',
  'parking enforcement',
  'adult social care',
  'direct payments',
  'contract award',
  'consultation',
  'budget',
  'highways maintenance',
  'street lighting',
  'savings target',
  'trading company',
  'strategic partner',
  'options appraisal',
  'legal partner',
  'register office fees',
  'front line services',
  'procuremnt',
  'libary',
  'cabinet resources',
  'value for money',
  'scrutiny',
  'leisure centres',
  'pest control',
  'council tax',
  'school meals',
  'home care',
  'development and regulatory services',
  'catalyst',
  'economies of scale',
  'performance report',
  'youth services',
  'housing repairs',
  'planning',
  'licensing',
  'payroll',
  'it services',
];
