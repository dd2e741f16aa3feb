import type { z } from 'zod';
import {
  CALENDAR_DATE_PATTERN,
  committeeSchema,
  decisionFieldsSchema,
  glossarySchema,
  HTTP_URL_PATTERN,
  meetingFieldsSchema,
  projectSchema,
} from '../content/schemas';
import { SLUG_PATTERN } from '../content/slug';

/**
 * The editor's form, derived from the zod schemas of the publishing contract
 * (lib/content/schemas.ts), never written out a second time: each field's kind, label, hint,
 * whether it is required, its allowed values and its default come from walking the schema's
 * shape. A field added to a schema appears in the editor by itself.
 */

/** Where a reference field's choices come from: the records of another collection. */
export type Reference = 'committees' | 'projects';

interface FieldBase {
  /** The frontmatter key. */
  key: string;
  label: string;
  /** The schema's description, shown as the field's hint. */
  hint?: string;
  /** Neither optional nor defaulted: the file must give it. */
  required: boolean;
  /** The schema's default, when it has one (draft: false, glossaryLinks: true, tags: []). */
  defaultValue?: unknown;
}

export type Field =
  | (FieldBase & { kind: 'text'; maxLength?: number; multiline: boolean })
  | (FieldBase & { kind: 'date'; pattern: string; examples: string[] })
  | (FieldBase & { kind: 'url' })
  | (FieldBase & { kind: 'slug'; reference?: Reference })
  | (FieldBase & { kind: 'enum'; options: string[] })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'number'; integer: boolean; minimum?: number; maximum?: number })
  | (FieldBase & { kind: 'slugList' })
  | (FieldBase & { kind: 'textList' })
  | (FieldBase & { kind: 'group'; repeatable: boolean; minItems: number; itemLabel: string; fields: Field[] });

/**
 * Slug fields that name another collection's record. The pipeline resolves references by these
 * same field names (lib/content/assemble.ts); the schema says only that they are slugs.
 */
const REFERENCES: Record<string, Reference> = { committee: 'committees', project: 'projects' };

/** Keys whose words alone would read oddly as a label. */
const LABELS: Record<string, string> = {
  url: 'Web address',
  id: 'Item id',
  callIn: 'Call-in',
  shortName: 'Short name',
  ocid: 'Open Contracting id (OCID)',
  exempt: 'Exempt information',
  alternatives: 'Alternatives considered and rejected',
  interests: 'Interests declared',
  value: 'Money',
};

