import { createHash, randomBytes } from 'node:crypto';
import { readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { collectContent, type ContentFiles } from '../content/collect';
import { newPostSlug } from '../content/new-post';
import { isError, sortProblems, type ContentProblem } from '../content/problems';
import { publishingProblems } from '../content/publishing-checks';
import { readContentDir } from '../content/read-content-dir';
import { isSlug, slugify } from '../content/slug';
import { contentRoot, currentTime } from '../server/runtime';
import { openFile, type OpenedFile, type Values } from './document';
import { EDITOR_COLLECTIONS, type EditorCollection } from './fields';

/**
 * The editor's one way to the content folder: reading a file, checking a candidate with the
 * real pipeline (the same problems, in the same words, as `npm run content:check`), and
 * writing. It writes only `content/<collection>/<slug>.md`, with the collection one of five and
 * the slug checked against the slug rule, so no path it is given can lead outside `content/`.
 */

/**
 * The editor is on only in `npm run editor`: a development server (`next dev`) started with
 * BARNET_EDITOR=local. A production build (`npm start`) is never in development mode, so the
 * editor's routes answer 404 there whatever the environment says.
 */
export function editorEnabled(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.NODE_ENV === 'development' && env.BARNET_EDITOR === 'local';
}

/** `content/decisions/x.md`: a file's name as content:check prints it. */
export function displayPath(collection: EditorCollection, slug: string): string {
  return `content/${collection}/${slug}.md`;
}

function filePath(collection: EditorCollection, slug: string): string {
  if (!Object.hasOwn(EDITOR_COLLECTIONS, collection) || !isSlug(slug)) throw new Error(`Not a content file: ${collection}/${slug}`);
  const root = contentRoot();
  const file = path.join(/* turbopackIgnore: true */ root, collection, `${slug}.md`);
  if (path.dirname(path.dirname(file)) !== root) throw new Error(`Not a content file: ${file}`);
  return file;
}

export const hashOf = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 32);

export interface StoredFile {
  slug: string;
  opened: OpenedFile | undefined;
  /** Why the form cannot show it, when its frontmatter does not parse. */
  problems: ContentProblem[];
  hash: string;
}

/** A file of the content folder, or undefined when there is none by that name. */
export async function readStored(collection: EditorCollection, slug: string): Promise<StoredFile | undefined> {
  if (!isSlug(slug)) return undefined;
  let text: string;
  try {
    text = await readFile(filePath(collection, slug), 'utf8');
  } catch {
    return undefined;
  }
  const opened = openFile(displayPath(collection, slug), text);
  return { slug, opened: opened.ok ? opened.file : undefined, problems: opened.ok ? [] : opened.problems, hash: hashOf(text) };
}

/** The name a new file gets, as `npm run new` names a post; empty until the fields it is made from are given. */
export function slugForNew(collection: EditorCollection, values: Values): string {
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '');
  switch (collection) {
    case 'decisions':
      return text('title') && /^\d{4}-\d{2}-\d{2}/.test(text('date')) ? newPostSlug({ title: text('title'), date: text('date') }) : '';
    case 'meetings':
      return /^\d{4}-\d{2}-\d{2}/.test(text('date')) && isSlug(text('committee')) ? `${text('date').slice(0, 10)}-${text('committee')}` : '';
    default:
      return slugify(text(EDITOR_COLLECTIONS[collection].nameField));
  }
}

export async function readAll(): Promise<ContentFiles> {
  return readContentDir(contentRoot(), 'content');
}

/**
 * Every problem content:check would report for this file if it held `text`: its own checks,
 * the checks across files (references, duplicate titles) and the publishing checks.
 */
export async function checkCandidate(collection: EditorCollection, slug: string, text: string): Promise<ContentProblem[]> {
  const files = await readAll();
  const display = displayPath(collection, slug);
  const candidate = { path: display, bytes: new TextEncoder().encode(text) };
  const list = (files[collection] ?? []).filter((file) => file.path !== display);
  const changed: ContentFiles = { ...files, [collection]: [...list, candidate].sort((a, b) => a.path.localeCompare(b.path)) };
  const content = collectContent(changed);
  const problems = [...content.problems, ...publishingProblems(content, changed, currentTime())];
  return sortProblems(problems.filter((p) => p.file === display));
}

export type SaveResult = { ok: true; problems: ContentProblem[] } | { ok: false; problems: ContentProblem[] };

/**
 * Writes a file if content:check would find no error in it (warnings are shown, not refused):
 * the working copy then always passes the check, and the preview and the build never meet a
 * broken file the editor wrote. The write goes to a hidden temporary file first and is renamed
 * over the old one, so the site never reads half a file. `expectedHash` is the file as the
 * writer opened it: a file changed since (by hand, or in another tab) is not overwritten.
 */
export async function saveFile(
  collection: EditorCollection,
  slug: string,
  text: string,
  options: { isNew: boolean; expectedHash?: string },
): Promise<SaveResult> {
  const display = displayPath(collection, slug);
  const target = filePath(collection, slug);
  const exists = await stat(target).then(
    () => true,
    () => false,
  );
  if (options.isNew && exists) {
    const { nameField, one } = EDITOR_COLLECTIONS[collection];
    return {
      ok: false,
      problems: [
        {
          file: display,
          field: nameField,
          message: `There is already a ${one} called '${slug}' (${display}). Open it from the list, or change this one so its address differs.`,
          severity: 'error',
        },
      ],
    };
  }
  if (!options.isNew) {
    const current = await readFile(target, 'utf8').catch(() => undefined);
    if (current === undefined || hashOf(current) !== options.expectedHash) {
      return {
        ok: false,
        problems: [
          {
            file: display,
            field: 'file',
            message:
              'The file has changed since you opened it (in another tab or a text editor). Open it again to see the changes; your edits here have not been saved.',
            severity: 'error',
          },
        ],
      };
    }
  }
  const problems = await checkCandidate(collection, slug, text);
  if (problems.some(isError)) return { ok: false, problems };
  const temporary = path.join(path.dirname(target), `.${slug}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
  return { ok: true, problems };
}
