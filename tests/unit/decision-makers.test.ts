/**
 * Decision makers of every kind (a committee file's `kind`): the schema and its plain-English
 * problems, the warning for a meeting of a body that does not meet, no meeting anywhere for an
 * officer's or a cabinet member's decision, the words "Decided by …", the grouping of
 * /committees, and the `maker` and `key` filters on the search, the feeds and the data (with
 * fast-check over repeated and odd values, as tests/unit/filters.test.ts does for the others).
 */
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { formatReport } from '../../lib/content/check';
import { collectContent } from '../../lib/content/collect';
import { committeeSchema, MAKER_KINDS } from '../../lib/content/schemas';
import { checkContentDir } from '../../lib/content/check';
import { composeEmail } from '../../lib/alerts/email';
import type { AlertSnapshot } from '../../lib/alerts/types';
import { dataFieldsOf, decisionsCsv, decisionsJson, decisionsJsonSchema } from '../../lib/data/export';
import { entrySummary } from '../../lib/feeds/build';
import { feedRepresentation, siteFeed } from '../../lib/feeds/site-feeds';
import { filterFromRequest } from '../../lib/filters/request';
import { filterQuery, KEY_VALUES, NO_FILTER, parseFilter, vocabularyOf, writtenFilterQuery } from '../../lib/filters/vocabulary';
import { matchingDecisions } from '../../lib/filters/match';
import { calendarRepresentation } from '../../lib/meetings/respond';
import { meetingsOf } from '../../lib/meetings';
import { decidedBy, everyKindOrdered, makersByKind, makerMeets } from '../../lib/records/makers';
import { search } from '../../lib/search/paging';
import { searchEngineFor } from '../../lib/search/search-index';
import { knownFilters, searchFilterOptions } from '../../lib/search/filters';
import { parseSearchRequest, searchFilterProblems } from '../../lib/search/query';
import { decisionJsonLd } from '../../lib/seo/structured-data';
import { snapshotsFor } from '../../lib/alerts/snapshots';
import { readContentDir } from '../../lib/content/read-content-dir';
import { contentFiles, post, SITE, siteRecordsOf, textFile } from './helpers';
import { FIXTURE_CONTENT } from '../support/content';

const NOW = new Date('2011-12-01T12:00:00Z');

/** One alert's email, as the sender writes it. */
const emailForAlert = (snapshot: AlertSnapshot) =>
  composeEmail(
    { id: 1, kind: 'alert', attempts: 0, email: 'a@example.test', subscriberId: 1, frequency: 'immediate', alerts: [snapshot], subscriptionIds: [1] },
    {
      baseUrl: SITE.baseUrl,
      siteTitle: SITE.siteTitle,
      councilName: SITE.councilName,
      secret: 'x'.repeat(32),
      installId: '0123456789abcdef',
      now: NOW,
      describe: () => 'every decision',
    },
  );

const body = (slug: string, name: string, kind?: string) =>
  textFile(
    `content/committees/${slug}.md`,
    ['---', `name: "${name}"`, ...(kind ? [`kind: ${kind}`] : []), `summary: "What the ${name} does."`, '---', '', `The ${name} takes decisions.`, ''].join(
      '\n',
    ),
  );

const BODIES = [
  body('cabinet-resources-committee', 'Cabinet Resources Committee'),
  body('cabinet', 'Cabinet', 'executive'),
  body('council', 'Council', 'full-council'),
  body('director-of-commercial-services', 'Director of Commercial Services', 'officer'),
  body('cabinet-member-for-resources', 'Cabinet Member for Resources', 'cabinet-member'),
];

const files = (decisions = POSTS, extra = {}) => contentFiles(decisions, { committees: BODIES, ...extra });

