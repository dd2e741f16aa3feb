/**
 * The open data's named columns, the feed categories and the JSON-LD item properties now come
 * from tables that name the content schema's fields (lib/data/fields.ts,
 * lib/records/carried-fields.ts). The outputs must be what they were: each is compared here with
 * the hand-written code it replaced (copied below as it stood, commit 6b4270f), over the fixture
 * content and a post that gives every register field.
 */
import { describe, expect, it } from 'vitest';
import { collectContent } from '../../lib/content/collect';
import { readContentDir } from '../../lib/content/read-content-dir';
import type { Decision, DecisionItem } from '../../lib/content/types';
import { londonIsoDate, londonIsoDateTime } from '../../lib/dates';
import { csvCell, DATA_FIELDS, decisionRecords, decisionsJsonSchema } from '../../lib/data/export';
import { feedEntry } from '../../lib/feeds/build';
import { cleanLabel, cleanText } from '../../lib/feeds/text';
import { outcomeLabels, stageLabels, topicName } from '../../lib/records/labels';
import { recordFacts } from '../../lib/records/decision-record';
import { registerFacts } from '../../lib/records/register';
import { decisionJsonLd, itemJsonLd } from '../../lib/seo/structured-data';
import type { SiteRecords } from '../../lib/site';
import { absoluteUrl, paths } from '../../lib/urls';
import { FIXTURE_CONTENT } from '../support/content';
import { contentFiles, post, siteRecordsOf } from './helpers';

const NOW = new Date('2026-01-01T00:00:00Z');

const registerPost = post(
  {
    title: 'A post with every register field',
    author: 'Cllr Example',
    decisions: [
      {
        id: 'first',
        subject: '=Sum of things, "quoted"',
        project: 'nscso',
        stage: 'business-case',
        outcome: 'approved',
        keyDecision: true,
        reference: 'CRC/2011/14',
        callIn: { deadline: '2011-07-06', outcome: 'not-called-in' },
        wards: ['Hendon', 'Mill Hill'],
        documents: [{ title: 'Report', url: 'https://example.org/report' }],
      },
      { subject: 'Second item', stage: 'policy', outcome: 'considered', keyDecision: false, callIn: { deadline: '2011-07-07' } },
      { subject: 'Third item', stage: 'other', outcome: 'noted', wards: [] },
    ],
    updates: [{ date: '2011-07-10', note: 'The meeting date was corrected.' }],
  },
  { name: '2011-06-30-every-register-field' },
);

const sets = async (): Promise<[string, SiteRecords][]> => [
  ['the fixture content', siteRecordsOf(collectContent(await readContentDir(FIXTURE_CONTENT, 'tests/fixtures/content')), NOW)],
  ['a post with every register field', siteRecordsOf(collectContent(contentFiles([registerPost])), NOW)],
];

/** The record's named columns as lib/data/export.ts wrote them by hand. */
function recordsBefore(records: SiteRecords, decision: Decision) {
  const postUrl = absoluteUrl(records.site.baseUrl, paths.decision(decision.slug));
  const committeeName = records.committees.get(decision.committee)?.name ?? decision.committee;
  const updates = decision.updates.map((u) => ({ date: londonIsoDate(u.date), note: cleanText(u.note) }));
  return decision.items.map((item: DecisionItem, index) => ({
    post_slug: decision.slug,
    post_url: postUrl,
    post_title: cleanText(decision.title),
    item_number: index + 1,
    committee_slug: decision.committee,
    committee_name: cleanText(committeeName),
    meeting_date: decision.meeting ?? null,
    project_slug: item.project ?? null,
    project_name: item.project ? cleanText(records.projects.get(item.project)?.name ?? item.project) : null,
    subject: cleanText(item.subject),
    stage: item.stage,
    outcome: item.outcome,
    documents: item.documents.map((d) => ({ title: cleanText(d.title), url: d.url })),
    published: londonIsoDateTime(decision.published),
    updated: londonIsoDateTime(decision.updated),
    id: `${decision.slug}/${item.id}`,
    key_decision: item.keyDecision ?? null,
    reference: item.reference === undefined ? null : cleanText(item.reference),
    call_in_deadline: item.callIn?.deadline ?? null,
    call_in_outcome: item.callIn?.outcome ?? null,
    wards: (item.wards ?? []).map(cleanText),
    updates,
  }));
}

/** The feed categories as lib/feeds/build.ts listed them by hand. */
function categoriesBefore(records: SiteRecords, decision: Decision) {
  const scheme = (path: string) => absoluteUrl(records.site.baseUrl, path);
  const categories: { label: string; scheme: string }[] = [];
  const add = (label: string, vocabulary: string) => {
    const clean = cleanLabel(label);
    if (clean && !categories.some((c) => c.label === clean && c.scheme === vocabulary)) categories.push({ label: clean, scheme: vocabulary });
  };
  add(records.committees.get(decision.committee)?.name ?? decision.committee, scheme(paths.committees()));
  for (const item of decision.items) if (item.project) add(records.projects.get(item.project)?.name ?? item.project, scheme(paths.projects()));
  for (const item of decision.items) add(stageLabels[item.stage], scheme(`${paths.data()}#field-stage`));
  for (const item of decision.items) add(outcomeLabels[item.outcome], scheme(`${paths.data()}#field-outcome`));
  for (const tag of decision.tags) add(topicName(tag, records.glossary), scheme(`${paths.feeds()}#topics`));
  return categories;
}

