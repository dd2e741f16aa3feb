/**
 * The embedded database in a child process of its own, started when the alerts need it and
 * stopped when they have not for a while.
 *
 * PGlite in the server's own process kept about 90 MB of its RSS for good: PostgreSQL's
 * WebAssembly code and memory, and what its start left behind (closing it gave back less than
 * half; measured, docs/benchmarks-memory.md). The alerts use the database for a moment when a
 * resident subscribes or confirms, and the sender when something is due (lib/alerts/service.ts
 * asks the store when that is); the rest of the time, which is nearly all of it, a stopped child
 * holds nothing. A child that crashes takes nothing else down: the next query starts another.
 *
 * The parent holds the data folder's lock (data-dir-lock.ts) for as long as the store is open,
 * and starts one child at a time, so the folder still belongs to one process at any moment.
 * Queries reach the child over Node's IPC channel with structured clone, so dates, int8s and
 * bytea arrive as PGlite gave them. A session (one Kysely connection: a query, or a
 * transaction) pins the child: it is never stopped under a session, and a session whose child
 * died fails instead of going on in a new child outside its transaction.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface PgliteResults<R> {
  rows: R[];
  affectedRows?: number;
}

/** One Kysely connection's hold on the database. */
export interface PgliteSession {
  query<R>(sql: string, params: unknown[]): Promise<PgliteResults<R>>;
  end(): void;
}

/** What the Kysely driver (store-pglite.ts) needs: sessions, one at a time, and a way to close. */
export interface PgliteSessions {
  session(): Promise<PgliteSession>;
  close(): Promise<void>;
}

export interface PgliteProcessOptions {
  dataDir: string;
  /** PostgreSQL's arguments added to PGlite's own (store-pglite.ts's memory settings). */
  extraParams: string[];
  /** How long the child outlives its last session. */
  idleMs: number;
  /** Told each time a child starts (the tests count them; the server logs nothing more). */
  onStart?: (pid: number) => void;
}

/** The database stays up this long after its last use, so that one visit's forms share a start. */
export const PGLITE_IDLE_MS = 30_000;

/**
 * The child's whole program. It is given as a string, as node's `-e`, so that it runs from the
 * server's folder in the standalone build with nothing else to ship. It answers queries in the
 * order they come (PGlite runs one at a time anyway), sends back PostgreSQL's message and code
 * for an error and nothing of the statement's values, and closes the database cleanly when told
 * to or when the server goes away.
 *
 * It first tells V8 to compile WebAssembly with its baseline compiler only (Liftoff): PGlite's
 * PostgreSQL is 9 MB of WebAssembly, and by default V8 recompiles whatever runs hot with its
 * optimising compiler; PostgreSQL's start-up runs enough of it hot to keep 30-50 MB more
 * (measured, docs/benchmarks-memory.md). The alerts' queries are few and small: baseline code is
 * plenty for them. Set from the program rather than node's command line, where a V8 without the
 * flag would refuse to start: here it says so on stderr and runs as before.
 */
const CHILD_PROGRAM = `
const { setFlagsFromString } = await import('node:v8');
setFlagsFromString('--liftoff-only');
const { PGlite } = await import('@electric-sql/pglite');
const [dataDir, extraParams] = JSON.parse(process.argv[1]);
const db = await PGlite.create({ dataDir, startParams: [...PGlite.defaultStartParams, ...extraParams] });
let closing;
const close = () => (closing ??= db.close().catch(() => {}).then(() => process.exit(0)));
process.on('disconnect', close);
process.on('message', async (m) => {
  if (m.close) return close();
  try {
    const r = await db.query(m.sql, m.params);
    process.send({ id: m.id, rows: r.rows, affectedRows: r.affectedRows });
  } catch (e) {
    process.send({ id: m.id, error: { message: String(e?.message ?? e), code: typeof e?.code === 'string' ? e.code : undefined } });
  }
});
process.send({ ready: true });
`;

type Reply = { ready: true } | { id: number; rows: unknown[]; affectedRows?: number } | { id: number; error: { message: string; code?: string } };

