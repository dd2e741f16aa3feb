/**
 * The disk caches, each with the modules whose code decides what it holds. Each cache's
 * version is the stamp of those modules' graph (code-version.ts), kept as `code.json` in its
 * folder: `npm run content:check` (and the build's first step, scripts/build.ts) refreshes both stamps, the build only
 * verifies the renderer's.
 */
import path from 'node:path';

export const DISK_CACHES = {
  /** Each content file's own checks (lib/content/parse-cache.ts). */
  content: { folder: '.cache/content', code: ['lib/content/parse-collections.ts', 'lib/content/parse-cache.ts'] },
  /** Rendered post bodies, during `next build` (lib/markdown/render.ts). */
  markdown: { folder: '.cache/markdown', code: ['lib/markdown/render.ts'] },
  /** The words of each body, for the build's database (lib/search/plain-text-cache.ts). */
  plainText: { folder: '.cache/plain-text', code: ['lib/search/text.ts'] },
} as const;

export type DiskCache = keyof typeof DISK_CACHES;

export function cacheFolder(projectRoot: string, cache: DiskCache): string {
  return path.join(/* turbopackIgnore: true */ projectRoot, DISK_CACHES[cache].folder);
}

/** The stamp's name in a cache's folder. */
export const STAMP_FILE = 'code.json';

export function stampFile(projectRoot: string, cache: DiskCache): string {
  return path.join(/* turbopackIgnore: true */ cacheFolder(projectRoot, cache), STAMP_FILE);
}
