import { Document, isMap, isScalar, isSeq, parseDocument, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { parseFrontmatter, splitFrontmatter, type FieldPath } from '../content/frontmatter';
import type { ContentProblem } from '../content/problems';
import type { Field } from './fields';

/**
 * A content file as the editor sees it, and back: the frontmatter's values as a form shows
 * them, the Markdown body as written, and the text a save writes.
 *
 * A save changes only what the writer changed. The file's own YAML document is edited in place
 * (the `yaml` package keeps each untouched line as it was: its quotes, comments, order and
 * any field the editor does not know), and a file whose values and body are unchanged is
 * written back byte for byte. A new file is written as `npm run new` writes one
 * (lib/content/new-post.ts): text in double quotes, slugs, values and dates plain, block lists.
 */

export type Values = Record<string, unknown>;

export interface OpenedFile {
  /** The file's text exactly as read. */
  text: string;
  /** Its frontmatter's values, as the pipeline reads them. */
  data: Values;
  /** The YAML between the two lines of three hyphens (line breaks as \n). */
  yamlSource: string;
  /** The body as the form shows it: the text after the closing line, without its leading blank lines. */
  body: string;
  /** The blank lines between the closing line and the body, put back on save. */
  lead: string;
  bom: boolean;
  crlf: boolean;
}

export type Opened = { ok: true; file: OpenedFile } | { ok: false; problems: ContentProblem[] };

/** Reads a file for the form. A file whose frontmatter does not parse cannot be edited here: its problems say why. */
export function openFile(display: string, text: string): Opened {
  const bom = text.startsWith('\uFEFF');
  const crlf = text.includes('\r\n');
  const normal = (bom ? text.slice(1) : text).replace(/\r\n/g, '\n');
  const parsed = parseFrontmatter(display, normal);
  if (!parsed.ok) return { ok: false, problems: parsed.problems };
  const { yamlSource, content } = splitFrontmatter(normal);
  const lead = /^\n*/.exec(content)![0];
  return { ok: true, file: { text, data: parsed.frontmatter.data, yamlSource, body: content.slice(lead.length), lead, bom, crlf } };
}

/** `decisions[1].subject`: a field's form name, the same path content:check names problems by. */
export function fieldName(prefix: string, key: string | number): string {
  return typeof key === 'number' ? `${prefix}[${key}]` : prefix ? `${prefix}.${key}` : key;
}

/** `decisions[1].documents` → ['decisions', 1, 'documents']. */
export function parseFieldName(name: string): FieldPath {
  const path: Array<string | number> = [];
  for (const match of name.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) path.push(match[2] === undefined ? match[1]! : Number(match[2]));
  return path;
}

export function valueAt(data: unknown, path: FieldPath): unknown {
  let value = data;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string | number, unknown>)[key];
  }
  return value;
}

/** What a form sends: FormData, or a plain map for tests. */
export interface FormInput {
  get(name: string): FormDataEntryValue | null;
  getAll(name: string): FormDataEntryValue[];
}

const textOf = (value: FormDataEntryValue | null): string => (typeof value === 'string' ? value.replace(/\r\n?/g, '\n') : '');

/** A list's item count, sent beside it so that an item left blank still counts. */
export const countName = (name: string) => `${name}#count`;
/** The text box beside a list of tag checkboxes, for tags not yet used anywhere. */
export const newTagsName = (name: string) => `${name}#new`;

