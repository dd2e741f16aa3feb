/**
 * A cache of each content file's own checks (decoding, frontmatter, schema, body), kept on
 * disk between runs, as Astro's data store does: a file whose bytes and whose checking code are
 * unchanged is not parsed again. Only per-file work is cached; everything that looks across
 * files (references, duplicate titles, glossary phrases) runs every time in collectContent.
 *
 * An entry is keyed by the file's path and collection and stamped with the SHA-256 of its
 * bytes; the whole cache is stamped with the code version (see codeVersion). A cache of another
 * version, or one that cannot be read, is ignored and rebuilt. Nothing depends on the cache
 * existing or being writable: when it cannot be written, the next run parses again.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../server/write-atomically';
import { deserialize, serialize } from 'node:v8';
import { type ContentFiles, type FileCheck, type FileChecker } from './assemble';
import { decodeContentFile } from './decode';
import type { FieldPath } from './frontmatter';
import type { ContentProblem } from './problems';
import type { ContentFile } from './types';

type Kind = keyof FileChecker;

/**
 * What is stored of one file's checks: no body, and of the frontmatter as written only what
 * checks across files read. Not where its fields stand: finding that needs the full YAML
 * parse the fast path (simple-yaml.ts) avoids, so it is found again from the file only when a
 * check across files has something to report (see fromStored).
 */
interface Stored {
  record?: object;
  /** The record's body is not stored (it is most of a file): it is the file's text from this many characters before its end. */
  bodyLength?: number;
  written?: Record<string, unknown>;
  problems: ContentProblem[];
}

interface Entry {
  hash: string;
  value: Stored;
}

interface CacheFile {
  format: typeof FORMAT;
  version: string;
  entries: Array<[key: string, hash: string, value: Stored]>;
}

/** Thrown, without a parser to fall back on, for a file not in the cache or a field's line. */
export class UncachedLine extends Error {}

const FORMAT = 'barnet-decisions/content-cache@1';

export function hashFile(file: ContentFile): string {
  return createHash('sha256')
    .update(file.bytes)
    .update(`\0${file.size ?? ''}`)
    .digest('base64');
}

function textOf(file: ContentFile): string | undefined {
  const decoded = decodeContentFile(file.path, file.bytes, file.size);
  return decoded.ok ? decoded.text : undefined;
}

function toStored(check: FileCheck<object>): Stored {
  const stored: Stored = { ...(check.record ? { record: check.record } : {}), problems: check.problems };
  const body = (check.record as { body?: unknown } | undefined)?.body;
  if (check.bodyAtEnd && typeof body === 'string' && body !== '') {
    stored.record = { ...check.record, body: '' };
    stored.bodyLength = body.length;
  }
  if (check.written) stored.written = check.written.data;
  return stored;
}

/**
 * A stored check as the checks across files use it; undefined if its body cannot be restored.
 * Its `lineOf` parses the file with `fallback` on first use; without one, it throws UncachedLine.
 */
function fromStored(stored: Stored, file: ContentFile, fallback: FileChecker['lineFinder']): FileCheck<object> | undefined {
  let record = stored.record;
  if (stored.bodyLength !== undefined) {
    const text = textOf(file);
    if (text === undefined || !record || stored.bodyLength > text.length) return undefined;
    record = { ...record, body: text.slice(text.length - stored.bodyLength) };
  }
  const check: FileCheck<object> = { ...(record ? { record } : {}), problems: stored.problems };
  if (stored.written) {
    let lineOf: ((path: FieldPath) => number) | undefined;
    check.written = {
      data: stored.written,
      lineOf: (path) => {
        if (!fallback) throw new UncachedLine(`${file.path}: the line of ${JSON.stringify(path)} is not cached`);
        lineOf ??= fallback(file);
        return lineOf(path);
      },
    };
  }
  return check;
}

export class ParseCache {
  private readonly previous = new Map<string, Entry>();
  private readonly next = new Map<string, Entry>();
  private readonly hashes = new WeakMap<ContentFile, string>();
  private changed = false;
  hits = 0;
  misses = 0;

  private constructor(
    private readonly file: string | undefined,
    private readonly version: string,
  ) {}

  /** A cache that lives only in memory (for tests). */
  static inMemory(version = 'memory'): ParseCache {
    return new ParseCache(undefined, version);
  }

