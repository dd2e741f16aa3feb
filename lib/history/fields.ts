/**
 * Field-by-field differences between two versions of a post. The fields come from the post's
 * zod schemas (lib/content/schemas.ts), the one definition of every field: a field added to the
 * schema is compared here without a change to this file.
 */
import { decisionFieldsSchema, decisionItemSchema } from '../content/schemas';
import type { Decision, DecisionItem } from '../content/types';
import { londonIsoDateTime } from '../dates';
import type { FieldChange } from './types';

/**
 * Fields that are not compared: `decisions` is compared item by item, `updates` are the notes
 * that explain changes (lib/history/versions.ts), and `draft` is false in every public version.
 */
const NOT_COMPARED = new Set(['decisions', 'updates', 'draft']);

/** The post's frontmatter fields, in the schema's order; `body` is compared after them. */
export const POST_FIELDS: readonly string[] = Object.keys(decisionFieldsSchema.shape).filter((name) => !NOT_COMPARED.has(name));
/** An item's fields, in the schema's order, without its id (which names the item). */
export const ITEM_FIELDS: readonly string[] = Object.keys(decisionItemSchema.shape).filter((name) => name !== 'id');

/** A record's value of a frontmatter field: `date` is the record's `published`. */
function postValue(decision: Decision, field: string): unknown {
  if (field === 'date') return decision.published;
  return (decision as unknown as Record<string, unknown>)[field];
}

/** A part of a value as text: a document as `title <url>`, any other object as `key: value, …`. */
function partText(value: unknown): string {
  if (value instanceof Date) return londonIsoDateTime(value);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.title === 'string' && typeof record.url === 'string' && Object.keys(record).length === 2) return `${record.title} <${record.url}>`;
    return Object.entries(record)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}: ${partText(v)}`)
      .join(', ');
  }
  return String(value);
}

/**
 * A field's value as text, or null where it is absent (an empty list counts as absent, as the
 * pages say nothing of it). Lists are joined with "; ", as the decisions CSV joins them.
 */
export function fieldText(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.length === 0 ? null : value.map(partText).join('; ');
  return partText(value);
}

function compare(out: FieldChange[], field: string, before: unknown, after: unknown, item?: string): void {
  const a = fieldText(before);
  const b = fieldText(after);
  if (a !== b) out.push({ ...(item !== undefined ? { item } : {}), field, before: a, after: b });
}

/**
 * What changed from one version of a post to the next: the post's fields in the schema's order,
 * then each item by its id (an item added or removed is one `item` change, its subject its
 * value), then the body. Items are matched by id, never by position, so reordering items
 * changes nothing here.
 */
export function fieldChanges(before: Decision, after: Decision): FieldChange[] {
  const out: FieldChange[] = [];
  for (const field of POST_FIELDS) compare(out, field, postValue(before, field), postValue(after, field));
  const beforeItems = new Map(before.items.map((item) => [item.id, item]));
  const afterItems = new Map(after.items.map((item) => [item.id, item]));
  const itemValue = (item: DecisionItem, field: string) => (item as unknown as Record<string, unknown>)[field];
  for (const [id, old] of beforeItems) {
    const now = afterItems.get(id);
    if (!now) {
      out.push({ item: id, field: 'item', before: old.subject, after: null });
      continue;
    }
    for (const field of ITEM_FIELDS) compare(out, field, itemValue(old, field), itemValue(now, field), id);
  }
  for (const [id, added] of afterItems) if (!beforeItems.has(id)) out.push({ item: id, field: 'item', before: null, after: added.subject });
  // Blank lines around the text are not part of what the page shows.
  const [a, b] = [before.body.trim(), after.body.trim()];
  if (a !== b) out.push({ field: 'body', before: a, after: b });
  return out;
}

/** A field's name as the history page says it: `keyDecision` is "key decision". */
export function fieldLabel(field: string): string {
  if (field === 'date') return 'publication date';
  if (field === 'body') return 'text of the post';
  return field.replace(/[A-Z]/g, (letter) => ` ${letter.toLowerCase()}`);
}
