/**
 * PGlite's data folder belongs to one process: a second one opening it (a cron run beside the
 * server) would corrupt it. A lock file beside the folder names its owner's pid.
 *
 * - The lock appears whole: the pid is written to a private file first and hard-linked into place
 *   (link(2) fails with EEXIST when the lock exists), so nobody ever reads a half-written lock and
 *   mistakes it for a dead owner's.
 * - A lock left by a process that is gone (killed, the machine restarted) is taken over. Removing
 *   it is the one dangerous step: two processes that both read the dead pid must not both remove
 *   "the stale lock", or the second removes the first one's fresh lock and both go on. So removal
 *   happens only while holding a second lock, `<lock>.takeover`, created the same way, and only
 *   after reading the owner again under it.
 * - A takeover lock is held for a few system calls. One whose owner is gone (a crash inside those
 *   calls) is moved aside atomically and checked: if what was moved is not the dead owner's, it is
 *   put back.
 */
import { linkSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The lock files this process holds (a second store on one folder in one process is refused too). */
const heldLocks = new Set<string>();

/** How often a process that finds another taking over a stale lock looks again before giving up. */
const TAKEOVER_WAITS = 50;

export function lockDataDir(dataDir: string): () => void {
  const lock = `${path.resolve(dataDir)}.lock`;
  if (heldLocks.has(lock)) throw new Error(`the embedded database in ${dataDir} is already open in this process`);
  const inUse = (owner: number | undefined) =>
    new Error(
      `the embedded database in ${dataDir} is in use by ${owner ? `process ${owner}` : 'another process'} (the server?). With the embedded database the server sends the alerts itself; for cron, use DATABASE_URL.`,
    );

  for (let wait = 0; ; wait++) {
    if (createWithPid(lock)) return held(lock);
    const owner = lockOwner(lock);
    if (isAlive(owner)) throw inUse(owner);
    // The owner is gone (or the lock vanished as we looked): take it over, one process at a time.
    const takeover = `${lock}.takeover`;
    if (createWithPid(takeover) || (clearStale(takeover) && createWithPid(takeover))) {
      try {
        const ownerNow = lockOwner(lock);
        if (isAlive(ownerNow)) throw inUse(ownerNow);
        rmSync(lock, { force: true });
        if (createWithPid(lock)) return held(lock);
        throw inUse(lockOwner(lock));
      } finally {
        rmSync(takeover, { force: true });
      }
    }
    // Another process is taking the stale lock over right now; see who ends up with it.
    if (wait >= TAKEOVER_WAITS) throw inUse(lockOwner(lock));
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
  }
}

function held(lock: string): () => void {
  heldLocks.add(lock);
  return () => {
    heldLocks.delete(lock);
    rmSync(lock, { force: true });
  };
}

/** Creates `file` holding this process's pid, whole, unless it exists. */
function createWithPid(file: string): boolean {
  const draft = `${file}.${process.pid}.draft`;
  writeFileSync(draft, String(process.pid));
  try {
    linkSync(draft, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return false;
  } finally {
    rmSync(draft, { force: true });
  }
}

/**
 * Removes `file` when its owner is gone, by moving it aside (rename is atomic: of two processes
 * doing this, one moves it) and reading what was moved: a live owner's file is put back.
 * True when the file is gone.
 */
function clearStale(file: string): boolean {
  const owner = lockOwner(file);
  if (isAlive(owner)) return false;
  const aside = `${file}.${process.pid}.stale`;
  try {
    renameSync(file, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return true;
    throw error;
  }
  const moved = lockOwner(aside);
  if (isAlive(moved)) {
    try {
      linkSync(aside, file);
    } catch {
      // Another has been created meanwhile: it is the one that counts.
    }
    rmSync(aside, { force: true });
    return false;
  }
  rmSync(aside, { force: true });
  return true;
}

/** The pid in a lock file; undefined when there is none (the file is gone or holds no pid). */
function lockOwner(lock: string): number | undefined {
  try {
    const pid = Number(readFileSync(lock, 'utf8').trim());
    return Number.isSafeInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Whether the process named in a lock still runs. Our own pid in a lock this process does not
 * hold was left by an earlier life of this pid (a container's server is pid 1 after every
 * restart): stale, like any other dead owner's.
 */
function isAlive(pid: number | undefined): boolean {
  if (pid === undefined || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, under another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
