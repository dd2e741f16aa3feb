/**
 * One hash of every content file read (its place in the folder and its bytes): two reads of the
 * folder with the same digest hold the same content. What a build wrote from the content
 * (lib/data/sqlite/built-file.ts) names the digest it was made from, so a server never serves it
 * for other content; the build compares the copy of the folder it gives the standalone server
 * with the content it checked the same way (lib/content/read-content-dir.ts, contentFolderDigest).
 * A file's place is its collection and name, not the path it is shown with: the build shows the
 * folder as it was named (`tests/fixtures/content/…`), the server as `content/…`, and the two
 * readings of one folder must agree.
 */
import { createHash } from 'node:crypto';
import type { ContentFiles } from './assemble';
import type { ContentFile } from './types';

/** The collections' folders, in the order their files are hashed (after site.json). */
export const CONTENT_COLLECTIONS = ['decisions', 'committees', 'projects', 'glossary', 'meetings'] as const;

function nameOf(file: ContentFile): string {
  return file.path.slice(file.path.lastIndexOf('/') + 1);
}

/** Names in the order they are hashed: by UTF-16 code unit, as Array.prototype.sort orders strings. */
export const byName = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The digest, fed one file at a time: site.json first, then each collection in
 * CONTENT_COLLECTIONS's order, its files by name (byName). A caller that reads a folder file by
 * file keeps only one file in memory.
 */
export function contentHasher(): { add(place: string, bytes: Uint8Array): void; digest(): string } {
  const hash = createHash('sha256');
  return {
    add(place, bytes) {
      hash.update(`${place}\0${bytes.byteLength}\0`);
      hash.update(bytes);
    },
    digest: () => hash.digest('base64url'),
  };
}

export function contentDigest(files: ContentFiles): string {
  const hasher = contentHasher();
  if (files.site) hasher.add('site.json', files.site.bytes);
  for (const collection of CONTENT_COLLECTIONS) {
    const named = (files[collection] ?? []).map((file) => [nameOf(file), file] as const);
    for (const [name, file] of named.sort(([a], [b]) => byName(a, b))) hasher.add(`${collection}/${name}`, file.bytes);
  }
  return hasher.digest();
}