  /**
   * The cache of a content folder, from `cacheDir`; empty when there is none, when it is of
   * another version or folder, or cannot be read. Undefined when the code version cannot be known.
   */
  static open(cacheDir: string, contentRoot: string, version: string | undefined): ParseCache | undefined {
    if (!version) return undefined;
    // One file, for the last folder checked: a check of another folder (a test's, the
    // benchmark's) replaces it rather than leaving a file behind for every folder ever checked.
    const cache = new ParseCache(path.join(/* turbopackIgnore: true */ cacheDir, 'checks.v8'), `${version}\0${path.resolve(contentRoot)}`);
    try {
      cache.load(deserialize(readFileSync(cache.file!)) as unknown);
    } catch {
      // No cache yet, or a corrupt one: start afresh.
      cache.previous.clear();
    }
    return cache;
  }

  private load(stored: unknown): void {
    const s = stored as Partial<CacheFile> | null;
    if (!s || s.format !== FORMAT || s.version !== this.version || !Array.isArray(s.entries)) return;
    for (const entry of s.entries) {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string' || typeof entry[1] !== 'string' || !entry[2] || !Array.isArray(entry[2].problems)) {
        this.previous.clear();
        return;
      }
      this.previous.set(entry[0], { hash: entry[1], value: entry[2] });
    }
  }

  private hashOf(file: ContentFile): string {
    let hash = this.hashes.get(file);
    if (!hash) this.hashes.set(file, (hash = hashFile(file)));
    return hash;
  }

  private lookup(kind: Kind, file: ContentFile, fallback: FileChecker | undefined): FileCheck<object> | undefined {
    const key = `${kind}\0${file.path}`;
    // This run's entry first: a cache kept in memory serves one run after another.
    const found = this.next.get(key) ?? this.previous.get(key);
    if (!found || found.hash !== this.hashOf(file)) return undefined;
    const check = fromStored(found.value, file, fallback?.lineFinder);
    if (check) this.next.set(key, found);
    return check;
  }

  /** True when every file of `files` is in the cache with the same bytes. */
  hasAll(files: ContentFiles): boolean {
    const all = [...(files.site ? [['site', files.site] as const] : []), ...files.decisions.map((f) => ['decision', f] as const), ...files.committees.map((f) => ['committee', f] as const), ...files.projects.map((f) => ['project', f] as const), ...files.glossary.map((f) => ['glossaryTerm', f] as const), ...(files.meetings ?? []).map((f) => ['meeting', f] as const)];
    return all.every(([kind, file]) => (this.next.get(`${kind}\0${file.path}`) ?? this.previous.get(`${kind}\0${file.path}`))?.hash === this.hashOf(file));
  }

  /**
   * Each file's checks from the cache, or from `parse` (remembered for next time). Without
   * `parse`, a file not in the cache is an error: use it after hasAll.
   */
  checker(parse?: FileChecker): FileChecker {
    const through = (kind: Kind) => (file: ContentFile) => {
      const cached = this.lookup(kind, file, parse);
      if (cached) {
        this.hits++;
        return cached;
      }
      if (!parse) throw new UncachedLine(`${file.path} is not in the parse cache`);
      this.misses++;
      const check = (parse[kind] as (file: ContentFile) => FileCheck<object>)(file);
      this.next.set(`${kind}\0${file.path}`, { hash: this.hashOf(file), value: toStored(check) });
      this.changed = true;
      return check;
    };
    return {
      site: through('site') as FileChecker['site'],
      decision: through('decision') as FileChecker['decision'],
      committee: through('committee') as FileChecker['committee'],
      project: through('project') as FileChecker['project'],
      glossaryTerm: through('glossaryTerm') as FileChecker['glossaryTerm'],
      meeting: through('meeting') as FileChecker['meeting'],
    };
  }

  /**
   * Writes the entries used in this run (so a removed file's entry goes), atomically: to a
   * temporary file renamed over the old one, so a reader never sees half a cache. A cache that
   * cannot be written is left as it was; the next run parses again.
   */
  save(): void {
    if (!this.file || (!this.changed && this.next.size === this.previous.size)) return;
    const stored: CacheFile = { format: FORMAT, version: this.version, entries: [...this.next].map(([key, entry]) => [key, entry.hash, entry.value]) };
    try {
      writeFileAtomically(this.file, serialize(stored));
    } catch {
      // Nothing more to do: the old cache, if any, is intact.
    }
  }
}
