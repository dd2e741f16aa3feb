/**
 * The words of each body (stripMarkdown), kept on disk between builds and keyed by a hash of the
 * body, as the parse cache keeps each file's checks: a publish strips only the bodies that are
 * new or changed. At 10,000 posts, that took the build's database step, on the path every
 * publish waits on, from 5.8–7.3 s to 4.3–4.5 s (docs/benchmarks.md).
 *
 * The words stay in the file, as UTF-8, and are read, one body's at a time, only when asked for:
 * held as strings (most have a curly quote or a dash, so two bytes a character) they were 70 MB
 * more of the build's content step, which took a publish past 600 MB at 10,000 posts; the file
 * read whole, 40 MB more.
 *
 * The file is stamped with the version of the stripping code (lib/server/code-graph.ts); a file
 * of another version, or one that cannot be read, is ignored. Best effort, as every disk cache
 * here: a cache that cannot be written means the next build strips again, nothing more.
 */
import { createHash } from 'node:crypto';
import { closeSync, fstatSync, mkdirSync, openSync, readSync, renameSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { stripMarkdown } from './text';

const FORMAT = 'barnet-decisions/plain-text@2';

/** The file: a 4-byte length, a JSON header of that length, then every entry's words, in its order. */
interface Header {
  format: typeof FORMAT;
  version: string;
  /** [hash of the body, byte length of its words] */
  entries: Array<[string, number]>;
}

/** Where an entry's words are: at `start` in the file read (its bytes read when asked for), or stripped in this run. */
type Words = { start: number; length: number } | { bytes: Buffer };

const lengthOf = (words: Words) => ('bytes' in words ? words.bytes.length : words.length);

function bodyHash(markdown: string): string {
  return createHash('sha256').update(markdown).digest('base64');
}

function readExactly(fd: number, length: number, position: number): Buffer {
  const bytes = Buffer.alloc(length);
  for (let at = 0; at < length;) {
    const read = readSync(fd, bytes, at, length - at, position + at);
    if (read === 0) throw new Error('the plain-text cache file is shorter than its header says');
    at += read;
  }
  return bytes;
}

/** The entries of the file open as `fd`: empty for another format or version, or a file whose lengths do not add up. */
function readHeader(fd: number, version: string): Map<string, Words> {
  const size = fstatSync(fd).size;
  const headerLength = readExactly(fd, 4, 0).readUInt32LE(0);
  // A length read from a file that is not one of these (or was cut short) is not allocated.
  if (4 + headerLength > size) return new Map();
  const header = JSON.parse(readExactly(fd, headerLength, 4).toString('utf8')) as Partial<Header> | null;
  if (header?.format !== FORMAT || header.version !== version || !Array.isArray(header.entries)) return new Map();
  const found = new Map<string, Words>();
  let start = 4 + headerLength;
  for (const entry of header.entries) {
    if (!Array.isArray(entry) || typeof entry[0] !== 'string' || !Number.isSafeInteger(entry[1]) || entry[1] < 0) return new Map();
    found.set(entry[0], { start, length: entry[1] });
    start += entry[1];
  }
  return start === size ? found : new Map();
}

function writeAll(fd: number, bytes: Buffer): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}

export class PlainTextCache {
  private previous = new Map<string, Words>();
  /** The file the previous entries are read from, open until save or close. */
  private fd: number | undefined;
  /** What this run asked for: only these are saved, so a removed post's words do not stay. */
  private readonly used = new Map<string, Words>();
  hits = 0;
  misses = 0;

  private constructor(
    private readonly file: string | undefined,
    private readonly version: string,
  ) {}

  /** A cache that lives only in memory (for tests). */
  static inMemory(): PlainTextCache {
    return new PlainTextCache(undefined, 'memory');
  }

  /** The cache in `file`: empty when there is none, when it is of another version, or cannot be read. Undefined without a version. */
  static open(file: string, version: string | undefined): PlainTextCache | undefined {
    if (!version) return undefined;
    const cache = new PlainTextCache(file, version);
    try {
      cache.fd = openSync(/* turbopackIgnore: true */ file, 'r');
      cache.previous = readHeader(cache.fd, version);
    } catch {
      // No cache yet, or a corrupt one: strip afresh.
      cache.previous = new Map();
    }
    return cache;
  }

  private bytesOf(words: Words): Buffer {
    return 'bytes' in words ? words.bytes : readExactly(this.fd!, words.length, words.start);
  }

  /** stripMarkdown(markdown), from the cache when this body was stripped before by the same code. */
  readonly plainText = (markdown: string): string => {
    const key = bodyHash(markdown);
    const known = this.used.get(key) ?? this.previous.get(key);
    if (known) {
      try {
        const text = this.bytesOf(known).toString('utf8');
        this.hits++;
        this.used.set(key, known);
        return text;
      } catch {
        // The file changed or shrank under this run: strip this body again.
      }
    }
    this.misses++;
    const text = stripMarkdown(markdown);
    this.used.set(key, { bytes: Buffer.from(text, 'utf8') });
    return text;
  };

  /**
   * Writes the words this run stripped or found, when they differ from what the file held, into
   * a file of its own, then renamed over the old one (a reader sees the old file or the new one),
   * an entry at a time: never the whole in memory. Closes the file read.
   */
  save(): void {
    try {
      if (!this.file || (this.misses === 0 && this.used.size === this.previous.size)) return;
      const header: Header = { format: FORMAT, version: this.version, entries: [...this.used].map(([key, words]) => [key, lengthOf(words)]) };
      const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32LE(headerBytes.length);
      const temporary = `${this.file}.${process.pid}.tmp`;
      try {
        mkdirSync(path.dirname(/* turbopackIgnore: true */ this.file), { recursive: true });
        const fd = openSync(/* turbopackIgnore: true */ temporary, 'w');
        try {
          writeAll(fd, length);
          writeAll(fd, headerBytes);
          for (const words of this.used.values()) writeAll(fd, this.bytesOf(words));
        } finally {
          closeSync(fd);
        }
        renameSync(/* turbopackIgnore: true */ temporary, /* turbopackIgnore: true */ this.file);
      } catch {
        // a read-only or full disk: strip again next time
        rmSync(/* turbopackIgnore: true */ temporary, { force: true });
      }
    } finally {
      this.close();
    }
  }

  /** Closes the file read, without saving. */
  close(): void {
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }
}
