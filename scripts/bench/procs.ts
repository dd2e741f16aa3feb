/**
 * Processes for the benchmark: each in its own process group, so a server and everything it
 * spawned can be measured (RSS of the whole tree) and stopped together; every group still
 * running is killed when the benchmark exits, also on error or Ctrl-C.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';

const PAGE_SIZE = 4096;

export interface Running {
  name: string;
  child: ChildProcess;
  pid: number;
  exited: Promise<number | null>;
  /** The last lines of output, for error messages. */
  tail(): string;
}

const running = new Set<Running>();

function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}

function killAll(): void {
  for (const r of running) killGroup(r.pid, 'SIGKILL');
  running.clear();
}

process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

export interface StartOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Output goes here (appended), and its tail is kept for errors. */
  logFile: string;
}

/** Starts a command in a new process group. */
export function start(name: string, command: string, args: string[], options: StartOptions): Running {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...options.env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (child.pid === undefined) throw new Error(`Could not start ${name} (${command})`);
  const log = createWriteStream(options.logFile, { flags: 'a' });
  const started = performance.now();
  let tail = '';
  let atLineStart = true;
  // The log gets each line's time since the start, so phases can be read off it.
  const keep = (chunk: Buffer) => {
    const text = chunk.toString();
    const stamp = () => `[+${((performance.now() - started) / 1000).toFixed(1)}s] `;
    log.write((atLineStart ? stamp() : '') + text.replace(/\n(?=.)/g, () => `\n${stamp()}`));
    atLineStart = text.endsWith('\n');
    tail = (tail + text).slice(-4000);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  const exited = new Promise<number | null>((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 128 : null)));
    child.on('error', () => resolve(127));
  });
  const r: Running = { name, child, pid: child.pid, exited, tail: () => tail };
  running.add(r);
  void exited.then(() => {
    log.end();
    running.delete(r);
  });
  return r;
}

/** Stops the whole process group: SIGTERM, then SIGKILL after `graceMs`. */
export async function stop(r: Running, graceMs = 5000): Promise<void> {
  killGroup(r.pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([r.exited, timer])) === 'timeout') {
    killGroup(r.pid, 'SIGKILL');
    await r.exited;
  }
  // Children that left the group's leader behind (workers) go too.
  killGroup(r.pid, 'SIGKILL');
  running.delete(r);
}

interface ProcStat {
  pid: number;
  ppid: number;
  pgrp: number;
  rssBytes: number;
  cpuTicks: number;
}

function readStats(): ProcStat[] {
  const stats: ProcStat[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // The command name is in parentheses and may hold spaces: fields start after the last ')'.
      const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
      stats.push({
        pid: Number(entry),
        ppid: Number(fields[1]),
        pgrp: Number(fields[2]),
        cpuTicks: Number(fields[11]) + Number(fields[12]),
        rssBytes: Number(fields[21]) * PAGE_SIZE,
      });
    } catch {
      // the process ended while we looked
    }
  }
  return stats;
}

/** The processes of a group and every descendant of its leader (even one that left the group). */
function treeOf(rootPid: number, stats: ProcStat[]): ProcStat[] {
  const members = new Set<number>();
  for (const s of stats) if (s.pgrp === rootPid) members.add(s.pid);
  members.add(rootPid);
  let grew = true;
  while (grew) {
    grew = false;
    for (const s of stats) {
      if (!members.has(s.pid) && members.has(s.ppid)) {
        members.add(s.pid);
        grew = true;
      }
    }
  }
  return stats.filter((s) => members.has(s.pid));
}

/** Clock ticks a second in /proc/<pid>/stat (USER_HZ: 100 on Linux on every architecture Node.js runs on). */
const TICKS_PER_SECOND = 100;

/**
 * The CPU time a process tree has used so far (user and system), in milliseconds: measured
 * before and after a load, the work a server did for it, which a busy machine slows but does not
 * change, unlike requests a second.
 */
export function treeCpuMs(rootPid: number): number {
  return (treeTotal(rootPid, 'cpuTicks') * 1000) / TICKS_PER_SECOND;
}

/** The summed resident memory of a process tree now, in bytes. */
export function treeRss(rootPid: number): number {
  return treeTotal(rootPid, 'rssBytes');
}

/** One figure of /proc/<pid>/stat, summed over a process tree now. */
function treeTotal(rootPid: number, figure: 'cpuTicks' | 'rssBytes'): number {
  return treeOf(rootPid, readStats()).reduce((sum, s) => sum + s[figure], 0);
}

