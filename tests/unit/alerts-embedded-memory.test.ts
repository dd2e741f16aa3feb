/**
 * The embedded database in a small server (issue 26): PostgreSQL's buffers sized for the alerts'
 * few MB of data rather than a database server's defaults, and a new data folder set up in a
 * child process, so that initdb's memory leaves with it. What a council running the site on a
 * small VM notices: the same database, reopened with its data, in a fraction of the memory.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openStore } from '../../lib/alerts/store';
import { openPglite } from '../../lib/alerts/store-pglite';

let folder: string;
beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'alerts-memory-'));
});
afterEach(() => rmSync(folder, { recursive: true, force: true }));

it('runs the embedded database with buffers sized for the alerts, not for a database server', async () => {
  const db = await openPglite(path.join(folder, 'db'));
  const session = await db.session();
  try {
    const setting = async (name: string) => (await session.query<{ setting: string }>(`select current_setting('${name}') as setting`, [])).rows[0]!.setting;
    expect(await setting('shared_buffers')).toBe('8MB');
    expect(await setting('temp_buffers')).toBe('1MB');
    expect(await setting('max_connections')).toBe('4');
  } finally {
    session.end();
    await db.close();
  }
});

it('sets up a new data folder once, and finds the same database in it when reopened', async () => {
  const dataDir = path.join(folder, 'alerts');
  const first = await openStore({ dataDir });
  const install = first.installId;
  await first.close();
  expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
  const again = await openStore({ dataDir });
  try {
    // The install id is made when the database is first set up: the same id is the same database.
    expect(again.installId).toBe(install);
  } finally {
    await again.close();
  }
});