/** An item's JSON-LD as lib/seo/structured-data.ts wrote it by hand. */
function itemJsonLdBefore(records: SiteRecords, decision: Decision, item: DecisionItem) {
  const facts = registerFacts(item);
  const part: Record<string, unknown> = {
    '@type': 'CreativeWork',
    '@id': absoluteUrl(records.site.baseUrl, paths.decisionItem(decision.slug, item.id)),
    name: item.subject,
  };
  if (item.reference) part.identifier = item.reference;
  if (item.wards && item.wards.length > 0) part.spatialCoverage = item.wards.map((ward) => ({ '@type': 'Place', name: ward }));
  if (facts.length > 0) part.description = facts.map((fact) => `${fact.label}: ${fact.value}.`).join(' ');
  return part;
}

describe('outputs derived from the schemas are what the hand-written code gave', () => {
  it('the named columns keep their names and order', () => {
    expect(DATA_FIELDS.slice(0, 22).map((f) => f.name)).toEqual([
      ...['post_slug', 'post_url', 'post_title', 'item_number', 'committee_slug', 'committee_name', 'meeting_date', 'project_slug', 'project_name'],
      ...['subject', 'stage', 'outcome', 'documents', 'published', 'updated', 'id', 'key_decision', 'reference', 'call_in_deadline', 'call_in_outcome'],
      ...['wards', 'updates'],
    ]);
  });

  it('each record starts with the named columns, as JSON byte for byte, and their CSV cells are the same', async () => {
    for (const [what, records] of await sets()) {
      const rows = decisionRecords(records);
      const before = records.indexes.all.flatMap((decision) => recordsBefore(records, decision));
      expect(rows.length, what).toBe(before.length);
      expect(rows.length, what).toBeGreaterThan(0);
      rows.forEach((row, index) => {
        const old = before[index]!;
        const named = Object.fromEntries(
          Object.keys(row)
            .slice(0, Object.keys(old).length)
            .map((key) => [key, row[key]]),
        );
        expect(JSON.stringify(named, null, 2), `${what}: ${row.id}`).toBe(JSON.stringify(old, null, 2));
        for (const key of Object.keys(old)) expect(csvCell(row, key), `${what}: ${row.id} ${key}`).toBe(csvCell(old as never, key));
      });
    }
  });

  it('the named columns take their description from the content schema where it is for readers too', () => {
    const field = (name: string) => DATA_FIELDS.find((f) => f.name === name)!;
    expect(field('subject')).toMatchObject({ type: 'Text', description: 'What was decided on, e.g. "Adults In-House Services business case".' });
    expect(field('reference')).toMatchObject({
      type: 'Text, or empty',
      description: "The council's own reference for the decision, where the post gives one.",
    });
    expect(field('stage').description).toMatch(/^Where in the decision process it stands\. The site shows these as: /);
    expect(field('documents').description).toMatch(/^Papers for this item\. /);
    // The JSON Schema's constraints are the content schema's.
    const schema = decisionsJsonSchema({ baseUrl: 'https://example.org', siteTitle: 'Test' }) as {
      $defs: { decision: { properties: Record<string, Record<string, unknown>> } };
    };
    expect(schema.$defs.decision.properties.subject).toMatchObject({ type: 'string', minLength: 1, maxLength: 300 });
    expect(schema.$defs.decision.properties.call_in_outcome).toMatchObject({ type: ['string', 'null'], enum: ['called-in', 'not-called-in', null] });
  });

  it('the feed categories are the same, in the same order', async () => {
    for (const [what, records] of await sets())
      for (const decision of records.indexes.all)
        expect(feedEntry(records, decision).categories, `${what}: ${decision.slug}`).toEqual(categoriesBefore(records, decision));
  });

  it('the JSON-LD of each item is the same, key for key', async () => {
    let parts = 0;
    for (const [what, records] of await sets())
      for (const decision of records.indexes.all) {
        // Items that carry the decision record (reasons, money, supplier…: issue 24) say more
        // than the hand-written code could; decision-record-everywhere.test.ts covers them.
        for (const item of decision.items.filter((i) => recordFacts(i).length === 0))
          expect(JSON.stringify(itemJsonLd(records.site, decision, item)), `${what}: ${item.id}`).toBe(
            JSON.stringify(itemJsonLdBefore(records, decision, item)),
          );
        const article = decisionJsonLd(records.site, decision);
        const hadParts = decision.items.some((item) => registerFacts(item).length > 0 || recordFacts(item).length > 0);
        expect('hasPart' in article, `${what}: ${decision.slug}`).toBe(hadParts);
        if (hadParts) parts += 1;
      }
    expect(parts).toBeGreaterThan(0);
  });
});