function readField(field: Field, form: FormInput, name: string): unknown {
  switch (field.kind) {
    case 'boolean': {
      // A field with a default is a checkbox (absent when unticked); one without is a choice
      // of yes, no or not given, so that leaving it out stays possible.
      if (field.defaultValue !== undefined) return form.get(name) === 'true';
      const value = textOf(form.get(name));
      return value === 'true' ? true : value === 'false' ? false : undefined;
    }
    case 'slugList': {
      const typed = textOf(form.get(newTagsName(name))).split(/[,\n]/);
      const values = [...form.getAll(name).map(textOf), ...typed].map((v) => v.trim()).filter(Boolean);
      const unique = [...new Set(values)];
      return unique.length > 0 ? unique : undefined;
    }
    case 'textList': {
      const values = textOf(form.get(name))
        .split('\n')
        .map((v) => v.trim())
        .filter(Boolean);
      return values.length > 0 ? values : undefined;
    }
    case 'number': {
      // A number is written as one; anything else ("£1,250") stays text, for the check to refuse on its field.
      const value = textOf(form.get(name)).trim();
      if (value === '') return undefined;
      const number = Number(value);
      return /^-?\d+(\.\d+)?$/.test(value) && Number.isFinite(number) ? number : value;
    }
    case 'group': {
      if (!field.repeatable) {
        const values = readFields(field.fields, form, name);
        return Object.keys(values).length > 0 ? values : undefined;
      }
      const count = Math.min(Number.parseInt(textOf(form.get(countName(name))), 10) || 0, 500);
      const items = Array.from({ length: count }, (_, index) => readFields(field.fields, form, fieldName(name, index)));
      return items.length > 0 ? items : undefined;
    }
    default: {
      const value = textOf(form.get(name)).trim();
      return value === '' ? undefined : value;
    }
  }
}

/** The frontmatter's values from a submitted form; a field left blank is left out. */
export function readFields(fields: readonly Field[], form: FormInput, prefix = ''): Values {
  const values: Values = {};
  for (const field of fields) {
    const value = readField(field, form, fieldName(prefix, field.key));
    if (value !== undefined) values[field.key] = value;
  }
  return values;
}

/** The body from a submitted form: its line breaks as \n. */
export function readBody(form: FormInput): string {
  return textOf(form.get('body'));
}

/**
 * The same value for the record: numbers and booleans YAML read from unquoted text equal the
 * text a form sends back (`title: 1984` and "1984"), and a missing list equals an empty one.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    const left = Array.isArray(a) ? a : a === undefined ? [] : undefined;
    const right = Array.isArray(b) ? b : b === undefined ? [] : undefined;
    return !!left && !!right && left.length === right.length && left.every((item, index) => sameValue(item, right[index]));
  }
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => sameValue((a as Values)[key], (b as Values)[key]));
  }
  if (a === undefined || b === undefined || a === null || b === null) return (a ?? undefined) === (b ?? undefined);
  if (typeof a === 'boolean' || typeof b === 'boolean') return a === b;
  return String(a) === String(b);
}

/** Values with every default filled in and only the form's fields kept: what the record will hold. */
export function normalise(fields: readonly Field[], values: Values): Values {
  const out: Values = {};
  for (const field of fields) {
    const value = normaliseField(field, values[field.key]);
    if (value !== undefined) out[field.key] = value;
  }
  return out;
}

function normaliseField(field: Field, value: unknown): unknown {
  const given = value ?? field.defaultValue;
  if (field.kind === 'group' && given && typeof given === 'object') {
    if (field.repeatable && Array.isArray(given))
      return given.map((item) => (item && typeof item === 'object' ? normalise(field.fields, item as Values) : item));
    if (!field.repeatable && !Array.isArray(given)) return normalise(field.fields, given as Values);
  }
  return given;
}

/** A string in double quotes, as `npm run new` writes the writer's text. */
function quoted(text: string): Scalar {
  const node = new Scalar(text);
  node.type = Scalar.QUOTE_DOUBLE;
  return node;
}

/** A new YAML node for a value, styled by its field. */
function nodeFor(doc: Document, field: Field, value: unknown): unknown {
  switch (field.kind) {
    case 'text':
      return quoted(String(value));
    case 'textList':
      return doc.createNode((value as unknown[]).map((v) => quoted(String(v))));
    case 'group':
      if (field.repeatable) {
        const seq = new YAMLSeq();
        for (const item of value as Values[]) seq.items.push(mapFor(doc, field.fields, item));
        return seq;
      }
      return mapFor(doc, field.fields, value as Values);
    default:
      return doc.createNode(value);
  }
}