const POSTS = [
  post(
    {
      title: 'A committee decision',
      date: '2011-06-30',
      decisions: [
        { id: 'bc', subject: 'NSCSO business case', project: 'nscso', stage: 'business-case', outcome: 'approved', keyDecision: true },
        { id: 'fees', subject: 'Fees', stage: 'fees-and-charges', outcome: 'agreed' },
      ],
    },
    { name: '2011-06-30-committee' },
  ),
  post(
    {
      title: 'An officer decision',
      date: '2011-05-10',
      committee: 'director-of-commercial-services',
      meeting: undefined,
      decisions: [{ id: 'print', subject: 'Printing contract', stage: 'contract-award', outcome: 'awarded', keyDecision: true }],
    },
    { name: '2011-05-10-officer' },
  ),
  post(
    {
      title: 'A cabinet member decision',
      date: '2011-04-10',
      committee: 'cabinet-member-for-resources',
      meeting: undefined,
      decisions: [{ id: 'hire', subject: 'Room hire fees', stage: 'fees-and-charges', outcome: 'agreed', keyDecision: false }],
    },
    { name: '2011-04-10-cabinet-member' },
  ),
  post({ title: 'A Cabinet decision', date: '2011-03-10', committee: 'cabinet', meeting: '2011-03-09' }, { name: '2011-03-10-cabinet' }),
];

const content = collectContent(files());
const records = siteRecordsOf(content, NOW);
const vocabulary = vocabularyOf(records);
const filterOf = (query: string) => {
  const result = parseFilter(new URLSearchParams(query), vocabulary);
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.filter;
};
const slugsOf = (query: string) => matchingDecisions(records.indexes, filterOf(query)).map((d) => d.slug);

