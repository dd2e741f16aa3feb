/**
 * The tables of /data/decisions.db, declared from the definitions the rest of the open data
 * already has: an item's columns are the open-data fields (DATA_FIELDS, hand-mapped and
 * derived from the zod item schema), a post's are the post-level fields of the same list plus
 * the post's own zod fields, and bodies, projects and meetings take theirs from their zod
 * schemas. So a new content field reaches the database with no edit here. SQL types, NOT NULL,
 * CHECKs and foreign keys follow from each field's JSON Schema. Pure: no database here.
 */
import { z } from 'zod';
import { committeeSchema, decisionFieldsSchema, meetingFieldsSchema, projectSchema } from '../../content/schemas';
import { DATA_FIELDS, type DataField, type JsonSchema } from '../fields';
import { snakeCase, unwrappedSchema } from '../item-fields';

export interface Column {
  name: string;
  type: 'TEXT' | 'INTEGER' | 'REAL';
  notNull: boolean;
  /** JSON text: a list or an object, as the JSON download gives it. */
  json: boolean;
  boolean: boolean;
  /** The values an enum allows. */
  values?: readonly string[];
  references?: { table: string; column: string };
  description: string;
  /** The record's field the value comes from, where it is not the column's name (camelCase zod fields). */
  key?: string;
}

export interface Table {
  name: string;
  description: string;
  columns: Column[];
  primaryKey: string[];
}

/** `type: ['string', 'null']` or `anyOf: [X, {type: 'null'}]`: the value's own schema, and whether null is allowed. */
function nonNull(schema: JsonSchema): { schema: JsonSchema; nullable: boolean } {
  if (Array.isArray(schema.anyOf)) {
    const options = (schema.anyOf as JsonSchema[]).filter((s) => s.type !== 'null');
    if (options.length === 1 && options.length < schema.anyOf.length) return { schema: options[0]!, nullable: true };
  }
  if (Array.isArray(schema.type) && schema.type.includes('null')) {
    const types = schema.type.filter((t) => t !== 'null');
    const values = Array.isArray(schema.enum) ? { enum: schema.enum.filter((v) => v !== null) } : {};
    return { schema: { ...schema, type: types.length === 1 ? types[0] : types, ...values }, nullable: true };
  }
  return { schema, nullable: false };
}

/** A column for a value of this JSON Schema. */
export function columnOf(name: string, schema: JsonSchema, description: string, required = true): Column {
  const { schema: value, nullable } = nonNull(schema);
  const json = value.type === 'array' || value.type === 'object' || typeof value.$ref === 'string';
  const boolean = value.type === 'boolean';
  const type = value.type === 'integer' || boolean ? 'INTEGER' : value.type === 'number' ? 'REAL' : 'TEXT';
  const values = Array.isArray(value.enum) ? (value.enum as string[]) : undefined;
  return { name, type, notNull: required && !nullable, json, boolean, ...(values ? { values } : {}), description };
}

const fromDataField = (field: DataField, name = field.name): Column => columnOf(name, field.schema, field.description);

