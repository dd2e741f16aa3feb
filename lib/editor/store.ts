import { createHash } from 'node:crypto';
import { collectContent, type ContentFiles } from '../content/collect';
import { newPostSlug } from '../content/new-post';
import { isError, sortProblems, type ContentProblem } from '../content/problems';
import { publishingProblems } from '../content/publishing-checks';
import { isSlug, slugify } from '../content/slug';
import { currentTime } from '../server/runtime';
import { openFile, type OpenedFile, type Values } from './document';
import { EDITOR_COLLECTIONS, type EditorCollection } from './fields';
import { githubEditorConfig } from './github-config';
import { githubStore } from './github-store';
import { localStore } from './local-store';

/**
 * The editor's one way to the content: reading a file, checking a candidate with the real
 * pipeline (the same problems, in the same words, as `npm run content:check`), and writing. The
 * files live behind a ContentStore: the working copy (local mode, local-store.ts) or a GitHub
 * repository's branch (GitHub mode, github-store.ts). Only `content/<collection>/<slug>.md` is
 * ever named, with the collection one of five and the slug checked against the slug rule.
 */
export interface ContentStore {
  /** One line for the editor's banner: where saves go. */
  describe(): string;
  /** A file's text, or undefined when there is none by that name. */
  readText(collection: EditorCollection, slug: string): Promise<string | undefined>;
  readAll(): Promise<ContentFiles>;
  /**
   * Writes a file the caller has checked. `expectedText` is the file as the writer opened it
   * (undefined for a new file): a store that can refuse a write over a changed file does.
   */
  write(collection: EditorCollection, slug: string, text: string, options: WriteOptions): Promise<WriteOutcome>;
  /** Deletes a file the caller has checked, only if it still holds `expectedText`. */
  remove(collection: EditorCollection, slug: string, options: WriteOptions & { expectedText: string }): Promise<WriteOutcome>;
}

export interface WriteOptions {
  expectedText?: string;
  /** Who saved, from the sign-in (GitHub mode); written into the commit. */
  author?: string;
}

/** Saved; or, where the repository's rules ask for review, sent for review as a pull request. */
export type WriteOutcome = { ok: true; review?: { number: number; url: string } } | { ok: false; conflict: string };

type Environment = Readonly<Record<string, string | undefined>>;

export type EditorMode = 'local' | 'github';

/**
 * The editor runs only in a development server (`next dev`) started with BARNET_EDITOR set:
 * `npm run editor` (local) or `npm run editor:github`. A production build (`npm start`) is
 * never in development mode, so the editor's routes answer 404 there whatever the environment says.
 */
export function editorMode(env: Environment = process.env): EditorMode | undefined {
  if (env.NODE_ENV !== 'development') return undefined;
  return env.BARNET_EDITOR === 'local' || env.BARNET_EDITOR === 'github' ? env.BARNET_EDITOR : undefined;
}

export function editorEnabled(env: Environment = process.env): boolean {
  return editorMode(env) !== undefined;
}

export function activeStore(env: Environment = process.env): ContentStore {
  if (editorMode(env) !== 'github') return localStore;
  const config = githubEditorConfig(env);
  if (!config.ok) throw new Error(`The editor's GitHub mode is not set up:\n${config.problems.join('\n')}`);
  return githubStore(config.config);
}

/** `content/decisions/x.md`: a file's name as content:check prints it. */
export function displayPath(collection: EditorCollection, slug: string): string {
  return `content/${collection}/${slug}.md`;
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
  const text = await activeStore().readText(collection, slug);
  if (text === undefined) return undefined;
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
  return activeStore().readAll();
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

export type SaveResult = { ok: true; problems: ContentProblem[]; review?: { number: number; url: string } } | { ok: false; problems: ContentProblem[] };

/**
 * Writes a file if content:check would find no error in it (warnings are shown, not refused):
 * the content then always passes the check, and the preview and the build never meet a broken
 * file the editor wrote. `expectedHash` is the file as the writer opened it: a file changed
 * since (by hand, in another tab, or on GitHub) is not overwritten.
 */
export async function saveFile(
  collection: EditorCollection,
  slug: string,
  text: string,
  options: { isNew: boolean; expectedHash?: string; author?: string },
): Promise<SaveResult> {
  const store = activeStore();
  const display = displayPath(collection, slug);
  const current = await store.readText(collection, slug);
  const changed = (): SaveResult => ({
    ok: false,
    problems: [
      {
        file: display,
        field: 'file',
        message:
          'The file has changed since you opened it (in another tab, a text editor or on GitHub). Open it again to see the changes; your edits here have not been saved.',
        severity: 'error',
      },
    ],
  });
  if (options.isNew && current !== undefined) {
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
  if (!options.isNew && (current === undefined || hashOf(current) !== options.expectedHash)) return changed();
  const problems = await checkCandidate(collection, slug, text);
  if (problems.some(isError)) return { ok: false, problems };
  const written = await store.write(collection, slug, text, {
    ...(current !== undefined ? { expectedText: current } : {}),
    ...(options.author ? { author: options.author } : {}),
  });
  if (!written.ok) return changed();
  return { ok: true, problems, ...(written.review ? { review: written.review } : {}) };
}

/**
 * The errors content:check would find in other files once this one is gone (a committee or
 * project that posts still name, a meeting's committee): a deletion that would break the
 * content is refused, as a save would be.
 */
export async function deletionProblems(collection: EditorCollection, slug: string): Promise<ContentProblem[]> {
  const files = await readAll();
  const display = displayPath(collection, slug);
  const without: ContentFiles = { ...files, [collection]: (files[collection] ?? []).filter((file) => file.path !== display) };
  const errorsOf = (set: ContentFiles) => collectContent(set).problems.filter((p) => isError(p) && p.file !== display);
  const key = (p: ContentProblem) => `${p.file}\u0000${p.field}\u0000${p.message}`;
  const before = new Set(errorsOf(files).map(key));
  return sortProblems(errorsOf(without).filter((p) => !before.has(key(p))));
}

export type DeleteResult = { ok: true; review?: { number: number; url: string } } | { ok: false; problems: ContentProblem[] };

/** Deletes a file if it is as the writer saw it (`expectedHash`) and nothing else needs it. */
export async function deleteFile(collection: EditorCollection, slug: string, options: { expectedHash: string; author?: string }): Promise<DeleteResult> {
  const store = activeStore();
  const display = displayPath(collection, slug);
  const current = await store.readText(collection, slug);
  const changed: DeleteResult = {
    ok: false,
    problems: [
      {
        file: display,
        field: 'file',
        message: 'The file has changed since you opened it: open it again before deleting it. Nothing has been deleted.',
        severity: 'error',
      },
    ],
  };
  if (current === undefined || hashOf(current) !== options.expectedHash) return changed;
  const problems = await deletionProblems(collection, slug);
  if (problems.length > 0) return { ok: false, problems };
  const removed = await store.remove(collection, slug, { expectedText: current, ...(options.author ? { author: options.author } : {}) });
  if (!removed.ok) return changed;
  return { ok: true, ...(removed.review ? { review: removed.review } : {}) };
}
