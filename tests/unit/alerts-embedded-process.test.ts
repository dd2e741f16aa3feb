/**
 * The embedded database in a child process started on demand (issue 26): the server keeps none
 * of PGlite's memory while the alerts are unused, and nothing a resident or the sender does can
 * tell the difference. Real parts: PGlite in a real child process, killed for real; a real
 * command that must exit while its database child idles.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { PgliteProcess } from '../../lib/alerts/pglite-process';
import { openPglite, PGLITE_MEMORY_SETTINGS } from '../../lib/alerts/store-pglite';
import { until } from '../support/until';

const extraParams = PGLITE_MEMORY_SETTINGS.flatMap((setting) => ['-c', setting]);

// Hang guards, not speed checks: PGlite's start-up has taken many seconds on this shared machine.
const GUARD = { timeout: 180_000 };

let folder: string;
let dataDir: string;
const opened: PgliteProcess[] = [];
beforeEach(async () => {
  folder = mkdtempSync(path.join(tmpdir(), 'alerts-process-'));
  dataDir = path.join(folder, 'db');
  // Sets the folder up (initdb in a child of its own) and leaves it closed.
  await (await openPglite(dataDir)).close();
});
afterEach(async () => {
  for (const db of opened.splice(0)) await db.close();
  rmSync(folder, { recursive: true, force: true });
});

async function database(idleMs: number) {
  const starts: number[] = [];
  const db = new PgliteProcess({ dataDir, extraParams, idleMs, onStart: (pid) => starts.push(pid) });
  opened.push(db);
  return { db, starts };
}

/** Runs one statement in a session of its own, as Kysely does outside a transaction. */
async function query<R>(db: PgliteProcess, sql: string, params: unknown[] = []) {
  const session = await db.session();
  try {
    return (await session.query<R>(sql, params)).rows;
  } finally {
    session.end();
  }
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

it('runs the database in a child that stops when unused and starts again with the data kept', GUARD, async () => {
  const { db, starts } = await database(50);
  expect(starts).toEqual([]); // nothing runs until the alerts are used
  await query(db, 'create table note (id serial primary key, text text not null)');
  await query(db, 'insert into note (text) values ($1)', ['kept']);
  expect(starts).toHaveLength(1);
  const [first] = starts;
  await until(() => db.pid === undefined && !running(first!), 'the idle child stopped');

  expect(await query(db, 'select text from note')).toEqual([{ text: 'kept' }]);
  expect(starts).toHaveLength(2);
  expect(starts[1]).not.toBe(first);
});

it('never stops the database under a transaction, however long it waits between statements', GUARD, async () => {
  const { db, starts } = await database(20);
  await query(db, 'create table note (text text not null)');
  const session = await db.session();
  await session.query('begin', []);
  await session.query('insert into note values ($1)', ['one']);
  // Ten times the idle time, in the middle of the transaction.
  await new Promise((resolve) => setTimeout(resolve, 200));
  await session.query('insert into note values ($1)', ['two']);
  await session.query('commit', []);
  session.end();
  expect(starts).toHaveLength(1);
  expect(await query(db, 'select text from note order by text')).toEqual([{ text: 'one' }, { text: 'two' }]);
});

it('fails a session whose database died rather than going on outside its transaction; the next finds what was committed', GUARD, async () => {
  const { db, starts } = await database(60_000);
  await query(db, 'create table note (text text not null)');
  await query(db, 'insert into note values ($1)', ['committed']);
  const session = await db.session();
  await session.query('begin', []);
  await session.query('insert into note values ($1)', ['never committed']);
  process.kill(db.pid!, 'SIGKILL');
  await expect(session.query('commit', [])).rejects.toThrow(/the embedded database stopped \(signal SIGKILL\)/);
  session.end();
  expect(await query(db, 'select text from note')).toEqual([{ text: 'committed' }]);
  expect(starts).toHaveLength(2);
});

it("gives back what PGlite in this process gives: the same values, and PostgreSQL's own error code", GUARD, async () => {
  const { db } = await database(60_000);
  const inProcess = await openPglite('memory://');
  const session = await inProcess.session();
  try {
    const statement = `select 42::int8 as count, '2011-07-01T10:00:00Z'::timestamptz as at, '{"a":[1,"two"]}'::jsonb as doc, '\\x0102ff'::bytea as bytes, null::text as nothing, true as yes`;
    const here = (await session.query(statement, [])).rows;
    const there = await query(db, statement);
    expect(there).toEqual(here);
    expect((there[0] as { at: unknown }).at).toBeInstanceOf(Date);

    await query(db, 'create table person (email text primary key)');
    await query(db, 'insert into person values ($1)', ['a@example.test']);
    const refused = await query(db, 'insert into person values ($1)', ['a@example.test']).catch((error: Error & { code?: string }) => error);
    expect(refused).toBeInstanceOf(Error);
    expect((refused as Error & { code?: string }).code).toBe('23505');
    expect((refused as Error).message).toMatch(/duplicate key value violates unique constraint/);
  } finally {
    session.end();
    await inProcess.close();
  }
});

it('lets a finished command exit while its database child idles, and never while a query waits', GUARD, async () => {
  // A command that uses the store and forgets to close it: it must still print its answer (the
  // wait for it holds the process up), then exit long before the child's 10-minute idle time.
  const script = `
    import { openStore } from ${JSON.stringify(path.resolve('lib/alerts/store.ts'))};
    const store = await openStore({ dataDir: ${JSON.stringify(dataDir)}, idleMs: 600_000 });
    console.log(JSON.stringify(await store.stats()));
  `;
  const output = await new Promise<string>((resolve, reject) =>
    execFile(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { timeout: 120_000 }, (error, stdout, stderr) =>
      error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout),
    ),
  );
  expect(JSON.parse(output.trim().split('\n').at(-1)!)).toMatchObject({ subscribers: 0, alerts: 0 });
});
