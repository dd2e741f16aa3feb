/**
 * Which decision-item fields the feeds and the JSON-LD carry, and as what: one entry per field,
 * keyed on its name in decisionItemSchema (lib/content/schemas.ts). A new field that a feed or a
 * search engine should see is one line here; lib/feeds/build.ts and lib/seo/structured-data.ts
 * read this table and repeat no field. (The open data carries every field without a line here:
 * lib/data/fields.ts derives its columns from the schema.)
 */
import type { DecisionItem, Project } from '../content/types';
import { paths } from '../urls';
import { outcomeLabels, stageLabels } from './labels';

/** A value of JSON-LD, as lib/seo/structured-data.ts writes it. */
export type SchemaOrgValue = string | number | boolean | null | { [key: string]: SchemaOrgValue } | SchemaOrgValue[];

export interface CarriedField<V> {
  /**
   * A feed category for each item that gives the field: its label, and the path of the page that
   * explains the vocabulary (RSS `domain`, Atom `scheme`).
   */
  feedCategory?: { vocabulary: string; label: (value: V, lookups: CarriedLookups) => string };
  /** schema.org properties of the item (a CreativeWork, part of its post's Article) in JSON-LD. */
  schemaOrg?: (value: V) => Record<string, SchemaOrgValue>;
}

export interface CarriedLookups {
  projects: ReadonlyMap<string, Pick<Project, 'name'>>;
}

export type CarriedFields = { [K in keyof DecisionItem]?: CarriedField<NonNullable<DecisionItem[K]>> };

/** In the order the feeds list their categories and JSON-LD its properties. */
export const CARRIED_ITEM_FIELDS: CarriedFields = {
  project: { feedCategory: { vocabulary: paths.projects(), label: (slug, { projects }) => projects.get(slug)?.name ?? slug } },
  stage: { feedCategory: { vocabulary: `${paths.data()}#field-stage`, label: (stage) => stageLabels[stage] } },
  outcome: { feedCategory: { vocabulary: `${paths.data()}#field-outcome`, label: (outcome) => outcomeLabels[outcome] } },
  reference: { schemaOrg: (reference) => ({ identifier: reference }) },
  wards: {
    schemaOrg: (wards): Record<string, SchemaOrgValue> =>
      wards.length > 0 ? { spatialCoverage: wards.map((ward) => ({ '@type': 'Place', name: ward })) } : {},
  },
};

/** The table's entries, each with its field's value in an item (undefined where the item leaves it out). */
export function carriedEntries(carried: CarriedFields): [string, CarriedField<unknown>][] {
  return Object.entries(carried) as [string, CarriedField<unknown>][];
}

/** An item's schema.org properties from the table, in its order. */
export function schemaOrgPropertiesOf(item: DecisionItem, carried: CarriedFields = CARRIED_ITEM_FIELDS): Record<string, SchemaOrgValue> {
  const properties: Record<string, SchemaOrgValue> = {};
  for (const [key, field] of carriedEntries(carried)) {
    const value = (item as Record<string, unknown>)[key];
    if (field.schemaOrg && value !== undefined && value !== null && value !== '') Object.assign(properties, field.schemaOrg(value));
  }
  return properties;
}
