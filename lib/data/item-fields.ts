/**
 * The open data's columns for decision-item fields that the record does not map by hand: each
 * field of `decisionItemSchema` outside HAND_MAPPED_ITEM_FIELDS becomes a column of the JSON, the
 * CSV and the data's JSON Schema, named in snake_case, with the description the content schema
 * gives it. So a new optional item field is one edit, in lib/content/schemas.ts.
 */
import { z } from 'zod';
import { londonIsoDate } from '../dates';
import { cleanText } from '../feeds/text';

/** Item fields the record maps by hand, with names and shapes journalists' scripts already use. */
export const HAND_MAPPED_ITEM_FIELDS: ReadonlySet<string> = new Set([
  'id',
  'subject',
  'project',
  'stage',
  'outcome',
  'documents',
  'keyDecision',
  'reference',
  'callIn',
  'wards',
]);

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

/** The schema inside optional, default and nullable wrappers. */
export const unwrappedSchema = (field: z.ZodType): z.ZodType => {
  let inner = field;
  while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault || inner instanceof z.ZodNullable) inner = inner.unwrap() as z.ZodType;
  return inner;
};

/** The derived columns of an item schema, in the order the schema gives its fields. */
export function derivedItemFields(itemSchema: z.ZodObject): DerivedItemField[] {
  return Object.entries(itemSchema.shape as Record<string, z.ZodType>)
    .filter(([key]) => !HAND_MAPPED_ITEM_FIELDS.has(key))
    .map(([key, field]) => {
      const { $schema: _dialect, ...valueSchema } = z.toJSONSchema(unwrappedSchema(field), { io: 'input', unrepresentable: 'any' }) as JsonSchema;
      const description = field.description ?? unwrappedSchema(field).description ?? key;
      const example = Array.isArray(valueSchema.examples) ? String(valueSchema.examples[0]) : '';
      return { name: snakeCase(key), key, description, type: typeOf(valueSchema), example, schema: { anyOf: [valueSchema, { type: 'null' }], description } };
    });
}

/** How a value of this JSON Schema is written, in words, for the /data page. */
function typeOf(schema: JsonSchema): string {
  if (Array.isArray(schema.enum)) return `One of: ${schema.enum.join(', ')}, or empty`;
  if (schema.type === 'boolean') return 'true, false, or empty';
  if (schema.type === 'integer' || schema.type === 'number') return 'A number, or empty';
  if (schema.type === 'array') return 'JSON: a list. CSV: the values joined by “; ”, or empty';
  if (schema.type === 'object') return 'JSON: an object. CSV: its values joined by “, ”, or empty';
  if (typeof schema.pattern === 'string' && schema.pattern.startsWith('^\\d{4}-')) return 'Date (YYYY-MM-DD), or empty';
  return 'Text, or empty';
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