function mapFor(doc: Document, fields: readonly Field[], values: Values): YAMLMap {
  const map = new YAMLMap();
  for (const field of fields) if (values[field.key] !== undefined) map.items.push(doc.createPair(field.key, nodeFor(doc, field, values[field.key])));
  return map;
}

/** Puts a new key after the fields that come before it in the schema, so a new line lands where a person would write it. */
function insertPair(doc: Document, map: YAMLMap, fields: readonly Field[], key: string, node: unknown): void {
  const before = new Set(
    fields
      .slice(
        0,
        fields.findIndex((f) => f.key === key),
      )
      .map((f) => f.key),
  );
  let at = 0;
  map.items.forEach((pair, index) => {
    const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    if (before.has(name)) at = index + 1;
  });
  map.items.splice(at, 0, doc.createPair(key, node));
}

/** Edits a YAML map in place: only the fields whose values changed are touched. */
function applyFields(doc: Document, map: YAMLMap, fields: readonly Field[], next: Values, previous: Values): void {
  for (const field of fields) {
    const value = next[field.key];
    const old = previous[field.key];
    if (sameValue(normaliseField(field, value), normaliseField(field, old))) continue;
    const node = map.get(field.key, true);
    if (value === undefined || (Array.isArray(value) && value.length === 0 && field.defaultValue !== undefined)) {
      // Left blank: the line goes, unless it states the default (`tags: []`), which reads the same.
      if (!sameValue(old, field.defaultValue)) map.delete(field.key);
      continue;
    }
    if (field.kind === 'group' && !field.repeatable && isMap(node) && old && typeof old === 'object') {
      applyFields(doc, node, field.fields, value as Values, old as Values);
    } else if (field.kind === 'group' && field.repeatable && isSeq(node) && Array.isArray(old)) {
      const items = value as Values[];
      items.forEach((item, index) => {
        const existing = node.items[index];
        if (isMap(existing) && old[index] && typeof old[index] === 'object') applyFields(doc, existing, field.fields, item, old[index] as Values);
        else node.items[index] = mapFor(doc, field.fields, item);
      });
      node.items.length = items.length;
    } else if (isScalar(node) && typeof value !== 'object' && field.kind !== 'text') {
      // Keeps the line's own style and comment (`draft: true # change to false …`).
      node.value = value;
    } else if (isScalar(node) && field.kind === 'text' && node.type !== Scalar.PLAIN) {
      node.value = value;
    } else if (map.has(field.key)) {
      map.set(field.key, nodeFor(doc, field, value));
    } else {
      insertPair(doc, map, fields, field.key, nodeFor(doc, field, value));
    }
  }
}

/** The body as it goes in the file: ending with a line break, as an editor saves text. */
function bodyText(body: string): string {
  const text = body.replace(/\r\n?/g, '\n');
  return text === '' || text.endsWith('\n') ? text : `${text}\n`;
}

/**
 * The file's text after a save. Unchanged values and body give the original bytes; otherwise
 * the original's YAML is edited in place, and its byte-order mark and line endings are kept.
 * A new file (no original) is written whole, fields in the schema's order.
 */
export function serialise(fields: readonly Field[], original: OpenedFile | undefined, values: Values, body: string): string {
  if (original && sameValue(normalise(fields, values), normalise(fields, original.data)) && body.replace(/\r\n?/g, '\n') === original.body)
    return original.text;
  const doc = original ? parseDocument(original.yamlSource) : new Document({});
  if (!isMap(doc.contents)) doc.contents = new YAMLMap() as typeof doc.contents;
  const map = doc.contents as YAMLMap;
  if (original) applyFields(doc, map, fields, values, original.data);
  else for (const field of fields) if (writesNew(field, values[field.key])) map.items.push(doc.createPair(field.key, nodeFor(doc, field, values[field.key])));
  // The options of lib/content/new-post.ts, and flow lists written `[a, b]` as people write them.
  const yaml = doc.toString({ lineWidth: 0, indentSeq: true, flowCollectionPadding: false });
  const text = `---\n${yaml}---\n${original ? original.lead : '\n'}${bodyText(body)}`;
  const withEndings = original?.crlf ? text.replace(/\n/g, '\r\n') : text;
  return original?.bom ? `\uFEFF${withEndings}` : withEndings;
}

