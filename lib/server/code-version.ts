/**
 * What a disk cache is keyed on besides the content: the code that computes what it holds. A
 * stamp lists every source file of that code (found from its module graph by code-graph.ts,
 * never by a hand-kept list) with a hash of each, plus the lockfile (every dependency's version)
 * and the Node.js version (messages format numbers with its ICU data). Any edit to any of them
 * gives another version, so a cache never serves what other code computed.
 *
 * Reading a stamp back checks every file it lists again: a stamp written before an edit no
 * longer verifies, and the cache is then not used at all. That keeps a build that was not
 * preceded by the stamping step (`npx next build` without `npm run build`'s check) correct.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from './write-atomically';

export interface CodeStamp {
  format: typeof FORMAT;
  /** The version that keys the cache: a hash of everything below. */
  version: string;
  node: string;
  /** Project-relative path → SHA-256 of its bytes. */
  files: Record<string, string>;
}

const FORMAT = 'barnet-decisions/code-stamp@1';

/** Files every stamp includes, whatever the graph: the lockfile pins each dependency. */
export const ALWAYS_STAMPED = ['package-lock.json'];

function hashBytes(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The stamp of these project files as they are now; undefined when one cannot be read. */
export function stampOf(projectRoot: string, files: readonly string[]): CodeStamp | undefined {
  const hashes: Record<string, string> = {};
  try {
    for (const file of [...new Set([...files, ...ALWAYS_STAMPED])].sort()) {
      hashes[file] = hashBytes(readFileSync(path.join(/* turbopackIgnore: true */ projectRoot, file)));
    }
  } catch {
    return undefined;
  }
  const version = createHash('sha256').update(FORMAT).update('\0').update(process.version).update('\0').update(JSON.stringify(hashes)).digest('hex');
  return { format: FORMAT, version, node: process.version, files: hashes };
}

/** The version of a stamp whose files are all unchanged; undefined otherwise (or when there is none). */
export function verifiedVersion(projectRoot: string, stamp: unknown): string | undefined {
  const s = stamp as Partial<CodeStamp> | null;
  if (!s || s.format !== FORMAT || typeof s.files !== 'object' || s.files === null || s.node !== process.version) return undefined;
  const now = stampOf(projectRoot, Object.keys(s.files));
  return now && now.version === s.version ? now.version : undefined;
}

export function readStamp(file: string): unknown {
  try {
    return JSON.parse(readFileSync(/* turbopackIgnore: true */ file, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** Writes a stamp atomically (a reader never sees half of one); best effort, like the caches. */
export function writeStamp(file: string, stamp: CodeStamp): void {
  try {
    writeFileAtomically(file, `${JSON.stringify(stamp, null, 2)}\n`);
  } catch {
    // A read-only or full disk: the cache is simply not used.
  }
}
