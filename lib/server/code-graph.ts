/**
 * The project's source files a module runs, directly or through its imports, read with
 * TypeScript's own pre-processor (which knows comments, strings, type-only and dynamic
 * imports), so that what keys a cache (code-version.ts) is derived from the code itself.
 * Packages are not followed: the lockfile stands for them. For scripts and the build's
 * preparation only: it loads the TypeScript compiler, when a stamp has to be made afresh.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type ts from 'typescript';
import { readStamp, stampOf, verifiedVersion, writeStamp } from './code-version';

const EXTENSIONS = ['.ts', '.tsx', '.mts', '.js', '.mjs'];

/** A specifier's file inside the project (relative, or through the `@/` alias of tsconfig.json); undefined for a package. */
function resolveInProject(projectRoot: string, from: string, specifier: string): string | undefined {
  let base: string;
  if (specifier.startsWith('@/')) base = path.join(projectRoot, specifier.slice(2));
  else if (specifier.startsWith('./') || specifier.startsWith('../')) base = path.resolve(path.dirname(from), specifier);
  else return undefined;
  const candidates = [base, ...EXTENSIONS.map((ext) => base + ext), ...EXTENSIONS.map((ext) => path.join(base, `index${ext}`))];
  const found = candidates.find((file) => existsSync(file) && statSync(file).isFile());
  // Code that imports a file that is not there does not run: it has no version.
  if (!found) throw new Error(`${path.relative(projectRoot, from)} imports ${specifier}, which is not there`);
  return found;
}

/** Every project file `entries` (project-relative) import, directly or not, entries included, project-relative and sorted. */
export function moduleGraph(projectRoot: string, entries: readonly string[]): string[] {
  // Loaded here, not on import: an unchanged run verifies its stamp without it.
  const typescript = createRequire(import.meta.url)('typescript') as typeof ts;
  const seen = new Set<string>();
  const pending = entries.map((entry) => path.join(projectRoot, entry));
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    if (file.endsWith('.json')) continue;
    const { importedFiles } = typescript.preProcessFile(readFileSync(file, 'utf8'), true, true);
    for (const { fileName } of importedFiles) {
      const target = resolveInProject(projectRoot, file, fileName);
      if (target && !seen.has(target)) pending.push(target);
    }
  }
  return [...seen].map((file) => path.relative(projectRoot, file).split(path.sep).join('/')).sort();
}

/**
 * The version of the code `entries` run, for a disk cache: the stamp in `stampFile` when every
 * file it lists is unchanged (no parser loaded: an unchanged run stays fast), otherwise a new
 * stamp from the module graph, written for next time. Undefined when the sources cannot be read.
 */
export function refreshedCodeVersion(projectRoot: string, stampFile: string, entries: readonly string[]): string | undefined {
  const verified = verifiedVersion(projectRoot, readStamp(stampFile));
  if (verified) return verified;
  let files: string[];
  try {
    files = moduleGraph(projectRoot, entries);
  } catch {
    return undefined;
  }
  const stamp = stampOf(projectRoot, files);
  if (stamp) writeStamp(stampFile, stamp);
  return stamp?.version;
}
