/**
 * The Markdown bodies of a content set, kept deflated for as long as a process holds the set
 * (the server, the build's render workers), and inflated whenever one is read.
 *
 * Why: at 10,000 posts the bodies were about 75 MB of the server's heap, two thirds of the
 * content's. V8 keeps a text with a single character outside Latin-1 (a ’ or an en dash, in
 * nearly every post) at two bytes a character, and a body cut from its file's text keeps the
 * whole file's text alive. Deflated they take about 12 MB outside the heap. A body is read when
 * its page is first rendered (the page is then cached), for a search's snippets and by the
 * build's exports: an inflation costs tens of microseconds, where keeping every body as text
 * cost a small VM a sixth of its memory (docs/benchmarks-memory.md).
 *
 * The record keeps its shape: `body` stays an own, enumerable property, read as before, so
 * spreading, JSON and equality see the same text. It becomes read-only, as content is.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ContentSet } from './assemble';
import type { FileRecord } from './types';

/**
 * Below this many characters a body stays text: deflate's setup (about 0.1 ms) and the
 * typed array's own overhead would cost more than the characters.
 */
export const MIN_COMPACTED_LENGTH = 512;

/**
 * Deflate's setup, not its compression, is most of its cost on a post: a 4 KB window (about a
 * post) and a small hash table allocate an eighth of the defaults, and the fastest level gives
 * up 5% of the saving (12.7 MB against 12.0 MB at 10,000 posts) for a third of the time.
 */
const DEFLATE = { level: 1, windowBits: 12, memLevel: 5 } as const;
const INFLATE = { windowBits: DEFLATE.windowBits } as const;

/**
 * Keeps one record's body deflated. The body must be well-formed Unicode, as every body the
 * content pipeline gives is (it is decoded from UTF-8): the text read back is then the same.
 */
export function compactBody(record: FileRecord): void {
  const own = Object.getOwnPropertyDescriptor(record, 'body');
  if (!own || own.get || typeof own.value !== 'string' || own.value.length < MIN_COMPACTED_LENGTH) return;
  // A copy: zlib's result can be a view of a larger buffer, which would keep all of it alive.
  const stored = new Uint8Array(deflateRawSync(own.value, DEFLATE));
  Object.defineProperty(record, 'body', {
    enumerable: true,
    configurable: false,
    get: () => inflateRawSync(stored, INFLATE).toString('utf8'),
  });
}

/** Keeps every body of `content` deflated, in place (the records are shared by its maps), and returns it. */
export function compactBodies<T extends ContentSet>(content: T): T {
  const collections: Iterable<FileRecord>[] = [content.decisions, content.committees.values(), content.projects.values(), content.glossary.values(), content.meetings.values()];
  for (const records of collections) for (const record of records) compactBody(record);
  return content;
}