/** The columns of a zod object's fields (all of them, or those named), snake_case, in the schema's order. */
function zodColumns(schema: z.ZodObject, only?: readonly string[], except: readonly string[] = []): Column[] {
  return Object.entries(schema.shape as Record<string, z.ZodType>)
    .filter(([key]) => (only ? only.includes(key) : !except.includes(key)))
    .map(([key, field]) => {
      const inner = unwrappedSchema(field);
      const { $schema: _dialect, ...json } = z.toJSONSchema(inner, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      const optional = field.safeParse(undefined).success;
      // A field with a default is never empty in the record the site uses.
      const required = !optional || field instanceof z.ZodDefault;
      return { ...columnOf(snakeCase(key), json, field.description ?? inner.description ?? key, required), key };
    });
}

const text = (name: string, description: string, notNull = true): Column => ({ name, type: 'TEXT', notNull, json: false, boolean: false, description });
const ref = (column: Column, table: string, key = 'slug'): Column => ({ ...column, references: { table, column: key } });

/** Open-data fields that belong to the post, not the item: the posts table holds them once. */
const POST_FIELDS: Record<string, string> = {
  post_slug: 'slug',
  post_url: 'url',
  post_title: 'title',
  committee_slug: 'committee_slug',
  meeting_date: 'meeting_date',
  published: 'published',
  updated: 'updated',
  updates: 'updates',
};
/** Open-data fields the database gives another way: a name by a join, documents as a table. */
const JOINED_FIELDS = new Set(['committee_name', 'project_name', 'documents']);

/** The item columns: every open-data field that is the item's own, in DATA_FIELDS order. */
export function itemColumnsOf(fields: readonly DataField[] = DATA_FIELDS): { column: Column; field: string }[] {
  return fields
    .filter((f) => !(f.name in POST_FIELDS && f.name !== 'post_slug') && !JOINED_FIELDS.has(f.name))
    .map((f) => {
      const column = fromDataField(f);
      if (f.name === 'post_slug') return { field: f.name, column: ref(column, 'posts') };
      if (f.name === 'project_slug') return { field: f.name, column: ref(column, 'projects') };
      return { field: f.name, column };
    });
}

function postFieldColumns(fields: readonly DataField[]): Column[] {
  return fields.filter((f) => f.name in POST_FIELDS).map((f) => fromDataField(f, POST_FIELDS[f.name]));
}

export function databaseTables(fields: readonly DataField[] = DATA_FIELDS): Table[] {
  const [slug, url, title, committee, meetingDate, ...postTimes] = postFieldColumns(fields);
  return [
    {
      name: 'bodies',
      description: 'Decision makers: committees, the Cabinet, the full Council, cabinet members and officers.',
      primaryKey: ['slug'],
      columns: [
        text('slug', 'The body’s permanent name, as in /committees/<slug>.'),
        text('url', 'The body’s page on this site.'),
        ...zodColumns(committeeSchema),
        text('body', 'What the body is for, as plain text.', false),
      ],
    },
    {
      name: 'projects',
      description: 'Programme projects, with their status and business case.',
      primaryKey: ['slug'],
      columns: [
        text('slug', 'The project’s permanent name, as in /projects/<slug>.'),
        text('url', 'The project’s page on this site.'),
        ...zodColumns(projectSchema),
        text('body', 'The project’s description, as plain text.', false),
      ],
    },
    {
      name: 'meetings',
      description: 'Every meeting a post reports or the forward plan announces.',
      primaryKey: ['slug'],
      columns: [
        text('slug', 'The meeting’s permanent name, <date>-<body>.'),
        text('url', 'The meeting’s page on this site.'),
        ref(text('committee_slug', 'The body that meets.'), 'bodies'),
        text('date', 'The London date of the meeting, YYYY-MM-DD.'),
        text('time', 'The London start time, HH:MM, where known.', false),
        ...zodColumns(meetingFieldsSchema, undefined, ['committee', 'date']),
        text('note', 'The meeting file’s note for residents, as plain text.', false),
      ],
    },
    {
      name: 'posts',
      description: 'Published posts; each reports one or more decision items.',
      primaryKey: ['slug'],
      columns: [
        slug!,
        url!,
        title!,
        ...zodColumns(decisionFieldsSchema, ['summary']),
        ref(committee!, 'bodies'),
        ref(text('meeting_slug', 'The meeting the post reports, where it gives the meeting’s date.', false), 'meetings'),
        meetingDate!,
        ...postTimes,
        ...zodColumns(decisionFieldsSchema, ['tags', 'author']),
        text('subjects', 'The subjects of the post’s decision items, one a line (for full-text search).'),
        text('body', 'The post’s text, as plain text without its Markdown.'),
      ],
    },
    {
      name: 'items',
      description: 'Every published decision item: one row per record of /data/decisions.json.',
      primaryKey: ['id'],
      columns: itemColumnsOf(fields).map((c) => c.column),
    },
    {
      name: 'documents',
      description: 'The papers of each decision item, in the post’s order.',
      primaryKey: ['item_id', 'position'],
      columns: [
        ref(text('item_id', 'The decision item, by its id.'), 'items', 'id'),
        { ...text('position', 'The document’s place in the item’s list, from 1.'), type: 'INTEGER' },
        text('title', 'The document’s title.'),
        text('url', 'Its web address.'),
      ],
    },
    CHANGES_TABLE,
  ];
}

/**
 * The changes to the record (issue 25's history: post, item, field, before, after, when,
 * commit, and whether `updates` noted it). Its rows come from the post history, which this
 * module does not build: decisionsDatabase takes them as ChangeRow values. No foreign key to
 * posts: a withdrawn post's changes stay when the post has left the posts table.
 */
export const CHANGES_TABLE: Table = {
  name: 'changes',
  description: 'Every change to a published post: new, corrected, silently edited, withdrawn.',
  primaryKey: [],
  columns: [
    text('post_slug', 'The post changed (it may have been withdrawn since).'),
    text('item_id', 'The decision item changed, as <post>/<item>; empty for a change to the post itself.', false),
    text('field', 'The field changed, or "post" for a new or withdrawn post.'),
    text('before', 'The value before, as text; empty for a new value.', false),
    text('after', 'The value after, as text; empty for a removed value.', false),
    text('changed_at', 'When the change was published: London time with its offset (ISO 8601).'),
    text('commit_id', 'The content commit that made the change.'),
    { ...text('noted', '1 where the post’s updates noted the change, 0 where it was made silently.'), type: 'INTEGER', boolean: true },
  ],
};

export interface ChangeRow {
  post_slug: string;
  item_id: string | null;
  field: string;
  before: string | null;
  after: string | null;
  changed_at: string;
  commit_id: string;
  noted: boolean;
}
