/**
 * The content as a process keeps it for its life (the server, the build's render workers): the
 * same records, read the same way, in less memory. At 10,000 posts the records took about
 * 130 MB of the server's heap, where a small VM has 1 GB in all (docs/benchmarks-memory.md):
 *
 * - Bodies, about 75 MB of it, are kept deflated (about 12 MB, outside the heap) and inflated
 *   whenever one is read. V8 keeps a text with a single character outside Latin-1 (a ’ or an en
 *   dash, in nearly every post) at two bytes a character. A body is read when its page is first
 *   rendered (the page is then cached), for a search's snippets and by the build's exports: an
 *   inflation costs tens of microseconds.
 * - Every other string becomes a string of its own. V8 cuts a piece of 13 characters or more
 *   out of a string as a view of it, which keeps all of it alive: a post's
 *   `stage: business-case` kept the post's whole frontmatter, 12 MB in all.
 *
 * A record keeps its fields: `body` stays an own, enumerable property, so spreading, JSON and
 * equality see the same text. A deflated body is read-only, as content is.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { ContentSet } from './assemble';
import type { FileRecord } from './types';

/**
 * Below this many characters a body stays text: deflate's setup and the typed array's own
 * overhead would cost more than the characters.
 */
export const MIN_COMPACTED_LENGTH = 512;

/**
 * Deflate's setup, not its compression, is most of its cost on a post: a 4 KB window (about a
 * post) and a small hash table allocate an eighth of the defaults, and the fastest level gives
 * up 5% of the saving (12.7 MB against 12.0 MB at 10,000 posts) for less work.
 */
const DEFLATE = { level: 1, windowBits: 12, memLevel: 5 } as const;
const INFLATE = { windowBits: DEFLATE.windowBits } as const;

/** The shortest piece V8 makes a view of its parent string (SlicedString::kMinLength). */
const SLICE_MIN_LENGTH = 13;

/** The same text as a string of its own; JSON's round trip is exact for every string, lone surrogates included. */
function ownCopy(text: string): string {
  return text.length < SLICE_MIN_LENGTH ? text : (JSON.parse(JSON.stringify(text)) as string);
}

/** `value` with every string in it, at any depth, a string of its own. */
function withOwnStrings(value: unknown): unknown {
  if (typeof value === 'string') return ownCopy(value);
  if (Array.isArray(value)) return value.map(withOwnStrings);
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const copy: Record<string, unknown> = {};
    for (const [key, field] of Object.entries(value)) copy[key] = withOwnStrings(field);
    return copy;
  }
  return value;
}

/**
 * A record as kept: its fields with strings of their own, its body deflated when long enough.
 * A new object, built with its getter in one literal: defining an accessor on the parsed record
 * instead would turn it into a slow, larger dictionary-mode object in V8. The body must be
 * well-formed Unicode, as every body the content pipeline gives is (it is decoded from UTF-8).
 */
export function compactRecord<T extends FileRecord>(record: T): T {
  const { body, ...fields } = record;
  const own = withOwnStrings(fields) as Omit<T, 'body'>;
  if (body.length < MIN_COMPACTED_LENGTH) return { ...own, body: ownCopy(body) } as T;
  // A copy: zlib's result can be a view of a larger buffer, which would keep all of it alive.
  const stored = new Uint8Array(deflateRawSync(body, DEFLATE));
  return {
    ...own,
    get body() {
      return inflateRawSync(stored, INFLATE).toString('utf8');
    },
  } as T;
}

function compactValues<T extends FileRecord>(records: Map<string, T>): Map<string, T> {
  return new Map([...records].map(([slug, record]) => [slug, compactRecord(record)]));
}

/** `content` with every record as kept (compactRecord). */
export function compactContent<T extends ContentSet>(content: T): T {
  return {
    ...content,
    decisions: content.decisions.map(compactRecord),
    committees: compactValues(content.committees),
    projects: compactValues(content.projects),
    glossary: compactValues(content.glossary),
    meetings: compactValues(content.meetings),
  };
}
