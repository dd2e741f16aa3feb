/**
 * The embedded database's data folder belongs to one process: its lock file is created
 * atomically (of several processes starting at once exactly one gets it), a lock left by a
 * process that is gone is taken over, and one held by a live process is respected.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { lockDataDir } from '../../lib/alerts/data-dir-lock';

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

/** Lines a child process prints, one at a time, as they come. */
function linesOf(child: ChildProcess): () => Promise<string> {
  const waiting: ((line: string) => void)[] = [];
  const ready: string[] = [];
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk;
    for (let end = buffered.indexOf('\n'); end >= 0; end = buffered.indexOf('\n')) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 1);
      const waiter = waiting.shift();
      if (waiter) waiter(line);
      else ready.push(line);
    }
  });
  return () => (ready.length ? Promise.resolve(ready.shift()!) : new Promise((resolve) => waiting.push(resolve)));
}

it('of six processes locking one folder at once, exactly one gets it, round after round over a stale lock', async () => {
  const dataDir = path.join(folder, 'db');
  const lock = `${dataDir}.lock`;
  const stale = String(deadPid());
  // Each child, told "try", tries to lock and says whether it got the lock; the winner, told
  // "release", lets go and leaves a dead process's lock behind, as a crash would. The parent
  // waits for every answer before the next round, so a slow machine only makes the test slower.
  const script = `
    import { createInterface } from 'node:readline';
    import { writeFileSync } from 'node:fs';
    import { lockDataDir } from ${JSON.stringify(path.join(REPO, 'lib/alerts/data-dir-lock.ts'))};
    let unlock;
    console.log('ready');
    for await (const line of createInterface({ input: process.stdin })) {
      if (line === 'try') {
        try { unlock = lockDataDir(${JSON.stringify(dataDir)}); console.log('locked'); }
        catch { console.log('refused'); }
      } else if (line === 'release') {
        unlock(); writeFileSync(${JSON.stringify(lock)}, ${JSON.stringify(stale)}); console.log('released');
      }
    }
  `;
  const children = Array.from({ length: 6 }, () =>
    spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: REPO, stdio: ['pipe', 'pipe', 'inherit'] }),
  );
  try {
    const next = children.map(linesOf);
    await Promise.all(next.map(async (line) => expect(await line()).toBe('ready')));
    writeFileSync(lock, stale);
    for (let round = 0; round < 25; round++) {
      for (const child of children) child.stdin.write('try\n');
      const answers = await Promise.all(next.map((line) => line()));
      expect(
        answers.filter((a) => a === 'locked'),
        `round ${round}: ${answers.join(',')}`,
      ).toHaveLength(1);
      expect(answers.filter((a) => a === 'refused')).toHaveLength(5);
      const winner = answers.indexOf('locked');
      children[winner]!.stdin.write('release\n');
      expect(await next[winner]!()).toBe('released');
    }
  } finally {
    for (const child of children) child.kill();
  }
}, 120_000);
