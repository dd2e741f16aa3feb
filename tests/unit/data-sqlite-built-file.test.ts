/**
 * /data/decisions.db as the server answers it (lib/data/sqlite/built-file.ts): the file the build
 * wrote, read from disk for each request, with its ETag, 304s, HEAD and CORS; made in memory
 * only when the visible posts are no longer the build's (a scheduled post has gone live).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { collectContent } from '../../lib/content/collect';
import { databaseRepresentation } from '../../lib/data/sqlite';
import { databaseResponse, writeBuiltDatabase } from '../../lib/data/sqlite/built-file';
import { unavailableHistory } from '../../lib/history/types';
import { contentFiles, post, siteRecordsOf } from './helpers';

const folder = mkdtempSync(path.join(tmpdir(), 'data-sqlite-built-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

const NO_HISTORY = unavailableHistory('No history in these tests.');
const BUILT_AT = new Date('2011-07-01T12:00:00Z');
const content = collectContent(
  contentFiles([
    post({}, { name: '2011-06-30-test-post' }),
    // Scheduled: published on 4 July 2011, after the build.
    post(
      { title: 'Scheduled decision', date: '2011-07-04', meeting: '2011-07-03', summary: 'A decision published after the build.' },
      { name: '2011-07-04-scheduled-decision' },
    ),
  ]),
);
const atBuild = siteRecordsOf(content, BUILT_AT);
const later = siteRecordsOf(content, new Date('2011-07-05T12:00:00Z'));

const get = (headers: Record<string, string> = {}) => ({ method: 'GET', headers: new Headers(headers) });
const bytesOf = async (response: Response) => new Uint8Array(await response.arrayBuffer());

/** Runs `check` with the file's last byte changed (same length, other bytes), then puts it back. */
async function withLastByteChanged(file: string, check: (altered: Buffer) => Promise<void>): Promise<void> {
  const original = readFileSync(file);
  const altered = Buffer.from(original);
  altered[altered.length - 1] = altered[altered.length - 1]! ^ 0xff;
  writeFileSync(file, altered);
  try {
    await check(altered);
  } finally {
    writeFileSync(file, original);
  }
}

describe('the SQLite download', () => {
  const file = path.join(folder, 'built', 'decisions.db');
  const built = writeBuiltDatabase(atBuild, NO_HISTORY, file);
  const inMemory = databaseRepresentation(atBuild, NO_HISTORY);

  it('is the file the build wrote, the same bytes and ETag as the database made in memory', async () => {
    expect(atBuild.indexes.all.map((d) => d.slug)).toEqual(['2011-06-30-test-post']);
    const response = databaseResponse(get(), atBuild, file);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/vnd.sqlite3');
    expect(response.headers.get('etag')).toBe(inMemory.etag);
    expect(response.headers.get('etag')).toBe(built.etag);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="decisions.db"');
    expect(response.headers.get('content-length')).toBe(String(built.bytes));
    const body = await bytesOf(response);
    expect(Buffer.from(body).equals(Buffer.from(inMemory.body as Uint8Array))).toBe(true);
    expect(Buffer.from(body.subarray(0, 16)).toString('latin1')).toBe('SQLite format 3\0');
  });

  it('answers 304 to a client whose copy is current, and HEAD without a body', async () => {
    const notModified = databaseResponse(get({ 'If-None-Match': built.etag }), atBuild, file);
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get('etag')).toBe(built.etag);
    expect(await notModified.text()).toBe('');
    const head = databaseResponse({ method: 'HEAD', headers: new Headers() }, atBuild, file);
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(built.bytes));
    expect(head.body).toBeNull();
  });

  it('reads the file from disk for each request rather than holding a copy', async () => {
    // The same length, other bytes: what is served is what is on disk now.
    await withLastByteChanged(file, async (altered) => {
      expect(Buffer.from(await bytesOf(databaseResponse(get(), atBuild, file))).equals(altered)).toBe(true);
    });
  });

  it('is made anew, with its own ETag, once a scheduled post has gone live since the build', async () => {
    expect(later.indexes.all).toHaveLength(2);
    const response = databaseResponse(get(), later, file);
    const expected = databaseRepresentation(later);
    expect(response.headers.get('etag')).toBe(expected.etag);
    expect(response.headers.get('etag')).not.toBe(built.etag);
    expect(Buffer.from(await bytesOf(response)).equals(Buffer.from(expected.body as Uint8Array))).toBe(true);
  });

  it('is never the file of other content (a build that skipped its prebuild step)', async () => {
    await withLastByteChanged(file, async (altered) => {
      const otherContent = { ...atBuild, contentDigest: 'other content' };
      const body = Buffer.from(await bytesOf(databaseResponse(get(), otherContent, file)));
      expect(body.equals(altered)).toBe(false);
      expect(body.equals(Buffer.from(inMemory.body as Uint8Array))).toBe(true);
    });
  });

  it('is replaced whole by the next build, readable by all, with nothing else left beside it', () => {
    const folderOfNext = path.join(folder, 'next-build');
    const next = path.join(folderOfNext, 'decisions.db');
    writeBuiltDatabase(later, NO_HISTORY, next);
    const again = writeBuiltDatabase(atBuild, NO_HISTORY, next);
    expect(again.etag).toBe(built.etag);
    expect(readFileSync(next).equals(readFileSync(file))).toBe(true);
    expect(readdirSync(folderOfNext).sort()).toEqual(['decisions.db', 'decisions.db.json']);
    // Readable by every user: the server may run as another user than the build.
    expect(statSync(next).mode & 0o777).toBe(0o644);
  });

  it('is made in memory when the build wrote no file', async () => {
    const response = databaseResponse(get(), atBuild, path.join(folder, 'missing', 'decisions.db'));
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe(inMemory.etag);
  });
});
