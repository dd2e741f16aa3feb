/**
 * /data/decisions.db (lib/data/sqlite): built from the tests' fixture content and from posts
 * made here, opened again with the same SQLite library, and read back with Python's sqlite3,
 * which nobody here wrote.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sqlite, { type Database } from 'node-sqlite3-wasm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectContent } from '../../lib/content/collect';
import { readContentDir } from '../../lib/content/read-content-dir';
import { decisionsJson } from '../../lib/data/export';
import { databaseTables, type ChangeRow } from '../../lib/data/sqlite/columns';
import { decisionsDatabase } from '../../lib/data/sqlite/database';
import { changeRows } from '../../lib/data/sqlite';
import { changesOf } from '../../lib/history/changes';
import { fixtureHistory } from '../support/history-fixture';
import { DATASETTE_EXAMPLE_SQL, datasetteLiteUrl } from '../../lib/data/sqlite/datasette';
import type { SiteRecords } from '../../lib/site';
import { FIXTURE_CONTENT } from '../support/content';
import { contentFiles, post, siteRecordsOf } from './helpers';

const folder = mkdtempSync(path.join(tmpdir(), 'data-sqlite-test-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

let fixtureRecords: SiteRecords;
let fixtureFile: string;
let fixtureBytes: Uint8Array;

beforeAll(async () => {
  fixtureRecords = siteRecordsOf(collectContent(await readContentDir(FIXTURE_CONTENT)), new Date('2026-01-01T00:00:00Z'));
  fixtureBytes = decisionsDatabase(fixtureRecords);
  fixtureFile = path.join(folder, 'fixture.db');
  writeFileSync(fixtureFile, fixtureBytes);
  // A hook's timeout is wall clock, there for a hang: a busy machine stretches the read.
}, 180_000);

function open(file: string): Database {
  return new sqlite.Database(file, { readOnly: true, fileMustExist: true });
}

function withDb<T>(file: string, read: (db: Database) => T): T {
  const db = open(file);
  try {
    return read(db);
  } finally {
    db.close();
  }
}

const count = (db: Database, table: string) => Number(db.get(`SELECT COUNT(*) AS n FROM "${table}"`)!.n);

describe('the SQLite file of the fixture content', () => {
  it('holds as many items, posts and documents as the JSON download', () => {
    const json = decisionsJson(fixtureRecords);
    withDb(fixtureFile, (db) => {
      expect(count(db, 'items')).toBe(json.count);
      expect(count(db, 'posts')).toBe(new Set(json.decisions.map((d) => d.post_slug)).size);
      expect(count(db, 'documents')).toBe(json.decisions.reduce((n, d) => n + d.documents.length, 0));
      expect(count(db, 'bodies')).toBe(fixtureRecords.committees.size);
      expect(count(db, 'projects')).toBe(fixtureRecords.projects.size);
      expect(count(db, 'meetings')).toBeGreaterThanOrEqual(fixtureRecords.meetings.size);
      expect(count(db, 'changes')).toBe(0);
    });
  });

  it('declares foreign keys, and every row keeps them', () => {
    withDb(fixtureFile, (db) => {
      expect(db.all('PRAGMA foreign_key_check')).toEqual([]);
      const keys = (table: string) => db.all(`PRAGMA foreign_key_list("${table}")`).map((k) => `${k.from}→${k.table}.${k.to}`);
      expect(keys('items')).toEqual(expect.arrayContaining(['post_slug→posts.slug', 'project_slug→projects.slug']));
      expect(keys('posts')).toEqual(expect.arrayContaining(['committee_slug→bodies.slug', 'meeting_slug→meetings.slug']));
      expect(keys('documents')).toEqual(['item_id→items.id']);
      expect(keys('meetings')).toEqual(['committee_slug→bodies.slug']);
    });
  });

  it('has a column for every open-data field of an item, from the same field list', () => {
    const items = databaseTables().find((t) => t.name === 'items')!;
    withDb(fixtureFile, (db) => {
      const columns = db.all('PRAGMA table_info("items")').map((c) => c.name);
      expect(columns).toEqual(items.columns.map((c) => c.name));
      expect(columns).toEqual(expect.arrayContaining(['id', 'subject', 'stage', 'outcome', 'key_decision', 'wards']));
    });
  });

  it('finds a word of a post body with the full-text index, and stems it', () => {
    const hendon = fixtureRecords.indexes.bySlug.get('2011-03-03-last-night-in-hendon')!;
    // A long word of the body that is not in the title, summary or subjects.
    const word = hendon.body
      .split(/[^A-Za-z]+/)
      .find(
        (w) => w.length > 7 && !`${hendon.title} ${hendon.summary} ${hendon.items.map((i) => i.subject).join(' ')}`.toLowerCase().includes(w.toLowerCase()),
      )!;
    expect(word).toBeTruthy();
    withDb(fixtureFile, (db) => {
      const found = db.all('SELECT posts.slug FROM posts_fts JOIN posts ON posts.rowid = posts_fts.rowid WHERE posts_fts MATCH ?', [`body:${word}`]);
      expect(found.map((r) => r.slug)).toContain(hendon.slug);
      // Porter stemming: "approve" finds posts that say "approved".
      expect(count(db, 'posts')).toBeGreaterThan(0);
      expect(db.all(`SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'approve'`).length).toBeGreaterThan(0);
    });
  });

  it('answers the journalist’s first question from a view: items with their post, body and project', () => {
    withDb(fixtureFile, (db) => {
      const rows = db.all('SELECT id, post_title, body_name, project_name FROM decisions WHERE project_slug = ?', ['nscso']);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.project_name).toBe(fixtureRecords.projects.get('nscso')!.name);
      expect(count(db, 'decisions')).toBe(count(db, 'items'));
      expect(count(db, 'outcomes_by_body')).toBeGreaterThan(0);
    });
  });

  it('answers the example query the /data page gives', () => {
    withDb(fixtureFile, (db) => {
      const rows = db.all(DATASETTE_EXAMPLE_SQL);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) expect(row.body_name).toBeTruthy();
    });
    expect(datasetteLiteUrl('https://decisions.barnet.example/data/decisions.db')).toBe(
      'https://lite.datasette.io/?url=https%3A%2F%2Fdecisions.barnet.example%2Fdata%2Fdecisions.db',
    );
  });

  it('is the same bytes for the same content', () => {
    expect(Buffer.from(decisionsDatabase(fixtureRecords)).equals(Buffer.from(fixtureBytes))).toBe(true);
  });

  it('reads back with Python’s sqlite3: tables, foreign keys, full text and JSON columns', () => {
    const script = `
import json, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
out = {}
out["integrity"] = db.execute("PRAGMA integrity_check").fetchone()[0]
out["fk"] = db.execute("PRAGMA foreign_key_check").fetchall()
out["tables"] = sorted(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'posts_fts_%'"))
out["items"] = db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
out["fts"] = [r[0] for r in db.execute("SELECT posts.slug FROM posts_fts JOIN posts ON posts.rowid = posts_fts.rowid WHERE posts_fts MATCH 'hendon' ORDER BY rank")]
out["wards"] = [json.loads(r[0]) for r in db.execute("SELECT wards FROM items LIMIT 1")]
out["licence"] = db.execute("SELECT value FROM about WHERE key = 'licence'").fetchone()[0]
print(json.dumps(out))
`;
    const out = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, fixtureFile], { encoding: 'utf8' }));
    expect(out.integrity).toBe('ok');
    expect(out.fk).toEqual([]);
    expect(out.tables).toEqual(
      expect.arrayContaining([
        'about',
        'bodies',
        'changes',
        'decisions',
        'documents',
        'items',
        'meetings',
        'posts',
        'posts_fts',
        'projects',
        'outcomes_by_body',
      ]),
    );
    expect(out.items).toBe(decisionsJson(fixtureRecords).count);
    expect(out.fts).toContain('2011-03-03-last-night-in-hendon');
    expect(out.wards).toEqual([[]]);
    expect(out.licence).toBe(fixtureRecords.site.licence.name);
  });
});

describe('what reaches the SQLite file', () => {
  const NOW = new Date('2011-07-20T12:00:00Z');
  const records = siteRecordsOf(
    collectContent(
      contentFiles([
        post({ title: 'Published post' }, { name: '2011-06-30-published', body: 'The committee discussed the zeppelin hangar.\n' }),
        post({ title: 'A draft', date: '2011-05-01', draft: true }, { name: '2011-05-01-draft', body: 'A secret draft about the xylophone.\n' }),
        post({ title: 'A scheduled post', date: '2011-08-01' }, { name: '2011-08-01-scheduled', body: 'A scheduled word: quokka.\n' }),
      ]),
    ),
    NOW,
  );

  it('never holds a draft or a scheduled post, in any table or in the full-text index', () => {
    const file = path.join(folder, 'visible.db');
    writeFileSync(file, decisionsDatabase(records));
    withDb(file, (db) => {
      expect(db.all('SELECT slug FROM posts').map((r) => r.slug)).toEqual(['2011-06-30-published']);
      expect(db.all(`SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'zeppelin'`)).toHaveLength(1);
      expect(db.all(`SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'xylophone OR quokka'`)).toEqual([]);
      expect(db.all(`SELECT id FROM items WHERE post_slug <> '2011-06-30-published'`)).toEqual([]);
    });
  });

  it('keeps text as text, every character as written: Datasette and sqlite3 read strings, not bytes', () => {
    const title = 'Café “Llŷn” – the £2m contract, ½ agreed 🏛️';
    const written = siteRecordsOf(
      collectContent(contentFiles([post({ title }, { name: '2011-06-30-unicode', body: 'Naïve résumé of the Ærø contract.\n' })])),
      NOW,
    );
    const file = path.join(folder, 'unicode.db');
    writeFileSync(file, decisionsDatabase(written));
    withDb(file, (db) => {
      expect(db.get('SELECT title, typeof(title) AS type FROM posts')).toEqual({ title, type: 'text' });
      expect(db.get('SELECT body FROM posts')!.body).toBe('Naïve résumé of the Ærø contract.');
      // The full-text index has the words as written: its tokenizer folds the accent of "Naïve".
      expect(db.all(`SELECT rowid FROM posts_fts WHERE posts_fts MATCH 'naive'`)).toHaveLength(1);
      for (const table of databaseTables())
        for (const column of table.columns.filter((c) => c.type === 'TEXT')) {
          const notText = db.get(`SELECT COUNT(*) AS n FROM "${table.name}" WHERE typeof("${column.name}") NOT IN ('text', 'null')`)!.n;
          expect(notText, `${table.name}.${column.name}`).toBe(0);
        }
    });
  });

  it('takes the changes as rows, when the history gives them', () => {
    const change: ChangeRow = {
      post_slug: '2011-06-30-published',
      item_id: null,
      field: 'summary',
      before: 'Old words',
      after: 'New words',
      changed_at: '2011-07-01T09:00:00+01:00',
      commit_id: 'abc123',
      noted: false,
    };
    const file = path.join(folder, 'changes.db');
    writeFileSync(file, decisionsDatabase(records, { changes: [change] }));
    withDb(file, (db) => expect(db.all('SELECT * FROM changes')).toEqual([{ ...change, noted: 0 }]));
  });

  it('holds every change of the post history, one row per change, as /data/changes.json lists them', async () => {
    const history = await fixtureHistory(FIXTURE_CONTENT);
    const now = new Date('2026-01-01T00:00:00Z');
    const rows = changeRows(history, now);
    expect(rows.length).toBe(changesOf(history, now).length);
    expect(rows.some((row) => row.field === 'outcome' && row.before === 'deferred' && row.after === 'approved')).toBe(true);
    const file = path.join(folder, 'history.db');
    writeFileSync(file, decisionsDatabase(fixtureRecords, { changes: rows }));
    withDb(file, (db) => {
      expect(db.get('SELECT count(*) AS n FROM changes')).toEqual({ n: rows.length });
      expect(db.get("SELECT count(*) AS n FROM changes WHERE changed_at LIKE '2011-03-30T%+01:00'")).toEqual({ n: expect.any(Number) });
    });
  });
});