/** `glossaryLinks` → "Glossary links", `callIn` → "Call in". */
export function humanise(key: string): string {
  if (Object.hasOwn(LABELS, key)) return LABELS[key]!;
  const words = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

/** What one item of a list is called in its heading and buttons ("Decision item 2"). */
const ITEM_LABELS: Record<string, string> = {
  decisions: 'Decision item',
  updates: 'Correction',
  documents: 'Document',
  agenda: 'Agenda item',
  interests: 'Interest',
};

// zod 4 keeps each schema's definition on `_zod.def`; only the parts read here are typed.
interface Def {
  type: string;
  innerType?: Schema;
  in?: Schema;
  out?: Schema;
  element?: Schema;
  shape?: Record<string, Schema>;
  entries?: Record<string, string>;
  defaultValue?: unknown;
  checks?: Array<{ _zod: { def: { check: string; maximum?: number; minimum?: number; value?: number; format?: string } } }>;
}
interface Schema {
  _zod: { def: Def };
  description?: string;
  meta?: () => Record<string, unknown> | undefined;
}

const defOf = (schema: Schema): Def => schema._zod.def;

/** Optional, default and preprocessing wrappers taken off, with what they said. */
function unwrap(schema: Schema): { core: Schema; optional: boolean; defaultValue?: unknown; description?: string; meta: Record<string, unknown> } {
  let core = schema;
  let optional = false;
  let defaultValue: unknown;
  let description = schema.description;
  let meta: Record<string, unknown> = { ...(schema.meta?.() ?? {}) };
  for (let depth = 0; depth < 10; depth++) {
    const def = defOf(core);
    if (def.type === 'optional') {
      optional = true;
      core = def.innerType!;
    } else if (def.type === 'default') {
      defaultValue = def.defaultValue;
      core = def.innerType!;
    } else if (def.type === 'pipe' && def.in && defOf(def.in).type === 'transform') {
      // z.preprocess(fn, inner) is a pipe from a transform into the inner schema.
      core = def.out!;
    } else break;
    description ??= core.description;
    meta = { ...(core.meta?.() ?? {}), ...meta };
  }
  return { core, optional, ...(defaultValue === undefined ? {} : { defaultValue }), ...(description ? { description } : {}), meta };
}

function check(schema: Schema, name: string): { maximum?: number; minimum?: number; value?: number; format?: string } | undefined {
  return defOf(schema).checks?.find((c) => c._zod.def.check === name)?._zod.def;
}

/** The field for one key of an object schema. */
export function fieldOf(key: string, schema: Schema): Field {
  const { core, optional, defaultValue, description, meta } = unwrap(schema);
  const def = defOf(core);
  const base: FieldBase = {
    key,
    label: humanise(key),
    ...(description ? { hint: description } : {}),
    required: !optional && defaultValue === undefined,
    ...(defaultValue === undefined ? {} : { defaultValue }),
  };
  switch (def.type) {
    case 'enum':
      return { ...base, kind: 'enum', options: Object.values(def.entries ?? {}) };
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'number': {
      const minimum = check(core, 'greater_than')?.value;
      const maximum = check(core, 'less_than')?.value;
      return {
        ...base,
        kind: 'number',
        integer: check(core, 'number_format')?.format === 'safeint',
        ...(minimum === undefined ? {} : { minimum }),
        ...(maximum === undefined ? {} : { maximum }),
      };
    }
    case 'object':
      return { ...base, kind: 'group', repeatable: false, minItems: 0, itemLabel: humanise(key), fields: fieldsOf(core) };
    case 'array': {
      const element = unwrap(def.element!);
      const elementType = defOf(element.core).type;
      if (elementType === 'object') {
        return {
          ...base,
          kind: 'group',
          repeatable: true,
          minItems: check(core, 'min_length')?.minimum ?? 0,
          itemLabel: ITEM_LABELS[key] ?? humanise(key),
          fields: fieldsOf(element.core),
        };
      }
      return element.meta.pattern === SLUG_PATTERN.source ? { ...base, kind: 'slugList' } : { ...base, kind: 'textList' };
    }
    case 'string': {
      const pattern = typeof meta.pattern === 'string' ? meta.pattern : undefined;
      if (pattern === SLUG_PATTERN.source) return { ...base, kind: 'slug', ...(REFERENCES[key] ? { reference: REFERENCES[key] } : {}) };
      if (pattern === HTTP_URL_PATTERN) return { ...base, kind: 'url' };
      // Calendar, publication and meeting dates all begin with a calendar date's pattern.
      if (pattern?.startsWith(CALENDAR_DATE_PATTERN.slice(0, -1))) {
        return { ...base, kind: 'date', pattern, examples: Array.isArray(meta.examples) ? meta.examples.map(String) : [] };
      }
      const maxLength = check(core, 'max_length')?.maximum;
      return { ...base, kind: 'text', ...(maxLength === undefined ? {} : { maxLength }), multiline: (maxLength ?? 0) >= 300 };
    }
    default:
      // No content schema has another kind of field; one added later is edited as text.
      return { ...base, kind: 'text', multiline: false };
  }
}

/** Every field of an object schema, in the schema's order (the order a new file is written in). */
export function fieldsOf(schema: z.ZodType | Schema): Field[] {
  const shape = defOf(schema as Schema).shape ?? {};
  return Object.entries(shape).map(([key, value]) => fieldOf(key, value));
}

/** The collections the editor writes, with the schema of what a file gives (before transforms). */
export const EDITOR_COLLECTIONS = {
  decisions: {
    schema: decisionFieldsSchema,
    one: 'decision post',
    title: 'Decision posts',
    /** The field that names a record in lists. */
    nameField: 'title',
    /** A new file's name: `2011-03-03-last-night-in-hendon`, as `npm run new` makes it. */
    slugFrom: ['date', 'title'],
    bodyOptional: false,
  },
  meetings: { schema: meetingFieldsSchema, one: 'meeting', title: 'Meetings', nameField: 'date', slugFrom: ['date', 'committee'], bodyOptional: true },
  committees: { schema: committeeSchema, one: 'committee', title: 'Committees', nameField: 'name', slugFrom: ['name'], bodyOptional: false },
  projects: { schema: projectSchema, one: 'project', title: 'Projects', nameField: 'name', slugFrom: ['name'], bodyOptional: false },
  glossary: { schema: glossarySchema, one: 'glossary term', title: 'Glossary terms', nameField: 'term', slugFrom: ['term'], bodyOptional: false },
} as const;

export type EditorCollection = keyof typeof EDITOR_COLLECTIONS;

export function isEditorCollection(value: string): value is EditorCollection {
  return Object.hasOwn(EDITOR_COLLECTIONS, value);
}

/** The form of a collection's files. */
export function collectionFields(collection: EditorCollection): Field[] {
  return fieldsOf(EDITOR_COLLECTIONS[collection].schema);
}
