import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ContentFiles } from './collect';
import type { ContentFile } from './types';

const COLLECTIONS = ['decisions', 'committees', 'projects', 'glossary'] as const;

/**
 * Reads every file of the content folder. Only names listed by the folder itself are read,
 * never a path built from a request, so nothing outside `content/` can be reached.
 */
export async function readContentDir(root: string, displayRoot = 'content'): Promise<ContentFiles> {
  const result: ContentFiles = { decisions: [], committees: [], projects: [], glossary: [], ignored: [] };
  const read = async (relative: string): Promise<ContentFile> => ({
    path: `${displayRoot}/${relative}`,
    bytes: await readFile(path.join(/* turbopackIgnore: true */ root, relative)),
  });
  const top = await readdir(/* turbopackIgnore: true */ root, { withFileTypes: true }).catch(() => []);
  const siteFile = top.find((entry) => entry.isFile() && entry.name === 'site.json');
  if (siteFile) result.site = await read('site.json');

  await Promise.all(
    COLLECTIONS.map(async (collection) => {
      const entries = await readdir(path.join(/* turbopackIgnore: true */ root, collection), { withFileTypes: true }).catch(() => []);
      const names = entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
      result[collection] = await Promise.all(names.filter((n) => n.endsWith('.md')).map((n) => read(`${collection}/${n}`)));
      result.ignored.push(...names.filter((n) => !n.endsWith('.md')).map((n) => `${displayRoot}/${collection}/${n}`));
    }),
  );
  return result;
}
