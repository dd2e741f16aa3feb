/**
 * The open data's columns for decision-item fields that no column of lib/data/fields.ts carries:
 * each further field of `decisionItemSchema` becomes a column of the JSON, the CSV and the data's
 * JSON Schema, named in snake_case, with the description the content schema gives it. So a new
 * optional item field is one edit, in lib/content/schemas.ts. The helpers here (a field's JSON
 * Schema, how its type reads in words, its JSON value and CSV cell) serve the named columns too.
 */
import { z } from 'zod';
import { SLUG_PATTERN } from '../content/slug';
import { HTTP_URL_PATTERN } from '../content/schemas-base';
import { londonIsoDate } from '../dates';
import { cleanText } from '../feeds/text';

export type JsonSchema = Record<string, unknown>;

export interface DerivedItemField {
  /** The column's name: the content field's name in snake_case (`value_amount` for a group's field). */
  name: string;
  /** The content field's name, as written in frontmatter. */
  key: string;
  /** Where the value is in an item: `[key]`, or `[key, field]` for a field of a group. */
  path: readonly string[];
  description: string;
  /** For people: how the value is written, from its JSON Schema. */
  type: string;
  /** The first example the content schema gives, if any. */
  example: string;
  /** The value's JSON Schema, null allowed (the field is absent from posts that do not give it). */
  schema: JsonSchema;
}

export const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** The schema inside optional, default and nullable wrappers. */
export const unwrappedSchema = (field: z.ZodType): z.ZodType => {
  let inner = field;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  return inner;
};

/** A content field's value as JSON Schema (as written: `io: 'input'`), without the dialect. */
export function valueSchemaOf(field: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...valueSchema } = z.toJSONSchema(unwrappedSchema(field), { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return valueSchema;
}

/** One column: a field's JSON Schema (null allowed), its words and its first example. */
function columnOf(name: string, key: string, path: readonly string[], field: z.ZodType, description: string): DerivedItemField {
  const valueSchema = valueSchemaOf(field);
  const example = Array.isArray(valueSchema.examples) ? String(valueSchema.examples[0]) : '';
  return { name, key, path, description, type: typeOf(valueSchema), example, schema: { anyOf: [valueSchema, { type: 'null' }], description } };
}

/** A field's description, without the "(optional)" a writer is told: every derived column is optional. */
function descriptionOf(field: z.ZodType, fallback: string): string {
  const description = field.description ?? unwrappedSchema(field).description ?? fallback;
  return description.endsWith(' (optional)') ? description.slice(0, -' (optional)'.length) : description;
}

const lowerFirst = (text: string): string => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);

/**
 * The derived columns of an item schema, in the order the schema gives its fields: every field
 * but those the named columns already carry (`carried`, the item keys of lib/data/fields.ts). A
 * group of fields (an object, such as `value: {amount, kind, period}`) becomes one column per
 * field (`value_amount`, `value_kind`, `value_period`), so that a spreadsheet can sum the
 * amounts and filter by kind; a list stays one column.
 */
export function derivedItemFields(itemSchema: z.ZodObject, carried: ReadonlySet<string>): DerivedItemField[] {
  return Object.entries(itemSchema.shape as Record<string, z.ZodType>)
    .filter(([key]) => !carried.has(key))
    .flatMap(([key, field]) => {
      const description = descriptionOf(field, key);
      const inner = unwrappedSchema(field);
      if (!(inner instanceof z.ZodObject)) return [columnOf(snakeCase(key), key, [key], field, description)];
      return Object.entries(inner.shape as Record<string, z.ZodType>).map(([sub, subField]) =>
        columnOf(`${snakeCase(key)}_${snakeCase(sub)}`, key, [key, sub], subField, `${description}: ${lowerFirst(descriptionOf(subField, sub))}`),
      );
    });
}

/** The value at a field's path in an item, or undefined. */
export function valueAtPath(item: unknown, path: readonly string[]): unknown {
  let value = item;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** How a value of this JSON Schema is written, in words, for the /data page; "or empty" where it can be null. */
export function typeOf(schema: JsonSchema, nullable = true): string {
  const orEmpty = nullable ? ', or empty' : '';
  if (Array.isArray(schema.enum)) return `One of: ${schema.enum.join(', ')}${orEmpty}`;
  if (schema.type === 'boolean') return nullable ? 'true, false, or empty' : 'true or false';
  if (schema.type === 'integer' || schema.type === 'number') return `A number${orEmpty}`;
  if (schema.type === 'array' && (schema.items as JsonSchema | undefined)?.type === 'object')
    return 'JSON: a list of objects. CSV: each as “field: value” pairs joined by “, ”, the objects joined by “; ”, or empty';
  if (schema.type === 'array') return 'JSON: a list. CSV: the values joined by “; ”, or empty';
  if (schema.type === 'object') return `JSON: an object. CSV: its values joined by “, ”${orEmpty}`;
  if (typeof schema.pattern === 'string' && schema.pattern.startsWith('^\\d{4}-')) return `Date (YYYY-MM-DD)${orEmpty}`;
  if (schema.pattern === SLUG_PATTERN.source) return `Text (a slug)${orEmpty}`;
  if (schema.pattern === HTTP_URL_PATTERN) return `Web address${orEmpty}`;
  return `Text${orEmpty}`;
}

/** A value as JSON data: text cleaned, dates as London dates, absent as null. */
export function jsonValueOf(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return cleanText(value);
  if (value instanceof Date) return londonIsoDate(value);
  if (Array.isArray(value)) return value.map(jsonValueOf);
  if (typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, jsonValueOf(v)]));
  return value;
}

/**
 * A JSON value as one CSV cell: lists joined by "; ", objects as "field: value" pairs joined by
 * ", " (an interest: "member: Councillor Ada Example, interest: …"), null empty.
 */
export function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellOf).join('; ');
  if (typeof value === 'object')
    return Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined)
      .map(([k, v]) => `${k}: ${cellOf(v)}`)
      .join(', ');
  return String(value);
}
