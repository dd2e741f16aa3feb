/**
 * The content folder of the standalone server (`.next/standalone/content`, or the tests'
 * fixture folder there), put in by the build, not by Next.js's file tracing.
 *
 * Tracing listed the folder's files when the code was compiled, and a publish reuses the
 * compiled code (scripts/build/compiled-code.ts): a post published later was never copied in.
 * The server then served its pre-rendered page, but not the post in search, the data, the feeds
 * it renders, or anywhere once the page was rendered again. It also cost the build: Next.js
 * copied the 10,000 files file by file at the end of every publish, 2 s at 10,000 posts.
 *
 * So once the content has passed its check, the build copies the folder beside the build folder
 * while the content step writes the history and the database (stageContent); checks that the
 * copy holds exactly the content checked (the same contentDigest: a file changed, added or
 * removed in between stops the build before the last build's output is replaced); and, once
 * Next.js has made the standalone server, renames the copy into it (placeContent).
 */
import { cpSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';

/** Where the build keeps its copy of the content until the standalone server exists. */
export function stagedContentOf(distDir: string): string {
  return `${distDir.replace(/[\\/]+$/, '')}-content`;
}

/** Copies `contentDir` whole into `staged`, replacing what a stopped build left there. */
export function stageContent(contentDir: string, staged: string): void {
  rmSync(staged, { recursive: true, force: true });
  cpSync(contentDir, staged, { recursive: true });
}

/**
 * Moves the staged copy to `target`, replacing whatever is there (the few files tracing still
 * copies, such as site.json, which the code reads). A rename, not a copy, unless the two are on
 * different file systems.
 */
export function placeContent(staged: string, target: string): void {
  rmSync(target, { recursive: true, force: true });
  mkdirSync(path.dirname(target), { recursive: true });
  try {
    renameSync(staged, target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    cpSync(staged, target, { recursive: true });
    rmSync(staged, { recursive: true, force: true });
  }
}

/** The folder in `standalone` that the server reads for `contentDir` of `project`: at the same place relative to it. */
export function standaloneContentDir(project: string, contentDir: string, standalone: string): string {
  const relative = path.relative(project, contentDir);
  if (!relative || relative.startsWith('..') || path.isAbsolute(relative))
    throw new Error(`The content folder ${contentDir} is not inside the project ${project}.`);
  return path.join(standalone, relative);
}
