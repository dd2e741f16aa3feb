import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import type { ContentFiles } from './collect';
import { MAX_FILE_BYTES } from './decode';
import type { ContentFile } from './types';

const COLLECTIONS = ['decisions', 'committees', 'projects', 'glossary', 'meetings'] as const;

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

/**
 * Reads every file of the content folder. Only names listed by the folder itself are read,
 * never a path built from a request, so nothing outside `content/` can be reached.
 */
export async function readContentDir(root: string, displayRoot = 'content'): Promise<ContentFiles> {
  const result: ContentFiles & { meetings: ContentFile[] } = { decisions: [], committees: [], projects: [], glossary: [], meetings: [], ignored: [] };
  // Synchronous reads: 10,000 small files read one after another take a quarter of the time
  // (and far less garbage) than 10,000 concurrent promise-based reads.
  const slab = { buffer: Buffer.alloc(0), used: 0 };
  const read = async (relative: string): Promise<ContentFile> => readBounded(`${displayRoot}/${relative}`, path.join(/* turbopackIgnore: true */ root, relative), slab);
  const top = await readdir(/* turbopackIgnore: true */ root, { withFileTypes: true }).catch(() => []);
  const siteFile = top.find((entry) => entry.isFile() && entry.name === 'site.json');
  if (siteFile) result.site = await read('site.json');

  await Promise.all(
    COLLECTIONS.map(async (collection) => {
      const entries = await readdir(path.join(/* turbopackIgnore: true */ root, collection), { withFileTypes: true }).catch(() => []);
      const names = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
      const files: ContentFile[] = [];
      for (const name of names) if (name.endsWith('.md')) files.push(await read(`${collection}/${name}`));
      result[collection] = files;
      result.ignored.push(...names.filter((n) => !n.endsWith('.md')).map((n) => `${displayRoot}/${collection}/${n}`));
    }),
  );
  return result;
}
