/**
 * Everywhere the decision record goes: the open data (JSON, CSV, its JSON Schema), JSON-LD, the
 * feeds' summaries, search and alert emails, over the fixture post that gives every field
 * (tests/fixtures/content/decisions/2011-07-21-library-self-service-kiosks-contract-awarded.md).
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeEmail } from '../../lib/alerts/email';
import { snapshotsFor } from '../../lib/alerts/snapshots';
import { collectContent } from '../../lib/content/collect';
import { readContentDir } from '../../lib/content/read-content-dir';
import { DATA_FIELDS, decisionsCsv, decisionsJson, decisionsJsonSchema } from '../../lib/data/export';
import { feedEntry } from '../../lib/feeds/build';
import { search } from '../../lib/search/paging';
import { searchEngineFor } from '../../lib/search/search-index';
import { decisionJsonLd } from '../../lib/seo/structured-data';
import type { SiteRecords } from '../../lib/site';
import { FIXTURE_CONTENT } from '../support/content';
import { siteRecordsOf } from './helpers';

const SLUG = '2011-07-21-library-self-service-kiosks-contract-awarded';
const KIOSKS = `${SLUG}/library-kiosks-contract`;
const SALE = `${SLUG}/counter-equipment-sale`;
let records: SiteRecords;

beforeAll(async () => {
  records = siteRecordsOf(collectContent(await readContentDir(FIXTURE_CONTENT)), new Date('2026-01-01T00:00:00Z'));
});

const post = () => records.indexes.bySlug.get(SLUG)!;

describe('the open data', () => {
  it('gives the record as columns: the money as a number with its kind, the supplier, the reasons, the groups flattened', () => {
    const rows = decisionsJson(records).decisions;
    const kiosks = rows.find((r) => r.id === KIOSKS)!;
    expect(kiosks).toMatchObject({
      reasons: 'The winning bid gave the **best value for money** of the three bids, and keeps every library open for the same hours.',
      alternatives: [
        'Keep staffed counters only: rejected, as it would not meet the savings target.',
        "Delay the award by a year: rejected, as the current equipment's support ends in March 2012.",
      ],
      urgency: 'general-exception',
      notice_date: '2011-07-08',
      value_amount: 1250000,
      value_kind: 'spend',
      value_period: 'over five years',
      supplier: 'Example Library Systems Ltd',
      contract_reference: 'LIB-2011-007',
      contract_url: 'https://www.contractsfinder.service.gov.uk/Notice/00000000-0000-0000-0000-000000000021',
      contract_ocid: 'ocds-b5fd17-0000021',
      exempt_paragraph: null,
      exempt_note: null,
    });
    expect(kiosks.interests).toEqual([
      {
        member: 'Councillor Ada Example',
        interest: 'A relative works for one of the bidders.',
        dispensation: 'The standards officer allowed her to speak but not to vote.',
      },
      { member: 'Councillor Ben Example', interest: "He is a trustee of a library friends' group." },
    ]);
    expect(rows.find((r) => r.id === SALE)).toMatchObject({
      exempt_paragraph: 3,
      exempt_note: 'The prices offered by the buyers.',
      value_amount: 1250.5,
      value_kind: 'income',
      value_period: null,
    });
    // A post of the seeds, which gives no record, has every record column null.
    const hendon = rows.find((r) => r.post_slug === '2011-03-03-last-night-in-hendon')!;
    for (const column of ['reasons', 'value_amount', 'value_kind', 'supplier', 'contract_url', 'exempt_paragraph', 'interests'])
      expect(hendon[column]).toBeNull();
  });

  it('gives them in the CSV: the amount a plain number, the interests as field: value pairs', () => {
    const [header, ...rows] = Papa.parse<string[]>(decisionsCsv(records).replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
    expect(header).toEqual(DATA_FIELDS.map((f) => f.name));
    const cell = (row: string[], column: string) => row[header!.indexOf(column)];
    const kiosks = rows.find((r) => cell(r, 'id') === KIOSKS)!;
    expect(cell(kiosks, 'value_amount')).toBe('1250000');
    expect(cell(kiosks, 'value_kind')).toBe('spend');
    expect(cell(kiosks, 'supplier')).toBe('Example Library Systems Ltd');
    expect(cell(kiosks, 'interests')).toBe(
      "member: Councillor Ada Example, interest: A relative works for one of the bidders., dispensation: The standards officer allowed her to speak but not to vote.; member: Councillor Ben Example, interest: He is a trustee of a library friends' group.",
    );
    expect(
      cell(
        rows.find((r) => cell(r, 'id') === SALE)!,
        'value_amount',
      ),
    ).toBe('1250.5');
  });

  it('is described by its JSON Schema, which refuses an amount written as text', () => {
    const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
    addFormats(ajv);
    const schema = decisionsJsonSchema(records.site) as { $defs: { decision: { properties: Record<string, { description: string }> } } };
    expect(schema.$defs.decision.properties.value_amount!.description).toContain('the amount in pounds');
    const validate = ajv.compile(schema);
    const file = decisionsJson(records);
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    const withText = { ...file, decisions: file.decisions.map((d) => (d.id === KIOSKS ? { ...d, value_amount: '£1,250,000' } : d)) };
    expect(validate(withText)).toBe(false);
  });

  it('names every new column on the data page, with its type', () => {
    const byName = new Map(DATA_FIELDS.map((f) => [f.name, f]));
    expect(byName.get('value_amount')).toMatchObject({ type: 'A number, or empty' });
    expect(byName.get('value_kind')).toMatchObject({ type: 'One of: spend, saving, income, or empty' });
    expect(byName.get('contract_url')).toMatchObject({ type: 'Web address, or empty' });
    expect(byName.get('notice_date')).toMatchObject({ type: 'Date (YYYY-MM-DD), or empty' });
    for (const name of [
      'reasons',
      'alternatives',
      'interests',
      'exempt_paragraph',
      'exempt_note',
      'urgency',
      'value_period',
      'supplier',
      'contract_reference',
      'contract_ocid',
    ])
      expect(byName.has(name), name).toBe(true);
  });
});

describe('JSON-LD', () => {
  it('gives the money as a MonetaryAmount in pounds, the supplier as an Organization, and the exempt part as a condition of access', () => {
    const article = decisionJsonLd(records.site, post(), records.committees.get(post().committee)) as { hasPart: Array<Record<string, unknown>> };
    const [kiosks, sale] = article.hasPart;
    expect(kiosks!.mentions).toEqual([
      { '@type': 'MonetaryAmount', currency: 'GBP', value: 1250000, name: '£1,250,000 spend over five years' },
      { '@type': 'Organization', name: 'Example Library Systems Ltd' },
    ]);
    expect(kiosks!.citation).toBe('https://www.contractsfinder.service.gov.uk/Notice/00000000-0000-0000-0000-000000000021');
    expect(kiosks!.description).toContain('Money: £1,250,000 spend over five years.');
    expect(sale!.conditionsOfAccess).toContain('paragraph 3 of Part 1 of Schedule 12A');
    expect(sale!.mentions).toEqual([{ '@type': 'MonetaryAmount', currency: 'GBP', value: 1250.5, name: '£1,250.50 income' }]);
  });
});

describe('feeds, search and alert emails', () => {
  it("a feed entry's summary names each item's money and supplier", () => {
    const entry = feedEntry(records, post());
    expect(entry.summary).toBe(
      `${post().summary} Decided by Cabinet Resources Committee at its meeting on 20 July 2011. Award of the library self-service kiosks contract: £1,250,000 spend over five years; supplier: Example Library Systems Ltd. Sale of the libraries' old counter equipment: £1,250.50 income.`,
    );
    const plain = feedEntry(records, records.indexes.bySlug.get('2011-03-03-last-night-in-hendon')!);
    // A post without money: its summary and who decided, nothing more.
    expect(plain.summary).toBe(
      `${records.indexes.bySlug.get('2011-03-03-last-night-in-hendon')!.summary} Decided by Cabinet Resources Committee at its meeting on 2 March 2011.`,
    );
  });

  it('search finds a post by words only in its reasons, its alternatives or its supplier', () => {
    const engine = searchEngineFor(records);
    // None of these words is in the post's title, summary, subjects or body.
    for (const words of ['same hours', 'savings target', 'Example Library Systems']) {
      expect(`${post().title} ${post().summary} ${post().body}`).not.toContain(words);
      expect(
        search(engine, { q: words, page: 1 }).hits.map((h) => h.id),
        words,
      ).toContain(`decision:${SLUG}`);
    }
  });

  it("an alert email gives each item's money after its outcome", () => {
    const { snapshot } = snapshotsFor([post()], records.committees).find((s) => s.key === '')!;
    expect(snapshot.items[0]).toEqual({
      subject: 'Award of the library self-service kiosks contract',
      outcome: 'awarded',
      money: '£1,250,000 spend over five years; supplier: Example Library Systems Ltd',
    });
    const email = composeEmail(
      { id: 1, kind: 'alert', attempts: 0, email: 'a@example.test', subscriberId: 1, frequency: 'immediate', alerts: [snapshot], subscriptionIds: [1] },
      {
        baseUrl: 'https://decisions.barnet.example',
        siteTitle: 'One Barnet decisions',
        councilName: 'London Borough of Barnet',
        secret: 'x'.repeat(32),
        installId: '0123456789abcdef',
        now: new Date('2011-07-21T10:00:00Z'),
        describe: () => 'every decision',
      },
    );
    expect(email.text).toContain(
      '- Award of the library self-service kiosks contract: Awarded (£1,250,000 spend over five years; supplier: Example Library Systems Ltd)',
    );
    expect(email.text).toContain("- Sale of the libraries' old counter equipment: Agreed (£1,250.50 income)");
    expect(email.html).toContain('(£1,250.50 income)');
  });
});
