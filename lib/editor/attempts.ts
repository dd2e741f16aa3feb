import { randomBytes } from 'node:crypto';
import type { ContentProblem } from '../content/problems';
import type { Values } from './document';
import type { EditorCollection } from './fields';

/**
 * A form the editor did not write (it has problems, or the writer added or removed an item),
 * kept so that the page the browser is sent to next shows it again with its problems. The
 * forms post to a route handler and are answered with a redirect, which works without
 * JavaScript; the attempt waits here, in this process's memory, under a random id.
 *
 * On globalThis: Next.js bundles the route handler and the pages separately, each with its
 * own copy of this module, and both must see the same attempts.
 */
export interface Attempt {
  collection: EditorCollection;
  /** The file being edited; undefined for a new one. */
  slug?: string;
  /** The file's hash as the writer opened it. */
  hash?: string;
  values: Values;
  body: string;
  problems: ContentProblem[];
  /** The field to bring into view: the item just added. */
  focus?: string;
}

const KEY = Symbol.for('barnet-decisions.editor-attempts');
const LIMIT = 100;

function attempts(): Map<string, Attempt> {
  const holder = globalThis as typeof globalThis & { [KEY]?: Map<string, Attempt> };
  return (holder[KEY] ??= new Map());
}

export function keepAttempt(attempt: Attempt): string {
  const store = attempts();
  const id = randomBytes(12).toString('hex');
  store.set(id, attempt);
  // Only the newest attempts: one writer, a few tabs.
  for (const old of store.keys()) if (store.size > LIMIT) store.delete(old);
  return id;
}

export function findAttempt(id: string | undefined, collection: EditorCollection, slug: string | undefined): Attempt | undefined {
  if (!id || !/^[0-9a-f]{24}$/.test(id)) return undefined;
  const attempt = attempts().get(id);
  return attempt && attempt.collection === collection && attempt.slug === slug ? attempt : undefined;
}
