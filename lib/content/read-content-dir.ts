import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ContentFiles } from './collect';
import { MAX_FILE_BYTES } from './decode';
import { byName, CONTENT_COLLECTIONS, contentHasher } from './digest';
import type { ContentFile } from './types';

/**
 * Files are read into shared slabs: a buffer of its own for each of 10,000 small files was
 * much of an unchanged `content:check`'s time, in allocation and garbage collection.
 */
const SLAB_BYTES = 1 << 20;

/**
 * A file's bytes, or none when it is larger than a content file may be: its size is taken
 * from the open file before anything is read (the same open, stat, read and close that
 * readFileSync does), and no more than the limit is ever read, even from a file that grows.
 */
function readBounded(display: string, file: string, slab: { buffer: Buffer; used: number }): ContentFile {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    if (size > MAX_FILE_BYTES) return { path: display, bytes: new Uint8Array(0), size };
    const want = Math.min(size, MAX_FILE_BYTES) + 1;
    if (slab.buffer.length - slab.used < want) {
      slab.buffer = Buffer.allocUnsafeSlow(Math.max(SLAB_BYTES, want));
      slab.used = 0;
    }
    const buffer = slab.buffer.subarray(slab.used, slab.used + want);
    let length = 0;
    for (let n; length < buffer.length && (n = readSync(fd, buffer, length, buffer.length - length, null)) > 0; ) length += n;
    if (length > MAX_FILE_BYTES) return { path: display, bytes: new Uint8Array(0), size: length };
    slab.used += length;
    return { path: display, bytes: buffer.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}

/** Whether the folder has its site.json. */
async function hasSiteFile(root: string): Promise<boolean> {
  const top = await readdir(/* turbopackIgnore: true */ root, { withFileTypes: true }).catch(() => []);
  return top.some((entry) => entry.isFile() && entry.name === 'site.json');
}

/** A collection's files that are read (`.md`, not hidden), by name, and the others, which are reported as ignored. */
async function collectionEntries(root: string, collection: string): Promise<{ read: string[]; ignored: string[] }> {
  const entries = await readdir(path.join(/* turbopackIgnore: true */ root, collection), { withFileTypes: true }).catch(() => []);
  const names = entries
    .filter((e) => e.isFile() && !e.name.startsWith('.'))
    .map((e) => e.name)
    .sort(byName);
  return { read: names.filter((n) => n.endsWith('.md')), ignored: names.filter((n) => !n.endsWith('.md')) };
}

/**
 * Reads every file of the content folder. Only names listed by the folder itself are read,
 * never a path built from a request, so nothing outside `content/` can be reached.
 */
export async function readContentDir(root: string, displayRoot = 'content'): Promise<ContentFiles> {
  const result: ContentFiles & { meetings: ContentFile[] } = { decisions: [], committees: [], projects: [], glossary: [], meetings: [], ignored: [] };
  // Synchronous reads: 10,000 small files read one after another take a quarter of the time
  // (and far less garbage) than 10,000 concurrent promise-based reads.
  const slab = { buffer: Buffer.alloc(0), used: 0 };
  const read = (relative: string): ContentFile => readBounded(`${displayRoot}/${relative}`, path.join(/* turbopackIgnore: true */ root, relative), slab);
  if (await hasSiteFile(root)) result.site = read('site.json');

  await Promise.all(
    CONTENT_COLLECTIONS.map(async (collection) => {
      const { read: names, ignored } = await collectionEntries(root, collection);
      result[collection] = names.map((name) => read(`${collection}/${name}`));
      result.ignored.push(...ignored.map((n) => `${displayRoot}/${collection}/${n}`));
    }),
  );
  return result;
}

/**
 * contentDigest (lib/content/digest.ts) of the folder, read as readContentDir reads it but one
 * file at a time into one reused buffer, so that nothing is held: the build compares the copy of
 * the content it gives the standalone server with the content it checked (scripts/build.ts), in
 * a process that lives as long as the build and must stay small.
 */
export async function contentFolderDigest(root: string): Promise<string> {
  const hasher = contentHasher();
  const slab = { buffer: Buffer.alloc(0), used: 0 };
  const bytesOf = (relative: string): Uint8Array => {
    slab.used = 0; // the last file's bytes have been hashed
    return readBounded(relative, path.join(/* turbopackIgnore: true */ root, relative), slab).bytes;
  };
  if (await hasSiteFile(root)) hasher.add('site.json', bytesOf('site.json'));
  for (const collection of CONTENT_COLLECTIONS) {
    for (const name of (await collectionEntries(root, collection)).read) hasher.add(`${collection}/${name}`, bytesOf(`${collection}/${name}`));
  }
  return hasher.digest();
}
