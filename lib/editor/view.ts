import { londonIsoDate, parsePublicationDate } from '../dates';
import { collectContent } from '../content/collect';
import { isError, type ContentProblem } from '../content/problems';
import { currentTime } from '../server/runtime';
import { fieldName, openFile, parseFieldName, type Values } from './document';
import { EDITOR_COLLECTIONS, type EditorCollection, type Field, type Reference } from './fields';
import { readAll } from './store';

/** What the editor's pages show besides the form: the records to pick from, and each file's standing. */

export interface Choice {
  value: string;
  label: string;
}

export async function choices(): Promise<{ references: Record<Reference, Choice[]>; tags: string[] }> {
  const content = collectContent(await readAll());
  const named = (records: Iterable<{ slug: string; name: string; shortName?: string }>) =>
    [...records].map((r) => ({ value: r.slug, label: r.shortName ? `${r.name} (${r.shortName})` : r.name })).sort((a, b) => a.label.localeCompare(b.label));
  const tags = [...new Set(content.decisions.flatMap((d) => d.tags))].sort();
  return { references: { committees: named(content.committees.values()), projects: named(content.projects.values()) }, tags };
}

export interface Listed {
  slug: string;
  name: string;
  status?: 'Draft' | 'Scheduled' | 'Published';
  errors: number;
}

/** Every file of a collection, newest first for posts and meetings, by name otherwise; broken ones included. */
export async function listCollection(collection: EditorCollection): Promise<Listed[]> {
  const files = await readAll();
  const content = collectContent(files);
  const now = currentTime();
  const { nameField } = EDITOR_COLLECTIONS[collection];
  const listed = (files[collection] ?? []).map((file) => {
    const slug = file.path.slice(file.path.lastIndexOf('/') + 1).replace(/\.md$/, '');
    const opened = openFile(file.path, new TextDecoder().decode(file.bytes));
    const data = opened.ok ? opened.file.data : {};
    const errors = content.problems.filter((p) => p.file === file.path && isError(p)).length;
    const name = typeof data[nameField] === 'string' || typeof data[nameField] === 'number' ? String(data[nameField]) : slug;
    const entry: Listed = { slug, name, errors };
    if (collection === 'decisions') {
      const published = typeof data.date === 'string' ? parsePublicationDate(data.date) : undefined;
      entry.status = data.draft === true ? 'Draft' : published && published > now ? 'Scheduled' : 'Published';
    }
    return entry;
  });
  return collection === 'decisions' || collection === 'meetings'
    ? listed.sort((a, b) => b.slug.localeCompare(a.slug))
    : listed.sort((a, b) => a.name.localeCompare(b.name));
}

/** A new file's starting values: a decision post starts as a draft dated today (London), with one empty item. */
export function newValues(collection: EditorCollection, fields: readonly Field[]): Values {
  const values: Values = {};
  for (const field of fields)
    if (field.kind === 'group' && field.repeatable && field.minItems > 0) values[field.key] = Array.from({ length: field.minItems }, () => ({}));
  if (collection === 'decisions') Object.assign(values, { date: londonIsoDate(currentTime()), draft: true });
  return values;
}

/** The names of every input and fieldset the form renders for these values. */
function renderedNames(fields: readonly Field[], values: Values, prefix: string, into: Set<string>): void {
  for (const field of fields) {
    const name = fieldName(prefix, field.key);
    into.add(name);
    if (field.kind !== 'group') continue;
    const value = values[field.key];
    if (!field.repeatable) renderedNames(field.fields, (value ?? {}) as Values, name, into);
    else if (Array.isArray(value))
      value.forEach((item, index) => {
        into.add(fieldName(name, index));
        renderedNames(field.fields, (item ?? {}) as Values, fieldName(name, index), into);
      });
  }
}

/**
 * Each problem on the field it names, or on the nearest field the form shows (`tags[2]` on the
 * tags); one the form has no field for (`frontmatter`, `file`) is under the key ''.
 */
export function problemsByField(fields: readonly Field[], values: Values, problems: readonly ContentProblem[]): Map<string, string[]> {
  const names = new Set<string>(['body']);
  renderedNames(fields, values, '', names);
  const byField = new Map<string, string[]>();
  for (const problem of problems.filter(isError)) {
    const key = fieldFor(problem.field, names);
    byField.set(key, [...(byField.get(key) ?? []), problem.message]);
  }
  return byField;
}

export function fieldFor(path: string, names: ReadonlySet<string>): string {
  const parts = parseFieldName(path);
  for (let length = parts.length; length > 0; length--) {
    const name = parts.slice(0, length).reduce<string>((out, key) => fieldName(out, key), '');
    if (names.has(name)) return name;
  }
  return '';
}

/** `decisions[1].outcome` → "Decision item 2: Outcome", for the error summary. */
export function readableField(fields: readonly Field[], path: string): string {
  const words: string[] = [];
  let scope: readonly Field[] = fields;
  let current: Field | undefined;
  for (const key of parseFieldName(path)) {
    if (typeof key === 'number') {
      if (current?.kind === 'group') words[words.length - 1] = `${current.itemLabel} ${key + 1}`;
      continue;
    }
    current = scope.find((f) => f.key === key);
    if (!current) return path === 'body' ? 'Text of the post' : path;
    words.push(current.label);
    if (current.kind === 'group') scope = current.fields;
  }
  return words.join(': ') || path;
}

/** Where the site shows a record: the preview's address. */
export function publicPath(collection: EditorCollection, slug: string): string {
  return `/${collection}/${slug}`;
}
