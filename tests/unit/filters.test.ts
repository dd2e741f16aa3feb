/**
 * The one filter vocabulary (lib/filters/vocabulary.ts): parsing and its plain 400 messages, odd and
 * repeated values (fast-check), the normal order of a query, matching, and each data format's
 * filtering; the feed and data routes' answers (400, 308, 200, 304, CORS).
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { collectContent } from '../../lib/content/collect';
import { MAKER_KINDS, OUTCOMES, STAGES } from '../../lib/content/schemas';
import { readContentDir } from '../../lib/content/read-content-dir';
import type { ContentFile } from '../../lib/content/types';
import { csvFilename, dataRepresentation, decisionRecords, decisionsCsv, decisionsJson, decisionsJsonSchema } from '../../lib/data/export';
import { filterFromRequest } from '../../lib/filters/request';
import {
  FILTER_PARAMETERS,
  filterQuery,
  isFiltered,
  KEY_VALUES,
  NO_FILTER,
  parseFilter,
  vocabularyOf,
  writtenFilterQuery,
  type DecisionFilter,
} from '../../lib/filters/vocabulary';
import { decisionMatches, matchingDecisions } from '../../lib/filters/match';
import { feedRepresentation, siteFeed } from '../../lib/feeds/site-feeds';
import { buildIndexes } from '../../lib/records/indexes';
import { search } from '../../lib/search/paging';
import { searchEngineFor } from '../../lib/search/search-index';
import { knownFilters } from '../../lib/search/filters';
import { parseSearchRequest, searchFilterProblems, searchHref } from '../../lib/search/query';
import type { SiteRecords } from '../../lib/site';
import { contentFiles, decision, post, SITE, siteRecordsOf } from './helpers';
import { FIXTURE_CONTENT } from '../support/content';

const NOW = new Date('2011-12-01T12:00:00Z');

async function bundled(): Promise<SiteRecords> {
  return siteRecordsOf(collectContent(await readContentDir(FIXTURE_CONTENT)), new Date());
}

/** Four posts across dates, committees' items, stages, outcomes and topics, plus a draft. */
function fixture(): SiteRecords {
  const files: ContentFile[] = [
    post(
      {
        title: 'Two items',
        date: '2011-06-30',
        tags: ['one-barnet', 'outsourcing'],
        decisions: [
          {
            id: 'nscso-bc',
            subject: 'NSCSO business case',
            project: 'nscso',
            stage: 'business-case',
            outcome: 'approved',
            keyDecision: true,
            wards: ['Hendon'],
          },
          {
            id: 'fees',
            subject: 'Fees',
            stage: 'fees-and-charges',
            outcome: 'deferred',
            reference: 'CRC/1',
            callIn: { deadline: '2011-07-07', outcome: 'not-called-in' },
          },
        ],
        updates: [{ date: '2011-07-10', note: 'The meeting date was corrected.' }],
      },
      { name: '2011-06-30-two-items' },
    ),
    post(
      {
        title: 'DRS',
        date: '2011-03-30',
        tags: ['one-barnet'],
        decisions: [{ subject: 'DRS business case', project: 'drs', stage: 'business-case', outcome: 'approved' }],
      },
      { name: '2011-03-30-drs' },
    ),
    // Midnight on 1 January in London: the London date, never the UTC one, decides `from`/`to`.
    post(
      { title: 'New year', date: '2011-01-01', tags: ['fees'], decisions: [{ subject: 'Noted', stage: 'other', outcome: 'noted' }] },
      { name: '2011-01-01-new-year' },
    ),
    // 00:30 on 1 July London time is 23:30 on 30 June UTC.
    post(
      {
        title: 'Just after midnight',
        date: '2011-07-01T00:30',
        tags: [],
        decisions: [{ subject: 'NSCSO procurement', project: 'nscso', stage: 'procurement', outcome: 'agreed' }],
      },
      { name: '2011-07-01-after-midnight' },
    ),
    post({ title: 'A draft', date: '2011-05-01', draft: true }, { name: '2011-05-01-draft' }),
  ];
  return siteRecordsOf(collectContent(contentFiles(files)), NOW);
}

const records = fixture();
const vocabulary = vocabularyOf(records);
const parse = (query: string) => parseFilter(new URLSearchParams(query), vocabulary);
const filterOf = (query: string): DecisionFilter => {
  const result = parse(query);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.filter;
};
const slugsOf = (query: string) => matchingDecisions(records.indexes, filterOf(query)).map((d) => d.slug);