/** One process of a tree, and what its resident memory is made of (/proc/<pid>/status), in bytes. */
export interface ProcessMemory {
  pid: number;
  command: string;
  rssBytes: number;
  /** Memory of its own: the heap, WebAssembly memories, buffers. */
  anonBytes: number;
  /** Mapped files: code, and files read through mmap. */
  fileBytes: number;
}

/** Each process of a tree with its RSS split into anonymous and file-backed memory. */
export function treeMemory(rootPid: number): ProcessMemory[] {
  return treeOf(rootPid, readStats()).map((s) => {
    const field = (status: string, name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024;
    let status = '';
    try {
      status = readFileSync(`/proc/${s.pid}/status`, 'utf8');
    } catch {
      // the process ended while we looked
    }
    return { pid: s.pid, command: commandOf(s.pid), rssBytes: s.rssBytes, anonBytes: field(status, 'RssAnon'), fileBytes: field(status, 'RssFile') };
  });
}

/** A short name for a process of the build: `next build`, `worker`, `turbopack pool`… */
function commandOf(pid: number): string {
  let command = '?';
  try {
    command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean).join(' ');
  } catch {
    return command;
  }
  if (command.startsWith('next-build')) return 'next build';
  if (command.includes('jest-worker/processChild')) return 'worker';
  if (command.includes('pool_entry') || command.includes('.next/build/chunks')) return 'turbopack pool';
  if (command.startsWith('npm')) return 'npm';
  if (command.includes('tsx')) return 'tsx';
  return command.replace(/^.*\/node_modules\//, '').slice(0, 40);
}

/** Samples a process tree's summed RSS until stopped; gives the peak, in bytes, and what it was made of. */
export function watchPeakRss(rootPid: number, intervalMs = 200): { stop(): number; breakdown(): string } {
  let peak = 0;
  let parts: Array<[string, number]> = [];
  const sample = () => {
    const tree = treeOf(rootPid, readStats());
    const total = tree.reduce((sum, s) => sum + s.rssBytes, 0);
    if (total > peak) {
      peak = total;
      parts = tree.filter((s) => s.rssBytes > 50 * 1024 ** 2).map((s) => [commandOf(s.pid), s.rssBytes]);
    }
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  return {
    stop() {
      clearInterval(timer);
      return peak;
    },
    breakdown() {
      return (
        parts
          .sort((a, b) => b[1] - a[1])
          .map(([command, bytes]) => `${command} ${Math.round(bytes / 1024 ** 2)}`)
          .join(', ') + ' MiB'
      );
    },
  };
}

export interface Timed {
  code: number | null;
  wallMs: number;
  /** User + system CPU of the command and every child it waited for, from /usr/bin/time. */
  cpuMs?: number;
  peakRssBytes: number;
  /** The processes over 50 MiB at the peak. */
  peakBreakdown: string;
  output: string;
}

/**
 * Runs a command to its end under /usr/bin/time (for CPU time), watching the tree's peak RSS,
 * and kills it after `timeoutMs`.
 */
export async function runTimed(name: string, command: string, args: string[], options: StartOptions & { timeoutMs: number }): Promise<Timed> {
  const timeFile = `${options.logFile}.time`;
  const started = performance.now();
  const r = start(name, '/usr/bin/time', ['-f', 'BENCH_TIME %e %U %S', '-o', timeFile, command, ...args], options);
  const peak = watchPeakRss(r.pid);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    void stop(r, 2000);
  }, options.timeoutMs);
  const code = await r.exited;
  clearTimeout(timer);
  const wallMs = performance.now() - started;
  const peakRssBytes = peak.stop();
  const peakBreakdown = peak.breakdown();
  killGroup(r.pid, 'SIGKILL');
  let cpuMs: number | undefined;
  try {
    const match = /BENCH_TIME ([\d.]+) ([\d.]+) ([\d.]+)/.exec(readFileSync(timeFile, 'utf8'));
    if (match) cpuMs = (Number(match[2]) + Number(match[3])) * 1000;
  } catch {
    // no timing file: the command did not start
  }
  if (timedOut) throw new Error(`${name} took longer than ${Math.round(options.timeoutMs / 1000)} s and was stopped. Last output:\n${r.tail()}`);
  return { code, wallMs, ...(cpuMs === undefined ? {} : { cpuMs }), peakRssBytes, peakBreakdown, output: r.tail() };
}
