import { assembleContent, type ContentFiles, type ContentSet } from './assemble';
import type { ParseCache } from './parse-cache';
import { parsingChecker } from './parse-collections';

export { meetingSlugOf, newestFirst, type ContentFiles, type ContentSet } from './assemble';

/**
 * The content pipeline after reading: parse and validate every file, resolve references
 * between collections, and collect every problem as a value. Pure: tests hand it files. With a
 * cache, a file already checked with the same bytes and code is not parsed again; the result is
 * the same either way (tests/unit/parse-cache.test.ts).
 */
export function collectContent(files: ContentFiles, options: { cache?: ParseCache } = {}): ContentSet {
  return assembleContent(files, options.cache ? options.cache.checker(parsingChecker) : parsingChecker);
}
