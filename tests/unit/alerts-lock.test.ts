/**
 * The embedded database's data folder belongs to one process: its lock file is created
 * atomically (of several processes starting at once exactly one gets it), a lock left by a
 * process that is gone is taken over, and one held by a live process is respected.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { lockDataDir } from '../../lib/alerts/store';

const REPO = path.resolve(import.meta.dirname, '..', '..');
let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'alerts-lock-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

/** A pid that belonged to a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

it('takes over a lock whose process is gone, and refuses one whose process is alive', async () => {
  const dataDir = path.join(folder, 'db');
  writeFileSync(`${dataDir}.lock`, String(deadPid()));
  const unlock = lockDataDir(dataDir);
  expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
  // A second opening in this very process is refused as well: one PGlite per folder.
  expect(() => lockDataDir(dataDir)).toThrow(/already open in this process/);
  unlock();

  const sleeper = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)']);
  try {
    writeFileSync(`${dataDir}.lock`, String(sleeper.pid));
    expect(() => lockDataDir(dataDir)).toThrow(new RegExp(`in use by process ${sleeper.pid}`));
  } finally {
    sleeper.kill();
  }
});

it('of six processes locking one folder at once, exactly one gets it, even over a stale lock', async () => {
  const dataDir = path.join(folder, 'db');
  writeFileSync(`${dataDir}.lock`, String(deadPid()));
  const script = `
    import { lockDataDir } from ${JSON.stringify(path.join(REPO, 'lib/alerts/store.ts'))};
    // Start together: each waits for the same moment before trying.
    const at = Number(process.argv[1]);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, at - Date.now())));
    try { lockDataDir(${JSON.stringify(dataDir)}); console.log('locked'); setTimeout(() => {}, 3000); }
    catch (error) { console.log('refused'); }
  `;
  const start = Date.now() + 3000;
  const runs = Array.from(
    { length: 6 },
    () =>
      new Promise<string>((resolve) => {
        const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, String(start)], { cwd: REPO });
        let out = '';
        child.stdout.on('data', (d: Buffer) => (out += d));
        child.on('exit', () => resolve(out.trim()));
      }),
  );
  const results = await Promise.all(runs);
  expect(
    results.filter((r) => r === 'locked'),
    results.join(','),
  ).toHaveLength(1);
  expect(results.filter((r) => r === 'refused')).toHaveLength(5);
}, 60_000);
