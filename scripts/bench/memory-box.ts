/**
 * A server "in a box": a memory cgroup of a given size, as a small VM or a container would give
 * it. Node.js sizes its JavaScript heap from the memory it is allowed (process.constrainedMemory):
 * on this 24 GB machine the heap may grow to 4 GB before V8 collects in earnest, and a server's
 * RSS after a load says more about that headroom than about what the server needs; in a 1 GB box
 * the same server's heap limit is 524 MB. Linux only, as root: cgroup v2 (/sys/fs/cgroup) or v1
 * (/sys/fs/cgroup/memory).
 */
import { existsSync, mkdirSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export interface MemoryBox {
  megabytes: number;
  /** The command and arguments that run `command` inside the box. */
  wrap(command: string, args: string[]): [string, string[]];
  /** Times the kernel killed a process of the box for memory (0 when it cannot tell). */
  oomKills(): number;
  remove(): void;
}

const V2 = '/sys/fs/cgroup';
const V1 = '/sys/fs/cgroup/memory';
/** The kill count's line, in v2's memory.events and in v1's memory.oom_control alike. */
const OOM_KILLS = /^oom_kill (\d+)$/m;

/** A new memory cgroup limited to `megabytes`; throws, saying why, where none can be made. */
export function memoryBox(name: string, megabytes: number): MemoryBox {
  if (!Number.isInteger(megabytes) || megabytes <= 0) throw new Error(`--box takes a size in MB (a whole number above 0), not ${megabytes}.`);
  const bytes = String(megabytes * 2 ** 20);
  let folder: string;
  let oomFile: string;
  if (existsSync(path.join(V2, 'cgroup.controllers'))) {
    folder = path.join(V2, name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'memory.max'), bytes);
    oomFile = path.join(folder, 'memory.events');
  } else if (existsSync(path.join(V1, 'memory.limit_in_bytes'))) {
    folder = path.join(V1, name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, 'memory.limit_in_bytes'), bytes);
    oomFile = path.join(folder, 'memory.oom_control');
  } else {
    throw new Error('--box needs a memory cgroup (cgroup v2, or v1 with the memory controller), writable as root.');
  }
  const procs = path.join(folder, 'cgroup.procs');
  return {
    megabytes,
    // The shell joins the box, then becomes the command: everything it starts is inside.
    wrap: (command, args) => ['/bin/sh', ['-c', 'echo $$ > "$0" && exec "$@"', procs, command, ...args]],
    oomKills: () => {
      try {
        return Number(OOM_KILLS.exec(readFileSync(oomFile, 'utf8'))?.[1] ?? 0);
      } catch {
        return 0;
      }
    },
    remove: () => {
      try {
        rmdirSync(folder);
      } catch {
        // a process not yet reaped still in it: the folder stays behind, empty and harmless
      }
    },
  };
}