describe('parsing', () => {
  it('reads every parameter, repeatable ones as lists, in a normal order', () => {
    const result = parse(
      'to=2011-12-31&outcome=deferred&committee=cabinet-resources-committee&outcome=approved&from=2011-01-01&stage=business-case&tag=one-barnet&project=nscso',
    );
    expect(result).toEqual({
      ok: true,
      filter: {
        committee: ['cabinet-resources-committee'],
        project: ['nscso'],
        tag: ['one-barnet'],
        stage: ['business-case'],
        outcome: ['approved', 'deferred'],
        maker: [],
        from: '2011-01-01',
        to: '2011-12-31',
      },
      query:
        'committee=cabinet-resources-committee&project=nscso&tag=one-barnet&stage=business-case&outcome=approved&outcome=deferred&from=2011-01-01&to=2011-12-31',
    });
  });

  it('ignores q, page and any parameter outside the vocabulary, and empty values', () => {
    expect(parse('q=business&page=2&utm_source=x&year=2011&outcome=&committee=%20')).toEqual({ ok: true, filter: NO_FILTER, query: '' });
    expect(isFiltered(NO_FILTER)).toBe(false);
  });

  it('counts a repeated value once', () => {
    expect(parse('outcome=approved&outcome=approved&outcome=%20approved%20')).toMatchObject({ ok: true, query: 'outcome=approved' });
    expect(parse('from=2011-01-01&from=2011-01-01')).toMatchObject({ ok: true, query: 'from=2011-01-01' });
  });

  it('refuses an unknown value with a message naming the parameter and the values it accepts', () => {
    const result = parse('committee=nope&outcome=exploded&stage=Business-Case&tag=no-such-topic&project=..%2Fetc');
    expect(result.ok).toBe(false);
    const messages = result.ok ? [] : result.problems.map((p) => [p.parameter, p.message]);
    expect(messages).toEqual([
      ['committee', "committee: 'nope' is not a committee of this site. Accepted values: cabinet-resources-committee."],
      ['project', "project: '../etc' is not a project of this site. Accepted values: drs, nscso."],
      ['tag', "tag: 'no-such-topic' is not a topic of a published decision. Accepted values: fees, one-barnet, outsourcing."],
      ['stage', `stage: 'Business-Case' is not a stage. Accepted values: ${[...STAGES].sort().join(', ')}.`],
      ['outcome', `outcome: 'exploded' is not an outcome. Accepted values: ${[...OUTCOMES].sort().join(', ')}.`],
    ]);
  });

  it('refuses impossible dates, two different dates, and a range that ends before it starts', () => {
    const messages = (query: string) => {
      const result = parse(query);
      return result.ok ? [] : result.problems.map((p) => p.message);
    };
    expect(messages('from=2011-02-31')).toEqual(["from: '2011-02-31' is not a date. Accepted values: a London date written YYYY-MM-DD, such as 2011-06-30."]);
    expect(messages('to=30/06/2011')[0]).toMatch(/^to: '30\/06\/2011' is not a date/);
    expect(messages('from=2011-01-01&from=2011-02-01')).toEqual(["from: give one date, not 2 ('2011-01-01', '2011-02-01')."]);
    expect(messages('from=2011-07-01&to=2011-06-01')).toEqual(['from: 2011-07-01 is after to (2011-06-01): no day is in that range.']);
    expect(parse('from=2011-06-30&to=2011-06-30').ok).toBe(true);
  });

  it('a topic exists while a published post carries it: a draft’s topic is refused', () => {
    const withDraftTopic = siteRecordsOf(
      collectContent(
        contentFiles([
          post({ title: 'Published', date: '2011-06-01' }),
          post({ title: 'Draft', draft: true, tags: ['secret-plan'] }, { name: '2011-05-01-d' }),
        ]),
      ),
      NOW,
    );
    expect(parseFilter(new URLSearchParams('tag=secret-plan'), vocabularyOf(withDraftTopic)).ok).toBe(false);
  });

  const known = {
    committee: ['cabinet-resources-committee'],
    project: ['nscso', 'drs'],
    tag: ['one-barnet', 'outsourcing', 'fees'],
    stage: [...STAGES],
    outcome: [...OUTCOMES],
    maker: [...MAKER_KINDS],
    key: [...KEY_VALUES],
    from: ['2011-01-01', '2011-06-30'],
    to: ['2011-07-01', '2011-12-31'],
  } as const;
  const pair = fc.constantFrom(...FILTER_PARAMETERS).chain((name) => fc.tuple(fc.constant(name), fc.constantFrom(...known[name])));

  it('any order and any repetition of known values gives one normal query (fast-check)', () => {
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 12 }), fc.context(), (pairs, ctx) => {
        // One date per bound: repeat only list parameters freely.
        const dates = new Map<string, string>();
        const kept = pairs.filter(([name, value]) => {
          if (name !== 'from' && name !== 'to') return true;
          if (!dates.has(name)) dates.set(name, value);
          return dates.get(name) === value;
        });
        const forwards = new URLSearchParams(kept.map(([n, v]) => [n, v]));
        const doubled = new URLSearchParams([...kept, ...[...kept].reverse()].map(([n, v]) => [n, v]));
        const a = parseFilter(forwards, vocabulary);
        const b = parseFilter(doubled, vocabulary);
        ctx.log(forwards.toString());
        expect(a.ok).toBe(true);
        expect(b).toEqual(a);
        if (!a.ok) return;
        // The normal query reads back as the same filter, and is its own normal form.
        expect(parse(a.query)).toEqual(a);
        expect(writtenFilterQuery(`?${a.query}`)).toBe(a.query);
        for (const name of FILTER_PARAMETERS) {
          const values = new Set(kept.filter(([n]) => n === name).map(([, v]) => v));
          const got = a.filter[name];
          expect(new Set(got === undefined ? [] : [got].flat())).toEqual(values);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('odd values never throw: each is accepted as a known value or refused with a message that names its parameter (fast-check)', () => {
    const odd = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        '%',
        '%00',
        '..',
        '../',
        '\u0000',
        '😀',
        '__proto__',
        'constructor',
        'toString',
        ' approved',
        'APPROVED',
        '2011-6-30',
        '9999-99-99',
        'x'.repeat(5000),
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...FILTER_PARAMETERS), odd), { minLength: 1, maxLength: 6 }), (pairs) => {
        const result = parseFilter(new URLSearchParams(pairs), vocabulary);
        if (result.ok) {
          for (const name of FILTER_PARAMETERS)
            for (const value of [result.filter[name] ?? []].flat()) expect((known[name] as readonly string[]).includes(value)).toBe(true);
        } else {
          for (const problem of result.problems) {
            expect(problem.message.startsWith(`${problem.parameter}:`)).toBe(true);
            expect(problem.message.length).toBeLessThan(800);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('Next.js search params (strings, arrays, undefined) read the same as URLSearchParams', () => {
    expect(parseFilter({ outcome: ['deferred', 'approved', ''], committee: undefined, q: 'x' }, vocabulary)).toEqual(
      parse('outcome=approved&outcome=deferred'),
    );
  });
});

describe('matching', () => {
  it('a post matches when one item meets every item filter; values of one parameter are alternatives', () => {
    expect(slugsOf('outcome=approved')).toEqual(['2011-06-30-two-items', '2011-03-30-drs']);
    expect(slugsOf('outcome=approved&outcome=noted')).toEqual(['2011-06-30-two-items', '2011-03-30-drs', '2011-01-01-new-year']);
    expect(slugsOf('project=nscso')).toEqual(['2011-07-01-after-midnight', '2011-06-30-two-items']);
    // The same item must be nscso AND deferred: none is.
    expect(slugsOf('project=nscso&outcome=deferred')).toEqual([]);
    expect(slugsOf('stage=fees-and-charges&outcome=deferred')).toEqual(['2011-06-30-two-items']);
    expect(slugsOf('tag=outsourcing&tag=fees')).toEqual(['2011-06-30-two-items', '2011-01-01-new-year']);
    expect(slugsOf('tag=one-barnet&project=drs')).toEqual(['2011-03-30-drs']);
  });

  it('from and to are London dates, inclusive', () => {
    expect(slugsOf('from=2011-07-01')).toEqual(['2011-07-01-after-midnight']);
    expect(slugsOf('to=2011-06-30')).toEqual(['2011-06-30-two-items', '2011-03-30-drs', '2011-01-01-new-year']);
    expect(slugsOf('from=2011-01-01&to=2011-01-01')).toEqual(['2011-01-01-new-year']);
    expect(slugsOf('to=2010-12-31')).toEqual([]);
    expect(slugsOf('from=2011-03-30&to=2011-06-30&committee=cabinet-resources-committee')).toEqual(['2011-06-30-two-items', '2011-03-30-drs']);
  });

  it('the narrowing by indexes gives exactly what checking every post gives (fast-check)', () => {
    const known = [
      'committee=cabinet-resources-committee',
      'project=nscso',
      'project=drs',
      'tag=fees',
      'tag=one-barnet',
      'stage=business-case',
      'outcome=approved',
      'outcome=noted',
      'from=2011-03-30',
      'to=2011-06-30',
    ];
    fc.assert(
      fc.property(fc.subarray(known), (parts) => {
        const result = parse(parts.join('&'));
        if (!result.ok) return; // two different `from`s cannot happen here; nothing else fails
        const everyPost = records.indexes.all.filter((d) => decisionMatches(d, result.filter)).map((d) => d.slug);
        expect(matchingDecisions(records.indexes, result.filter).map((d) => d.slug)).toEqual(everyPost);
      }),
    );
  });

  it('never shows a draft', () => {
    expect(slugsOf('')).not.toContain('2011-05-01-draft');
    expect(slugsOf('from=2011-05-01&to=2011-05-01')).toEqual([]);
  });
});

const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
addFormats(ajv);
const validateData = ajv.compile(decisionsJsonSchema(SITE));

function csvRows(csv: string): Record<string, string>[] {
  const parsed = Papa.parse<Record<string, string>>(csv.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return parsed.data;
}

describe('filtered data', () => {
  it('JSON and CSV hold exactly the matching items, with permanent ids, and the JSON says which view it is', () => {
    const filter = filterOf('outcome=approved&outcome=deferred');
    const json = decisionsJson(records, filter);
    expect(validateData(json), JSON.stringify(validateData.errors)).toBe(true);
    expect(json.decisions.map((d) => d.id)).toEqual(['2011-06-30-two-items/nscso-bc', '2011-06-30-two-items/fees', '2011-03-30-drs/drs-business-case']);
    expect(json.count).toBe(3);
    expect(json.filter).toEqual({ query: 'outcome=approved&outcome=deferred', ...filter });
    const rows = csvRows(decisionsCsv(records, filter));
    expect(rows.map((r) => r.id)).toEqual(json.decisions.map((d) => d.id));
    expect(rows.map((r) => r.subject)).toEqual(json.decisions.map((d) => d.subject));
  });

  it('an item-level filter keeps only the items that match, not the whole post', () => {
    const json = decisionsJson(records, filterOf('stage=fees-and-charges'));
    expect(json.decisions.map((d) => d.id)).toEqual(['2011-06-30-two-items/fees']);
    // The item's number is still its position in the post.
    expect(json.decisions[0]!.item_number).toBe(2);
  });

  it('carries the register fields and the post’s corrections on London dates', () => {
    const [bc, fees] = decisionsJson(records, filterOf('tag=outsourcing')).decisions;
    expect(bc).toMatchObject({ key_decision: true, wards: ['Hendon'], reference: null, call_in_deadline: null, call_in_outcome: null });
    expect(fees).toMatchObject({ key_decision: null, reference: 'CRC/1', call_in_deadline: '2011-07-07', call_in_outcome: 'not-called-in', wards: [] });
    expect(bc!.updates).toEqual([{ date: '2011-07-10', note: 'The meeting date was corrected.' }]);
    const rows = csvRows(decisionsCsv(records, filterOf('tag=outsourcing')));
    expect(rows.map((r) => [r.key_decision, r.reference, r.call_in_deadline, r.call_in_outcome, r.wards, r.updates])).toEqual([
      ['true', '', '', '', 'Hendon', '2011-07-10: The meeting date was corrected.'],
      ['', 'CRC/1', '2011-07-07', 'not-called-in', '', '2011-07-10: The meeting date was corrected.'],
    ]);
  });

  it('an empty view is valid, with a header and no rows', () => {
    const filter = filterOf('to=2010-12-31');
    const json = decisionsJson(records, filter);
    expect(validateData(json)).toBe(true);
    expect(json.count).toBe(0);
    expect(csvRows(decisionsCsv(records, filter))).toEqual([]);
    expect(decisionsCsv(records, filter).startsWith('\uFEFFpost_slug,')).toBe(true);
  });

  it('the unfiltered files are unchanged by the filter code: every item, no filter field', () => {
    const json = decisionsJson(records);
    expect(json.filter).toBeUndefined();
    expect(json.count).toBe(5);
    expect(csvRows(decisionsCsv(records)).map((r) => r.id)).toEqual(json.decisions.map((d) => d.id));
  });

  it('is memoised per visible set and filter, with its own ETag and file name', () => {
    const a = dataRepresentation(records, 'csv', filterOf('outcome=approved'));
    expect(dataRepresentation(records, 'csv', filterOf('outcome=approved'))).toBe(a);
    expect(a.etag).not.toBe(dataRepresentation(records, 'csv').etag);
    expect(a.etag).not.toBe(dataRepresentation(records, 'csv', filterOf('outcome=noted')).etag);
    expect(a.headers?.['Content-Disposition']).toBe('attachment; filename="decisions-outcome-approved.csv"');
    expect(csvFilename(NO_FILTER)).toBe('decisions.csv');
  });

  it('the bundled content: every filtered JSON file validates, and CSV and JSON agree', async () => {
    const live = await bundled();
    const queries = [
      'outcome=approved',
      'stage=business-case',
      'project=nscso',
      'tag=adult-social-care',
      'from=2011-05-01',
      'to=2011-03-31',
      'outcome=considered&project=legal-partner',
    ];
    for (const query of queries) {
      const result = parseFilter(new URLSearchParams(query), vocabularyOf(live));
      expect(result.ok, query).toBe(true);
      if (!result.ok) continue;
      const json = decisionsJson(live, result.filter);
      expect(validateData(json), `${query}: ${JSON.stringify(validateData.errors)}`).toBe(true);
      expect(json.count, query).toBeGreaterThan(0);
      expect(csvRows(decisionsCsv(live, result.filter)).map((r) => r.id)).toEqual(json.decisions.map((d) => d.id));
      for (const record of json.decisions) expect(record.id.startsWith(`${record.post_slug}/`)).toBe(true);
    }
    expect(decisionsJson(live, filterOf('outcome=approved')).count).toBe(0 + decisionRecords(live).filter((r) => r.outcome === 'approved').length);
  });
});

describe('filtered feeds', () => {
  it('hold the posts with at least one matching item, link to the same view, and say it in the title', () => {
    const filter = filterOf('outcome=approved');
    const spec = siteFeed(records, filter);
    expect(spec.decisions.map((d) => d.slug)).toEqual(['2011-06-30-two-items', '2011-03-30-drs']);
    expect(spec.title).toBe('Decisions with the outcome approved – One Barnet decisions');
    for (const format of ['rss', 'atom', 'json'] as const) {
      const body = String(feedRepresentation(records, { kind: 'site' }, format, filter)!.body);
      expect(body).toContain(`${SITE.baseUrl}/search?outcome=approved`);
      expect(body).toContain(`${SITE.baseUrl}/${format === 'rss' ? 'feed.xml' : format === 'atom' ? 'atom.xml' : 'feed.json'}?outcome=approved`);
      expect(body).toContain('2011-03-30-drs');
      expect(body).not.toContain('2011-01-01-new-year');
      expect(body).not.toContain('2011-07-01-after-midnight');
    }
    const json = JSON.parse(String(feedRepresentation(records, { kind: 'site' }, 'json', filter)!.body)) as { items: { id: string }[]; feed_url: string };
    expect(json.items.map((i) => i.id)).toEqual(spec.decisions.map((d) => `${SITE.baseUrl}/decisions/${d.slug}`));
    expect(json.feed_url).toBe(`${SITE.baseUrl}/feed.json?outcome=approved`);
  });

  it('are memoised per filter, each with its own ETag; the unfiltered feed is the same as before', () => {
    const a = feedRepresentation(records, { kind: 'site' }, 'rss', filterOf('outcome=approved'))!;
    expect(feedRepresentation(records, { kind: 'site' }, 'rss', filterOf('outcome=approved'))).toBe(a);
    expect(a.etag).not.toBe(feedRepresentation(records, { kind: 'site' }, 'rss')!.etag);
    expect(feedRepresentation(records, { kind: 'site' }, 'rss', NO_FILTER)).toBe(feedRepresentation(records, { kind: 'site' }, 'rss'));
  });

  it('keep the entry limit', () => {
    const many = buildIndexes(
      Array.from({ length: 80 }, (_, i) => decision({ slug: `p-${String(80 - i).padStart(3, '0')}`, published: new Date(Date.UTC(2011, 0, 80 - i)) })),
    );
    const big = { ...records, indexes: many } as SiteRecords;
    expect(siteFeed(big, filterOf('committee=cabinet-resources-committee')).decisions).toHaveLength(50);
  });
});

describe('the routes’ answers', () => {
  const request = (query: string, headers: Record<string, string> = {}) => new Request(`https://decisions.barnet.example/feed.xml${query}`, { headers });

  it('a normal query passes; another spelling of it is sent to the normal one (308), dropping other parameters', () => {
    const ok = filterFromRequest(request('?committee=cabinet-resources-committee&outcome=approved'), vocabulary);
    expect(ok).toMatchObject({ ok: true, query: 'committee=cabinet-resources-committee&outcome=approved' });
    expect(filterFromRequest(request('?utm_source=x'), vocabulary)).toMatchObject({ ok: true, query: '' });
    for (const odd of [
      '?outcome=approved&committee=cabinet-resources-committee',
      '?committee=cabinet-resources-committee&outcome=approved&outcome=approved',
      '?committee=cabinet-resources-committee&outcome=%61pproved',
      '?outcome=&committee=cabinet-resources-committee&outcome=approved&n=1',
    ]) {
      const answer = filterFromRequest(request(odd), vocabulary);
      expect(answer.ok, odd).toBe(false);
      if (answer.ok) continue;
      expect(answer.response.status).toBe(308);
      expect(answer.response.headers.get('location')).toBe('/feed.xml?committee=cabinet-resources-committee&outcome=approved');
      expect(answer.response.headers.get('access-control-allow-origin')).toBe('*');
    }
  });

  it('an unknown value is a plain-text 400 that no cache keeps', async () => {
    const answer = filterFromRequest(request('?outcome=exploded'), vocabulary);
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.response.status).toBe(400);
    expect(answer.response.headers.get('cache-control')).toBe('no-store');
    expect(answer.response.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await answer.response.text()).toContain("outcome: 'exploded' is not an outcome. Accepted values: accepted, agreed, approved");
  });

  it('the filter query written in a request is read as written', () => {
    expect(writtenFilterQuery('?q=x&committee=a&n=1&outcome=b')).toBe('committee=a&outcome=b');
    expect(writtenFilterQuery('')).toBe('');
    expect(filterQuery(filterOf('outcome=noted&outcome=approved'))).toBe('outcome=approved&outcome=noted');
  });
});

describe('the search page reads the same vocabulary', () => {
  const known = knownFilters(records);

  it('browsing by filters lists exactly the posts the feed and the data hold', () => {
    for (const query of [
      'outcome=approved&outcome=noted',
      'tag=fees&tag=outsourcing',
      'stage=procurement',
      'from=2011-03-30&to=2011-06-30',
      'project=nscso&outcome=agreed',
    ]) {
      const raw = Object.fromEntries([...new URLSearchParams(query).keys()].map((k) => [k, new URLSearchParams(query).getAll(k)]));
      const request = parseSearchRequest(raw, known);
      expect(request.filter, query).toEqual(filterOf(query));
      const hits = search(searchEngineFor(records), request, 100).hits.map((h) => h.href.replace('/decisions/', ''));
      expect(hits, query).toEqual(slugsOf(query));
      expect(searchHref(request)).toBe(`/search?${filterQuery(filterOf(query))}`);
    }
  });

  it('leaves out values that do not exist, keeps the rest, and says what it left out', () => {
    const raw = { outcome: ['approved', 'exploded'], committee: 'nope', q: 'business' };
    expect(parseSearchRequest(raw, known)).toEqual({ q: 'business', filter: { ...NO_FILTER, outcome: ['approved'] }, page: 1 });
    expect(searchFilterProblems(raw, known).map((p) => p.parameter)).toEqual(['committee', 'outcome']);
    expect(searchFilterProblems({ q: 'x' }, known)).toEqual([]);
  });
});
