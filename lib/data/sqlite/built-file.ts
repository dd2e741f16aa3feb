/**
 * /data/decisions.db as a file the build wrote, streamed from disk. At 10,000 posts the file is
 * about 75 MB: held in memory, every server kept a copy of its own, made it again in memory
 * (SQLite's WebAssembly memory then never shrinks) each time Next.js revalidated the route,
 * and read the whole body once more for every request. Now the build writes it once
 * (scripts/build/prepare.ts, before Next.js renders the pages) with its ETag beside it, and
 * each request reads it from disk in chunks. Only when the visible posts are not the build's (a scheduled post has
 * gone live since, or drafts are shown in a preview) is it made in memory, once per visible
 * set, as before (databaseRepresentation).
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { writeFileAtomically } from '../../server/write-atomically';
import { z } from 'zod';
import type { HistoryFile } from '../../history/types';
import { fileBody } from '../../http/file-body';
import { conditionalResponse, etagOfHash, representationHeaders, isNotModified, type Representation } from '../../http/http-cache';
import type { SiteRecords } from '../../site';
import {
  changeRows,
  databaseLastModified,
  databaseRepresentation,
  DATABASE_FILENAME,
  SQLITE_CONTENT_TYPE,
  writeDecisionsDatabase,
  type DatabaseOptions,
} from './index';
import type { DatabaseRecords } from './rows';
import { builtDatabaseFile } from './build-path';

/** What the build says of the file it wrote, beside it. */
const builtFileSchema = z.object({
  /** The visible posts it holds (visibleSetKey). */
  visibleSet: z.string(),
  etag: z.string(),
  lastModified: z.iso.datetime(),
  bytes: z.number().int().nonnegative(),
});
type BuiltFile = z.infer<typeof builtFileSchema>;

const metaFile = (file: string) => `${file}.json`;

/**
 * What the file holds: the content it was made from (its digest) and which of its posts are
 * visible. Between the build and a request only the visible posts can change (a scheduled post
 * goes live); the digest keeps a file written from other content (a build run without its
 * first step) from being served.
 */
export function visibleSetKey(records: Pick<SiteRecords, 'indexes' | 'contentDigest'>): string {
  const hash = createHash('sha256');
  hash.update(`${records.contentDigest}\n`);
  for (const decision of records.indexes.all) hash.update(`${decision.slug}\n`);
  return hash.digest('base64url');
}

/** The build's step: the database of the visible posts, and what the route needs to know of it. */
export function writeBuiltDatabase(
  records: DatabaseRecords & Pick<SiteRecords, 'readAt' | 'visibility' | 'contentDigest'>,
  history: Pick<HistoryFile, 'posts'>,
  file: string,
  options: Pick<DatabaseOptions, 'plainText'> = {},
): BuiltFile {
  // Written to its file, its bytes never held: the ETag is read back from the file.
  writeDecisionsDatabase(records, file, { ...options, changes: changeRows(history, records.visibility.now) });
  const built: BuiltFile = {
    visibleSet: visibleSetKey(records),
    etag: fileEtag(file),
    lastModified: databaseLastModified(records).toISOString(),
    bytes: statSync(file).size,
  };
  writeFileAtomically(metaFile(file), `${JSON.stringify(built)}\n`);
  return built;
}

/** The ETag of a file's bytes (as strongEtag gives for the bytes), read a megabyte at a time. */
function fileEtag(file: string): string {
  const hash = createHash('sha256');
  const chunk = new Uint8Array(2 ** 20);
  const fd = openSync(file, 'r');
  try {
    for (let read = readSync(fd, chunk); read > 0; read = readSync(fd, chunk)) hash.update(chunk.subarray(0, read));
  } finally {
    closeSync(fd);
  }
  return etagOfHash(hash);
}

/** What the build wrote, when the file is there and is the one described (read once per process). */
const readBuilt = new Map<string, BuiltFile | undefined>();
function builtDatabase(file: string): BuiltFile | undefined {
  if (!readBuilt.has(file)) {
    let built: BuiltFile | undefined;
    try {
      if (existsSync(metaFile(file))) {
        const parsed = builtFileSchema.safeParse(JSON.parse(readFileSync(metaFile(file), 'utf8')));
        if (parsed.success && statSync(file).size === parsed.data.bytes) built = parsed.data;
      }
    } catch {
      built = undefined;
    }
    readBuilt.set(file, built);
  }
  return readBuilt.get(file);
}

/**
 * The response to a GET or HEAD of /data/decisions.db: the build's file from disk when it holds
 * the visible posts (304 when the client's copy is current), else the file made in memory.
 */
export function databaseResponse(
  request: Pick<Request, 'method' | 'headers'>,
  records: DatabaseRecords & Pick<SiteRecords, 'readAt' | 'visibility' | 'contentDigest'>,
  file: string = builtDatabaseFile(),
): Response {
  const built = builtDatabase(file);
  if (!built || built.visibleSet !== visibleSetKey(records)) return conditionalResponse(request, databaseRepresentation(records));
  const representation: Omit<Representation, 'body'> = {
    contentType: SQLITE_CONTENT_TYPE,
    etag: built.etag,
    lastModified: new Date(built.lastModified),
    headers: { 'Content-Disposition': `attachment; filename="${DATABASE_FILENAME}"`, 'Content-Length': String(built.bytes) },
  };
  if (isNotModified(request, representation)) return conditionalResponse(request, { ...representation, body: '' });
  const body = request.method === 'HEAD' ? null : fileBody(file);
  return new Response(body, { status: 200, headers: representationHeaders(representation) });
}
