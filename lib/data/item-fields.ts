/**
 * The open data's columns for decision-item fields that no column of lib/data/fields.ts carries:
 * each further field of `decisionItemSchema` becomes a column of the JSON, the CSV and the data's
 * JSON Schema, named in snake_case, with the description the content schema gives it. So a new
 * optional item field is one edit, in lib/content/schemas.ts. The helpers here (a field's JSON
 * Schema, how its type reads in words, its JSON value and CSV cell) serve the named columns too.
 */
import { z } from 'zod';
import { SLUG_PATTERN } from '../content/slug';
import { londonIsoDate } from '../dates';
import { cleanText } from '../feeds/text';

export type JsonSchema = Record<string, unknown>;

export interface DerivedItemField {
  /** The column's name: the content field's name in snake_case. */
  name: string;
  /** The content field's name, as written in frontmatter. */
  key: string;
  description: string;
  /** For people: how the value is written, from its JSON Schema. */
  type: string;
  /** The first example the content schema gives, if any. */
  example: string;
  /** The value's JSON Schema, null allowed (the field is absent from posts that do not give it). */
  schema: JsonSchema;
}

export const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

export const unwrapped = (field: z.ZodType): z.ZodType => {
  let inner = field;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  return inner;
};

/** A content field's value as JSON Schema (as written: `io: 'input'`), without the dialect. */
export function valueSchemaOf(field: z.ZodType): JsonSchema {
  const { $schema: _dialect, ...valueSchema } = z.toJSONSchema(unwrapped(field), { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  return valueSchema;
}

/**
 * The derived columns of an item schema, in the order the schema gives its fields: every field
 * but those the named columns already carry (`carried`, the item keys of lib/data/fields.ts).
 */
export function derivedItemFields(itemSchema: z.ZodObject, carried: ReadonlySet<string>): DerivedItemField[] {
  return Object.entries(itemSchema.shape as Record<string, z.ZodType>)
    .filter(([key]) => !carried.has(key))
    .map(([key, field]) => {
      const valueSchema = valueSchemaOf(field);
      const description = field.description ?? unwrapped(field).description ?? key;
      const example = Array.isArray(valueSchema.examples) ? String(valueSchema.examples[0]) : '';
      return { name: snakeCase(key), key, description, type: typeOf(valueSchema), example, schema: { anyOf: [valueSchema, { type: 'null' }], description } };
    });
}

/** How a value of this JSON Schema is written, in words, for the /data page; "or empty" where it can be null. */
export function typeOf(schema: JsonSchema, nullable = true): string {
  const orEmpty = nullable ? ', or empty' : '';
  if (Array.isArray(schema.enum)) return `One of: ${schema.enum.join(', ')}${orEmpty}`;
  if (schema.type === 'boolean') return nullable ? 'true, false, or empty' : 'true or false';
  if (schema.type === 'integer' || schema.type === 'number') return `A number${orEmpty}`;
  if (schema.type === 'array') return 'JSON: a list. CSV: the values joined by “; ”, or empty';
  if (schema.type === 'object') return `JSON: an object. CSV: its values joined by “, ”${orEmpty}`;
  if (typeof schema.pattern === 'string' && schema.pattern.startsWith('^\\d{4}-')) return `Date (YYYY-MM-DD)${orEmpty}`;
  if (schema.pattern === SLUG_PATTERN.source) return `Text (a slug)${orEmpty}`;
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

/** A JSON value as one CSV cell: lists joined by "; ", objects as their values joined by ", ", null empty. */
export function cellOf(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellOf).join('; ');
  if (typeof value === 'object') return Object.values(value).map(cellOf).join(', ');
  return String(value);
}
