/**
 * One hash of every content file read (its path and bytes): two reads of the folder with the same
 * digest hold the same content. What a build wrote from the content (lib/data/sqlite/built-file.ts)
 * names the digest it was made from, so a server never serves it for other content.
 */
import { createHash } from 'node:crypto';
import type { ContentFiles } from './assemble';

export function contentDigest(files: ContentFiles): string {
  const hash = createHash('sha256');
  const all = [...(files.site ? [files.site] : []), ...files.decisions, ...files.committees, ...files.projects, ...files.glossary, ...(files.meetings ?? [])];
  for (const file of [...all].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`${file.path}\0${file.bytes.byteLength}\0`);
    hash.update(file.bytes);
  }
  return hash.digest('base64url');
}