/**
 * Whether a new file states a field: a value that is only the default is left out, as a person
 * would, except `draft`, which a new post always states (as `npm run new` writes it) so that
 * whoever opens the file sees at once whether it is published.
 */
function writesNew(field: Field, value: unknown): boolean {
  if (value === undefined) return false;
  if (field.key === 'draft') return true;
  return !sameValue(value, field.defaultValue);
}

/**
 * What the form sends for these values, untouched: the names and values the editor's page
 * renders (components/editor/FieldInputs.tsx renders the same names). The round-trip tests
 * submit this.
 */
export function formEntries(fields: readonly Field[], values: Values, prefix = ''): Array<[string, string]> {
  const entries: Array<[string, string]> = [];
  for (const field of fields) {
    const name = fieldName(prefix, field.key);
    const value = values[field.key];
    switch (field.kind) {
      case 'boolean':
        if (field.defaultValue === undefined) entries.push([name, value === undefined || value === null ? '' : String(value)]);
        else if ((value ?? field.defaultValue) === true) entries.push([name, 'true']);
        break;
      case 'slugList':
        for (const item of Array.isArray(value) ? value : []) entries.push([name, String(item)]);
        entries.push([newTagsName(name), '']);
        break;
      case 'textList':
        entries.push([name, Array.isArray(value) ? value.map(String).join('\n') : '']);
        break;
      case 'group':
        if (field.repeatable) {
          const items = Array.isArray(value) ? value : [];
          entries.push([countName(name), String(items.length)]);
          items.forEach((item, index) => entries.push(...formEntries(field.fields, (item ?? {}) as Values, fieldName(name, index))));
        } else entries.push(...formEntries(field.fields, (value ?? {}) as Values, name));
        break;
      default:
        entries.push([name, value === undefined || value === null ? '' : String(value)]);
    }
  }
  return entries;
}

/** A FormData-like view of entries, for tests and tools. */
export function formOf(entries: ReadonlyArray<[string, string]>): FormInput {
  return {
    get: (name) => entries.find(([key]) => key === name)?.[1] ?? null,
    getAll: (name) => entries.filter(([key]) => key === name).map(([, value]) => value),
  };
}

/**
 * "Add another item" and "Remove this item", as buttons of the form (`add:decisions`,
 * `remove:decisions[1]`), so that lists work without JavaScript. Returns the field to bring into
 * view, or undefined for an action that names no list of these fields.
 */
export function applyListAction(fields: readonly Field[], values: Values, action: string): string | undefined {
  const match = /^(add|remove):(.+)$/.exec(action);
  if (!match) return undefined;
  const path = parseFieldName(match[2]!);
  const index = match[1] === 'remove' ? path.at(-1) : undefined;
  const listPath = match[1] === 'remove' ? path.slice(0, -1) : path;
  if (match[1] === 'remove' && typeof index !== 'number') return undefined;
  // The path must name a repeatable group of these fields, item by item.
  let scope: readonly Field[] = fields;
  let field: Field | undefined;
  for (const key of listPath) {
    if (typeof key === 'number') continue;
    field = scope.find((f) => f.key === key);
    if (!field || field.kind !== 'group') return undefined;
    scope = field.fields;
  }
  if (!field || field.kind !== 'group' || !field.repeatable) return undefined;
  const parent = valueAt(values, listPath.slice(0, -1));
  if (!parent || typeof parent !== 'object') return undefined;
  const key = listPath.at(-1)!;
  const holder = parent as Record<string | number, unknown>;
  const list = Array.isArray(holder[key]) ? (holder[key] as Values[]) : [];
  if (match[1] === 'add') {
    holder[key] = [...list, {}];
    return fieldName(formatName(listPath), list.length);
  }
  holder[key] = list.filter((_, i) => i !== index);
  return formatName(listPath);
}

function formatName(path: FieldPath): string {
  return path.reduce<string>((name, key) => fieldName(name, key), '');
}
