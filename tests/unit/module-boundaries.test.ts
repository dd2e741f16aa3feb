/**
 * lib/content (reading and checking the content) uses lib/markdown (checking and rendering a
 * post's Markdown), never the other way round: an import cycle between the two folders would
 * make each depend on the other's internals, and a module of one could load half-initialised.
 * The imports are read from the source text: every `import … from`, `export … from`, bare
 * `import '…'` and `import('…')`, type-only imports included.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const FOLDERS = { content: path.join(ROOT, 'lib/content'), markdown: path.join(ROOT, 'lib/markdown') };
type Folder = keyof typeof FOLDERS;

const SPECIFIERS = [/\b(?:import|export)\b[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g, /\bimport\s*['"]([^'"]+)['"]/g, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g];

/** The module specifiers a source file names. */
function specifiersOf(source: string): string[] {
  return SPECIFIERS.flatMap((pattern) => [...source.matchAll(pattern)].map((match) => match[1]!));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|tsx|mts)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/** The folder a specifier written in `file` points into, if it is one of the two. */
function folderOf(file: string, specifier: string): Folder | undefined {
  const target = specifier.startsWith('@/')
    ? path.join(ROOT, specifier.slice(2))
    : specifier.startsWith('.')
      ? path.resolve(path.dirname(file), specifier)
      : undefined;
  if (!target) return undefined;
  return (Object.keys(FOLDERS) as Folder[]).find((folder) => target === FOLDERS[folder] || target.startsWith(FOLDERS[folder] + path.sep));
}

/** "lib/content/x.ts → ../markdown/y" for every import from folder `from` into folder `to`. */
function importsBetween(from: Folder, to: Folder): string[] {
  return sourceFiles(FOLDERS[from]).flatMap((file) =>
    specifiersOf(readFileSync(file, 'utf8'))
      .filter((specifier) => folderOf(file, specifier) === to)
      .map((specifier) => `${path.relative(ROOT, file)} → ${specifier}`),
  );
}

describe('lib/content and lib/markdown', () => {
  it('reads every form of import, type-only and multi-line ones included', () => {
    const source = [
      "import type { Root } from 'mdast';",
      "import {\n  a,\n  b,\n} from '../content/schemas';",
      "export { c } from './d';",
      "import './side-effect';",
      "const e = await import('@/lib/content/check');",
    ].join('\n');
    expect(specifiersOf(source).sort()).toEqual(['../content/schemas', './d', './side-effect', '@/lib/content/check', 'mdast']);
    expect(folderOf(path.join(FOLDERS.markdown, 'x.ts'), '../content/schemas')).toBe('content');
    expect(folderOf(path.join(FOLDERS.markdown, 'x.ts'), '@/lib/content/check')).toBe('content');
    expect(folderOf(path.join(FOLDERS.markdown, 'x.ts'), '../link-targets')).toBeUndefined();
  });

  it('depend one way: content uses markdown, and markdown imports nothing from content', () => {
    // The content check asks lib/markdown for a post's link problems.
    expect(importsBetween('content', 'markdown')).toContain('lib/content/parse-collections.ts → ../markdown/link-check');
    expect(importsBetween('markdown', 'content')).toEqual([]);
  });
});