describe('the kind of a decision maker', () => {
  it('is defined once, in the committee schema, with a description and committee as the default', () => {
    const kind = committeeSchema.shape.kind;
    expect(kind.description).toMatch(/officer \(a post holder acting under delegated powers/);
    expect(committeeSchema.parse({ name: 'X', summary: 'Y' }).kind).toBe('committee');
    for (const k of MAKER_KINDS) expect(committeeSchema.parse({ name: 'X', summary: 'Y', kind: k }).kind).toBe(k);
    expect(content.problems).toEqual([]);
    expect(content.committees.get('director-of-commercial-services')!.kind).toBe('officer');
  });

  it('a misspelt kind is an error with a did-you-mean, on its line', () => {
    const set = collectContent(files([POSTS[0]!], { committees: [...BODIES.slice(0, 3), body('director-of-commercial-services', 'Director', 'oficer')] }));
    const problem = set.problems.find((p) => p.file === 'content/committees/director-of-commercial-services.md');
    expect(problem).toMatchObject({ field: 'kind', severity: 'error', line: 3 });
    expect(problem!.message).toBe(
      "'oficer' is not an allowed value; did you mean 'officer'? Allowed: committee, executive, cabinet-member, officer, full-council.",
    );
    const spaced = collectContent(files([POSTS[0]!], { committees: [...BODIES.slice(0, 3), body('x', 'X', '"Cabinet Member"')] }));
    expect(spaced.problems.find((p) => p.field === 'kind')!.message).toContain("did you mean 'cabinet-member'?");
  });

  it('a meeting on an officer’s or a cabinet member’s post is a warning, not an error, and the record drops it', () => {
    const officer = post(
      { title: 'Officer with a meeting', date: '2011-05-10', committee: 'director-of-commercial-services', meeting: '2011-05-09' },
      { name: '2011-05-10-officer-meeting' },
    );
    const member = post(
      { title: 'Member with a meeting', date: '2011-05-11', committee: 'cabinet-member-for-resources', meeting: '2011-05-09' },
      { name: '2011-05-11-member-meeting' },
    );
    const set = collectContent(files([officer, member]));
    expect(set.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const warnings = set.problems.filter((p) => p.severity === 'warning');
    expect(warnings.map((p) => [p.file, p.field, p.line])).toEqual([
      ['content/decisions/2011-05-10-officer-meeting.md', 'meeting', 6],
      ['content/decisions/2011-05-11-member-meeting.md', 'meeting', 6],
    ]);
    expect(warnings[0]!.message).toMatch(/^Officers do not meet: remove meeting\. The Director of Commercial Services decides alone/);
    expect(warnings[1]!.message).toMatch(/^Cabinet members do not meet: remove meeting\./);
    // Both posts are published, without a meeting, so none is derived.
    expect(set.decisions.map((d) => [d.slug, d.meeting, d.makerKind])).toEqual([
      ['2011-05-11-member-meeting', undefined, 'cabinet-member'],
      ['2011-05-10-officer-meeting', undefined, 'officer'],
    ]);
    expect(meetingsOf(siteRecordsOf(set, NOW)).all).toEqual([]);
  });

  it('content:check prints the warning and still passes (exit 0 means no errors)', async () => {
    const { mkdtempSync, cpSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dir = mkdtempSync(path.join(tmpdir(), 'makers-'));
    try {
      cpSync(FIXTURE_CONTENT, dir, { recursive: true });
      const file = path.join(dir, 'decisions', '2010-11-15-fixture-officer-decision-on-printing-contract.md');
      const { readFileSync } = await import('node:fs');
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace('committee: director-of-commercial-services', 'committee: director-of-commercial-services\nmeeting: 2010-11-14'),
      );
      const report = await checkContentDir(dir, 'content', { now: NOW });
      expect(report.errors).toBe(0);
      expect(report.warnings).toBe(1);
      expect(formatReport(report)).toContain('meeting: warning: Officers do not meet: remove meeting.');
      expect(formatReport(report)).toMatch(/Content is valid: .*; 1 warning to look at\.$/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a meeting file for a body that does not meet is a warning, and makes no meeting', () => {
    const meeting = textFile(
      'content/meetings/2011-07-01-director-of-commercial-services.md',
      '---\ncommittee: director-of-commercial-services\ndate: 2011-07-01\n---\n',
    );
    const set = collectContent(files(POSTS, { meetings: [meeting] }));
    expect(set.problems).toMatchObject([{ field: 'committee', severity: 'warning', line: 2 }]);
    expect(set.meetings.size).toBe(0);
  });

  it('an officer or cabinet member decision has no meeting anywhere: not derived, no calendar', () => {
    const meetings = meetingsOf(records);
    expect(meetings.all.map((m) => m.committee).sort()).toEqual(['cabinet', 'cabinet-resources-committee']);
    expect(meetings.byDecision.has('2011-05-10-officer')).toBe(false);
    expect(calendarRepresentation(records, { kind: 'committee', slug: 'director-of-commercial-services' })).toBeUndefined();
    expect(calendarRepresentation(records, { kind: 'committee', slug: 'cabinet-member-for-resources' })).toBeUndefined();
    expect(calendarRepresentation(records, { kind: 'committee', slug: 'cabinet' })).toBeDefined();
    expect(String(calendarRepresentation(records, { kind: 'site' })!.body)).not.toContain('Director of Commercial Services');
    expect(makerMeets('officer')).toBe(false);
    expect(makerMeets('cabinet-member')).toBe(false);
    expect(makerMeets(undefined)).toBe(true);
  });
});

describe('who decided, in words', () => {
  const named = (slug: string) => records.committees.get(slug)!;

  it('says it by kind, and a meeting only of a body that meets', () => {
    expect(decidedBy(named('director-of-commercial-services'))).toBe(
      'Decided by the Director of Commercial Services, an officer acting under delegated powers',
    );
    expect(decidedBy(named('director-of-commercial-services'), '2011-06-29')).toBe(
      'Decided by the Director of Commercial Services, an officer acting under delegated powers',
    );
    expect(decidedBy(named('cabinet-member-for-resources'))).toBe('Decided by the Cabinet Member for Resources');
    expect(decidedBy(named('cabinet-resources-committee'), '2011-06-29')).toBe('Decided by Cabinet Resources Committee at its meeting on 29 June 2011');
    expect(decidedBy(named('cabinet-resources-committee'))).toBe('Decided by Cabinet Resources Committee');
    expect(decidedBy({ name: 'The Chief Executive', kind: 'officer' })).toBe('Decided by The Chief Executive, an officer acting under delegated powers');
  });

  it('the feeds, the JSON-LD and the alert emails name the maker; the author stays the post’s writer', () => {
    const officer = records.indexes.bySlug.get('2011-05-10-officer')!;
    expect(entrySummary(records, officer)).toBe(`${officer.summary} Decided by the Director of Commercial Services, an officer acting under delegated powers.`);
    const committeePost = records.indexes.bySlug.get('2011-06-30-committee')!;
    expect(entrySummary(records, committeePost)).toContain('Decided by Cabinet Resources Committee at its meeting on 29 June 2011.');
    const rss = String(feedRepresentation(records, { kind: 'site' }, 'rss')!.body);
    expect(rss).toContain('an officer acting under delegated powers.');
    const ld = decisionJsonLd(SITE, officer, named('director-of-commercial-services'));
    expect(ld.about).toMatchObject({
      name: 'Director of Commercial Services',
      description: expect.stringContaining('an officer acting under delegated powers'),
    });
    const [snapshot] = snapshotsFor([officer], records.committees);
    expect(snapshot!.snapshot.decidedBy).toBe('Decided by the Director of Commercial Services, an officer acting under delegated powers.');
    const email = emailForAlert(snapshot!.snapshot);
    expect(email.text).toContain('Decided by the Director of Commercial Services, an officer acting under delegated powers.');
    expect(email.html).toContain('<p>Decided by the Director of Commercial Services, an officer acting under delegated powers.</p>');
  });

  it('groups the bodies by kind, only kinds that have bodies, each group by name', () => {
    expect(everyKindOrdered()).toBe(true);
    const groups = makersByKind(records.committees.values());
    expect(groups.map((g) => [g.kind, g.bodies.map((b) => b.slug)])).toEqual([
      ['full-council', ['council']],
      ['executive', ['cabinet']],
      ['cabinet-member', ['cabinet-member-for-resources']],
      ['committee', ['cabinet-resources-committee']],
      ['officer', ['director-of-commercial-services']],
    ]);
    expect(
      makersByKind([
        { name: 'B', kind: 'committee' as const },
        { name: 'A', kind: 'committee' as const },
      ]),
    ).toEqual([
      {
        kind: 'committee',
        bodies: [
          { name: 'A', kind: 'committee' },
          { name: 'B', kind: 'committee' },
        ],
      },
    ]);
  });
});

describe('the maker and key filters', () => {
  it('maker is a body’s kind; values are alternatives; it combines with the others', () => {
    expect(slugsOf('maker=officer')).toEqual(['2011-05-10-officer']);
    expect(slugsOf('maker=officer&maker=cabinet-member')).toEqual(['2011-05-10-officer', '2011-04-10-cabinet-member']);
    expect(slugsOf('maker=committee')).toEqual(['2011-06-30-committee']);
    expect(slugsOf('maker=executive')).toEqual(['2011-03-10-cabinet']);
    expect(slugsOf('maker=full-council')).toEqual([]);
    expect(slugsOf('maker=officer&stage=contract-award')).toEqual(['2011-05-10-officer']);
    expect(slugsOf('maker=officer&stage=policy')).toEqual([]);
  });

  it('key=yes keeps key decisions only, item by item; false or absent is not key', () => {
    expect(slugsOf('key=yes')).toEqual(['2011-06-30-committee', '2011-05-10-officer']);
    // The same item must be key AND fees: the committee post's key item is the business case.
    expect(slugsOf('key=yes&stage=fees-and-charges')).toEqual([]);
    expect(slugsOf('key=yes&maker=officer')).toEqual(['2011-05-10-officer']);
    expect(decisionsJson(records, filterOf('key=yes')).decisions.map((d) => d.id)).toEqual(['2011-06-30-committee/bc', '2011-05-10-officer/print']);
  });

  it('unknown values are refused with the parameter and what it accepts, derived from the enum', () => {
    const messages = (query: string) => {
      const result = parseFilter(new URLSearchParams(query), vocabulary);
      return result.ok ? [] : result.problems.map((p) => [p.parameter, p.message]);
    };
    expect(messages('maker=mayor')).toEqual([
      ['maker', `maker: 'mayor' is not a kind of decision maker. Accepted values: ${[...MAKER_KINDS].sort().join(', ')}.`],
    ]);
    expect(messages('key=no')).toEqual([['key', "key: 'no' is not accepted. Accepted values: yes (key decisions only)."]]);
    expect(messages('key=yes&key=true')).toEqual([['key', "key: 'true' is not accepted. Accepted values: yes (key decisions only)."]]);
    expect(messages('key=YES')[0]![0]).toBe('key');
  });

  it('any order and repetition of known maker and key values gives one normal query (fast-check)', () => {
    const pair = fc.oneof(
      fc.tuple(fc.constant('maker'), fc.constantFrom(...MAKER_KINDS)),
      fc.tuple(fc.constant('key'), fc.constantFrom(...KEY_VALUES)),
      fc.tuple(fc.constant('outcome'), fc.constantFrom('approved', 'agreed')),
    );
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 12 }), (pairs) => {
        const forwards = parseFilter(new URLSearchParams(pairs), vocabulary);
        const doubled = parseFilter(new URLSearchParams([...pairs, ...[...pairs].reverse()]), vocabulary);
        expect(forwards.ok).toBe(true);
        expect(doubled).toEqual(forwards);
        if (!forwards.ok) return;
        expect(new Set(forwards.filter.maker)).toEqual(new Set(pairs.filter(([n]) => n === 'maker').map(([, v]) => v)));
        expect(forwards.filter.key).toBe(pairs.some(([n]) => n === 'key') ? 'yes' : undefined);
        expect(parseFilter(new URLSearchParams(forwards.query), vocabulary)).toEqual(forwards);
        expect(writtenFilterQuery(`?${forwards.query}`)).toBe(forwards.query);
        // The maker and key parameters come after outcome and before from/to, values sorted.
        expect(forwards.query).toBe(filterQuery(forwards.filter));
        // What matches is exactly what checking each item by hand gives.
        const expected = records.indexes.all
          .filter((d) => forwards.filter.maker.length === 0 || forwards.filter.maker.includes(d.makerKind ?? 'committee'))
          .filter((d) =>
            d.items.some(
              (i) => (!forwards.filter.key || i.keyDecision === true) && (forwards.filter.outcome.length === 0 || forwards.filter.outcome.includes(i.outcome)),
            ),
          )
          .map((d) => d.slug);
        expect(matchingDecisions(records.indexes, forwards.filter).map((d) => d.slug)).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });

  it('odd maker and key values never throw: accepted as known or refused naming the parameter (fast-check)', () => {
    const odd = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.constantFrom(
        '%',
        '%00',
        '\u0000',
        '__proto__',
        'constructor',
        'Officer',
        'OFFICER',
        ' officer',
        'cabinet member',
        'yes ',
        'Yes',
        'no',
        '1',
        'true',
        'x'.repeat(5000),
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('maker', 'key'), odd), { minLength: 1, maxLength: 6 }), (pairs) => {
        const result = parseFilter(new URLSearchParams(pairs), vocabulary);
        if (result.ok) {
          for (const value of result.filter.maker) expect(MAKER_KINDS).toContain(value);
          if (result.filter.key !== undefined) expect(result.filter.key).toBe('yes');
        } else {
          for (const problem of result.problems) {
            expect(['maker', 'key']).toContain(problem.parameter);
            expect(problem.message.startsWith(`${problem.parameter}:`)).toBe(true);
            expect(problem.message.length).toBeLessThan(800);
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('on the feeds and the data: a 400 naming the parameter; a 308 to the normal spelling; the view in words', async () => {
    const request = (path: string) => new Request(`https://decisions.barnet.example${path}`);
    for (const [path, text] of [
      [
        '/feed.xml?maker=mayor',
        "maker: 'mayor' is not a kind of decision maker. Accepted values: cabinet-member, committee, executive, full-council, officer.",
      ],
      ['/data/decisions.csv?key=no', "key: 'no' is not accepted. Accepted values: yes (key decisions only)."],
      ['/data/decisions.json?key=yes&maker=Officer', "maker: 'Officer' is not a kind of decision maker."],
    ] as const) {
      const answer = filterFromRequest(request(path), vocabulary);
      expect(answer.ok, path).toBe(false);
      if (answer.ok) continue;
      expect(answer.response.status).toBe(400);
      expect(await answer.response.text()).toContain(text);
    }
    const moved = filterFromRequest(request('/feed.json?key=yes&maker=officer&maker=cabinet-member&key=yes'), vocabulary);
    expect(moved.ok).toBe(false);
    if (!moved.ok) {
      expect(moved.response.status).toBe(308);
      expect(moved.response.headers.get('location')).toBe('/feed.json?maker=cabinet-member&maker=officer&key=yes');
    }
    expect(filterFromRequest(request('/feed.xml?maker=officer&key=yes'), vocabulary)).toMatchObject({ ok: true, query: 'maker=officer&key=yes' });
    const feed = siteFeed(records, filterOf('maker=officer&maker=cabinet-member&key=yes'));
    expect(feed.title).toBe('Decisions decided by cabinet members or officers, key decisions only – One Barnet decisions');
    expect(feed.decisions.map((d) => d.slug)).toEqual(['2011-05-10-officer']);
  });

  it('the search page reads them, offers them, and drops an unknown one with a message', () => {
    const known = knownFilters(records);
    const request = parseSearchRequest({ maker: ['officer', 'mayor'], key: 'yes' }, known);
    expect(request.filter).toEqual({ ...NO_FILTER, maker: ['officer'], key: 'yes' });
    expect(searchFilterProblems({ maker: 'mayor', key: 'no' }, known).map((p) => p.parameter)).toEqual(['maker', 'key']);
    const hits = search(searchEngineFor(records), request, 100).hits.map((h) => h.href);
    expect(hits).toEqual(['/decisions/2011-05-10-officer']);
    const options = searchFilterOptions(records);
    expect(options.makers.map((o) => o.value)).toEqual(['committee', 'executive', 'cabinet-member', 'officer', 'full-council']);
  });
});

describe('the open data', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true, allowUnionTypes: true });
  addFormats(ajv);
  const validate = ajv.compile(decisionsJsonSchema(SITE));

  it('has the maker’s kind as a column after the older ones, in the JSON, the CSV and the schema', () => {
    const names = dataFieldsOf().map((f) => f.name);
    expect(names.indexOf('maker_kind')).toBe(names.indexOf('updates') + 1);
    const json = decisionsJson(records);
    expect(validate(json), JSON.stringify(validate.errors)).toBe(true);
    expect(json.decisions.map((d) => [d.id, d.maker_kind, d.meeting_date])).toEqual([
      ['2011-06-30-committee/bc', 'committee', '2011-06-29'],
      ['2011-06-30-committee/fees', 'committee', '2011-06-29'],
      ['2011-05-10-officer/print', 'officer', null],
      ['2011-04-10-cabinet-member/hire', 'cabinet-member', null],
      ['2011-03-10-cabinet/new-support-and-customer-service-organisation-business-case', 'executive', '2011-03-09'],
    ]);
    const filtered = decisionsJson(records, filterOf('maker=officer&key=yes'));
    expect(validate(filtered), JSON.stringify(validate.errors)).toBe(true);
    expect(filtered.filter).toEqual({ query: 'maker=officer&key=yes', ...NO_FILTER, maker: ['officer'], key: 'yes' });
    const rows = Papa.parse<Record<string, string>>(decisionsCsv(records, filterOf('maker=cabinet-member')).replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows.map((r) => [r.id, r.maker_kind, r.meeting_date])).toEqual([['2011-04-10-cabinet-member/hire', 'cabinet-member', '']]);
  });
});

describe('the fixture content', () => {
  it('has an officer and a cabinet member, each with a decision without a meeting', async () => {
    const fixture = collectContent(await readContentDir(FIXTURE_CONTENT));
    expect(fixture.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const officer = fixture.decisions.find((d) => d.slug === '2010-11-15-fixture-officer-decision-on-printing-contract')!;
    expect(officer).toMatchObject({ committee: 'director-of-commercial-services', makerKind: 'officer', author: 'Fixture author' });
    expect(officer.meeting).toBeUndefined();
    expect(fixture.committees.get('cabinet-member-for-resources')!.kind).toBe('cabinet-member');
    expect(fixture.committees.get('cabinet')!.kind).toBe('executive');
    expect(fixture.glossary.has('delegated-powers')).toBe(true);
  });
});
