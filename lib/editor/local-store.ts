import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { readContentDir } from '../content/read-content-dir';
import { isSlug } from '../content/slug';
import { contentRoot } from '../server/runtime';
import { EDITOR_COLLECTIONS, type EditorCollection } from './fields';
import type { ContentStore } from './store';

function filePath(collection: EditorCollection, slug: string): string {
  if (!Object.hasOwn(EDITOR_COLLECTIONS, collection) || !isSlug(slug)) throw new Error(`Not a content file: ${collection}/${slug}`);
  const root = contentRoot();
  const file = path.join(/* turbopackIgnore: true */ root, collection, `${slug}.md`);
  if (path.dirname(path.dirname(file)) !== root) throw new Error(`Not a content file: ${file}`);
  return file;
}

/**
 * Local mode: the content folder of this computer's working copy. A write goes to a hidden
 * temporary file first and is renamed over the old one, so the preview never reads half a file.
 */
export const localStore: ContentStore = {
  describe: () => 'Local editor: it changes the files in content/ on this computer. Commit them with git to publish.',
  readText: (collection, slug) => readFile(filePath(collection, slug), 'utf8').catch(() => undefined),
  readAll: () => readContentDir(contentRoot(), 'content'),
  async write(collection, slug, text) {
    const target = filePath(collection, slug);
    const temporary = path.join(path.dirname(target), `.${slug}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
      await rename(temporary, target);
    } catch (error) {
      await unlink(temporary).catch(() => undefined);
      throw error;
    }
    return { ok: true };
  },
  async remove(collection, slug, { expectedText }) {
    const target = filePath(collection, slug);
    if ((await readFile(target, 'utf8').catch(() => undefined)) !== expectedText) return { ok: false, conflict: 'changed' };
    await unlink(target);
    return { ok: true };
  },
};
