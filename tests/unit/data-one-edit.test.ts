/**
 * The one-edit proof: an optional field added to decisionItemSchema reaches the open data's
 * JSON, its CSV (header and cell) and its JSON Schema (property and description) with no
 * second edit. The data functions are built over the extended schema, as the site builds them
 * over the real one. A field that the feeds or JSON-LD should carry is one more line, in the
 * table of lib/records/carried-fields.ts, and reaches both.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { collectContent } from '../../lib/content/collect';
import { decisionItemSchema, text } from '../../lib/content/schemas';
import type { Decision } from '../../lib/content/types';
import { csvOf, DATA_FIELDS, dataFieldsOf, decisionsJsonSchema, derivedItemFieldsOf, recordsOf } from '../../lib/data/export';
import { feedEntry } from '../../lib/feeds/build';
import { CARRIED_ITEM_FIELDS, type CarriedFields } from '../../lib/records/carried-fields';
import { decisionJsonLd, itemJsonLd } from '../../lib/seo/structured-data';
import { contentFiles, post, siteRecordsOf } from './helpers';

const extendedItemSchema = decisionItemSchema.extend({
  fundingSource: text(100, 'Where the money for the decision comes from, where the post gives it').optional(),
  budgetLines: z.array(text(80, 'A budget line')).optional().describe('The budget lines the decision draws on'),
});

describe('a new optional item field is one edit in lib/content/schemas.ts', () => {
  const records = siteRecordsOf(collectContent(contentFiles([post({}, { name: '2011-06-30-one-edit' })])), new Date('2011-07-20T12:00:00Z'));
  const decision = records.indexes.bySlug.get('2011-06-30-one-edit')!;
  // The items as the extended schema parses them: one gives the new fields, the others do not.
  const items = decision.items.map((item, index) =>
    index === 0
      ? { ...item, ...extendedItemSchema.parse({ ...stripId(item), fundingSource: 'The capital programme', budgetLines: ['Capital', 'Revenue'] }) }
      : item,
  );
  const extended = { ...decision, items } as Decision;
  const fields = dataFieldsOf(extendedItemSchema);
  const rows = recordsOf(records, extended, derivedItemFieldsOf(extendedItemSchema));

  it('reaches the JSON record, null where a post does not give it', () => {
    expect(rows[0]!.funding_source).toBe('The capital programme');
    expect(rows[0]!.budget_lines).toEqual(['Capital', 'Revenue']);
    for (const row of rows.slice(1)) expect(row.funding_source).toBeNull();
  });

  it('reaches the CSV: a header at the end and a cell in each row', () => {
    const [header, first] = Papa.parse<string[]>(csvOf(rows, fields).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(header!.slice(0, DATA_FIELDS.length)).toEqual(DATA_FIELDS.map((f) => f.name));
    expect(header!.slice(-2)).toEqual(['funding_source', 'budget_lines']);
    expect(first!.slice(-2)).toEqual(['The capital programme', 'Capital; Revenue']);
  });

  it('reaches the JSON Schema with its description, and the schema validates the records', () => {
    const schema = decisionsJsonSchema({ baseUrl: 'https://example.org', siteTitle: 'Test' }, fields) as {
      $defs: { decision: { properties: Record<string, { description: string }>; required: string[] } };
    };
    const property = schema.$defs.decision.properties.funding_source!;
    expect(property.description).toBe('Where the money for the decision comes from, where the post gives it');
    expect(schema.$defs.decision.required).toContain('funding_source');
    expect(fields.find((f) => f.name === 'funding_source')).toMatchObject({ type: 'Text, or empty', description: property.description });
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const validate = ajv.compile(schema);
    const file = { updated: rows[0]!.updated, licence: { name: 'OGL', url: 'https://example.org/ogl' }, count: rows.length, decisions: rows };
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ ...file, decisions: [{ ...rows[0], funding_source: 42 }] })).toBe(false);
  });
});

describe('a field the feeds and JSON-LD carry is one line in lib/records/carried-fields.ts', () => {
  const records = siteRecordsOf(collectContent(contentFiles([post({}, { name: '2011-06-30-one-edit' })])), new Date('2011-07-20T12:00:00Z'));
  const decision = records.indexes.bySlug.get('2011-06-30-one-edit')!;
  const item = { ...decision.items[0]!, ...extendedItemSchema.parse({ ...stripId(decision.items[0]!), fundingSource: 'The capital programme' }) };
  const extended = { ...decision, items: [item] } as Decision;
  // The one line: the field's schema.org property and its feed category.
  const carried = {
    ...CARRIED_ITEM_FIELDS,
    fundingSource: {
      schemaOrg: (source: string) => ({ funding: source }),
      feedCategory: { vocabulary: '/data#field-funding_source', label: (source: string) => source },
    },
  } as CarriedFields;

  it('reaches the item in JSON-LD, which makes the item a part of its article', () => {
    expect(itemJsonLd(records.site, extended, item, carried)).toMatchObject({ funding: 'The capital programme' });
    expect(decisionJsonLd(records.site, extended, undefined, undefined, carried).hasPart).toEqual([
      expect.objectContaining({ funding: 'The capital programme' }),
    ]);
    // Without the line, and with no register field, the item is not listed.
    expect(decisionJsonLd(records.site, extended).hasPart).toBeUndefined();
  });

  it('reaches the feed entry as a category of its own vocabulary', () => {
    expect(feedEntry(records, extended, carried).categories).toContainEqual({
      label: 'The capital programme',
      scheme: 'https://decisions.barnet.example/data#field-funding_source',
    });
    expect(feedEntry(records, extended).categories.map((c) => c.label)).not.toContain('The capital programme');
  });
});

function stripId(item: Decision['items'][number]): Record<string, unknown> {
  const { id: _id, ...rest } = item;
  return rest;
}
