/**
 * One hash of every content file read (its place in the folder and its bytes): two reads of the
 * folder with the same digest hold the same content. What a build wrote from the content
 * (lib/data/sqlite/built-file.ts) names the digest it was made from, so a server never serves it
 * for other content. A file's place is its collection and name, not the path it is shown with:
 * the build shows the folder as it was named (`tests/fixtures/content/…`), the server as
 * `content/…`, and the two readings of one folder must agree.
 */
import { createHash } from 'node:crypto';
import type { ContentFiles } from './assemble';
import type { ContentFile } from './types';

const COLLECTIONS = ['decisions', 'committees', 'projects', 'glossary', 'meetings'] as const;

function nameOf(file: ContentFile): string {
  return file.path.slice(file.path.lastIndexOf('/') + 1);
}

export function contentDigest(files: ContentFiles): string {
  const hash = createHash('sha256');
  const add = (place: string, file: ContentFile) => {
    hash.update(`${place}\0${file.bytes.byteLength}\0`);
    hash.update(file.bytes);
  };
  if (files.site) add('site.json', files.site);
  for (const collection of COLLECTIONS) {
    const named = (files[collection] ?? []).map((file) => [nameOf(file), file] as const);
    for (const [name, file] of named.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) add(`${collection}/${name}`, file);
  }
  return hash.digest('base64url');
}