/** One running child: its queries in flight, and whether it is still there. */
class Child {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (r: PgliteResults<never>) => void; reject: (e: Error) => void }>();
  private gone: Error | undefined;
  private started = false;
  readonly exited: Promise<void>;
  readonly ready: Promise<void>;

  constructor(private readonly handle: ChildProcess) {
    let markReady!: () => void;
    let failStart!: (e: Error) => void;
    this.ready = new Promise((resolve, reject) => ((markReady = resolve), (failStart = reject)));
    let stderr = '';
    // What the child says on stderr goes to the server's log, and its last words into the error.
    handle.stderr?.on('data', (chunk: Buffer) => {
      process.stderr.write(chunk);
      stderr = (stderr + chunk.toString()).slice(-2000);
    });
    // Neither the child nor its stderr pipe keeps this process up (holdParent decides that).
    handle.unref();
    (handle.stderr as (NodeJS.ReadableStream & { unref?: () => void }) | null)?.unref?.();
    handle.on('message', (reply: Reply) => {
      if ('ready' in reply) {
        this.started = true;
        this.holdParent();
        return markReady();
      }
      const waiter = this.waiting.get(reply.id);
      if (!waiter) return;
      this.waiting.delete(reply.id);
      if ('error' in reply) waiter.reject(Object.assign(new Error(reply.error.message), reply.error.code ? { code: reply.error.code } : {}));
      else waiter.resolve({ rows: reply.rows as never[], affectedRows: reply.affectedRows });
    });
    this.exited = new Promise((resolve) => {
      const end = (why: string) => {
        this.gone ??= new Error(`the embedded database stopped (${why})${stderr.trim() ? `: ${stderr.trim().slice(-500)}` : ''}`);
        failStart(this.gone);
        for (const waiter of this.waiting.values()) waiter.reject(this.gone);
        this.waiting.clear();
        resolve();
      };
      handle.on('exit', (code, signal) => end(signal ? `signal ${signal}` : `exit code ${code}`));
      handle.on('error', (error) => end(error.message));
    });
  }

  get pid(): number {
    return this.handle.pid ?? 0;
  }

  get alive(): boolean {
    return this.gone === undefined;
  }

  query<R>(sql: string, params: unknown[]): Promise<PgliteResults<R>> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, { resolve: resolve as (r: PgliteResults<never>) => void, reject });
      this.holdParent();
      this.handle.send({ id, sql, params }, (error) => {
        if (error && this.waiting.delete(id)) reject(error);
      });
    }).finally(() => this.holdParent()) as Promise<PgliteResults<R>>;
  }

  /**
   * The IPC channel keeps the parent's event loop up only while a query waits for its answer
   * (or the child for its start): an idle child must not keep a finished command
   * (`npm run alerts:send`) from exiting.
   */
  private holdParent(): void {
    const channel = this.handle.channel;
    if (!channel) return;
    if (this.waiting.size > 0 || !this.started) channel.ref();
    else channel.unref();
  }

  /** Asks the child to close the database and exit; kills it if it has not within 10 s. */
  async stop(): Promise<void> {
    if (this.alive && this.handle.connected) this.handle.send({ close: true });
    const killer = setTimeout(() => this.handle.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killer);
  }
}

export class PgliteProcess implements PgliteSessions {
  private child: Child | undefined;
  /** A stop under way: a session asked for meanwhile waits for it, then starts a new child. */
  private stopping: Promise<void> | undefined;
  private sessions = 0;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(private readonly options: PgliteProcessOptions) {}

  /** The running child's pid, or undefined while none runs. */
  get pid(): number | undefined {
    return this.child?.alive ? this.child.pid : undefined;
  }

  async session(): Promise<PgliteSession> {
    if (this.closed) throw new Error('the embedded database is closed');
    clearTimeout(this.idleTimer);
    this.sessions++;
    let child: Child;
    try {
      child = await this.running();
    } catch (error) {
      this.ended();
      throw error;
    }
    let open = true;
    return {
      query: (sql, params) => (open ? child.query(sql, params) : Promise.reject(new Error('this database session has ended'))),
      end: () => {
        if (!open) return;
        open = false;
        this.ended();
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    await this.stop();
  }

  private async running(): Promise<Child> {
    while (this.stopping) await this.stopping;
    if (!this.child?.alive) {
      const { dataDir, extraParams } = this.options;
      const child = new Child(
        spawn(process.execPath, ['--input-type=module', '-e', CHILD_PROGRAM, JSON.stringify([dataDir, extraParams])], {
          cwd: process.cwd(),
          stdio: ['ignore', 'inherit', 'pipe', 'ipc'],
          serialization: 'advanced',
        }),
      );
      this.child = child;
      this.options.onStart?.(child.pid);
    }
    const child = this.child;
    await child.ready;
    return child;
  }

  private ended(): void {
    this.sessions--;
    if (this.sessions > 0 || this.closed) return;
    this.idleTimer = setTimeout(() => {
      if (this.sessions === 0) void this.stop();
    }, this.options.idleMs);
    this.idleTimer.unref();
  }

  private stop(): Promise<void> {
    const child = this.child;
    if (!child) return Promise.resolve();
    this.child = undefined;
    const stopping = child.stop().finally(() => {
      if (this.stopping === stopping) this.stopping = undefined;
    });
    this.stopping = stopping;
    return stopping;
  }
}
