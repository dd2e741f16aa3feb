/**
 * The changes as feeds and data (lib/history), read back with tools nobody here wrote: Debian's
 * feedparser (no bozo) for the Atom feed, the JSON Feed 1.1 rules (ajv, against a schema written
 * from the specification) for the JSON Feed, papaparse for the CSV. The history is the tests'
 * scripted one (tests/support/history-fixture.ts, a real git repository in a temporary folder)
 * plus a version whose text holds every awkward character.
 */
import { spawnSync } from 'node:child_process';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import Papa from 'papaparse';
import { beforeAll, describe, expect, it } from 'vitest';
import { isWithdrawnPage } from '../../cache-handler.mjs';
import { changesOf } from '../../lib/history/changes';
import { CHANGE_COLUMNS, changesCsv, changesJson } from '../../lib/history/data';
import { renderChangesFeed } from '../../lib/history/feeds';
import { selectChanges, selectEvents } from '../../lib/history/select';
import type { HistoryFile, PostHistory } from '../../lib/history/types';
import { NO_FILTER, parseFilter } from '../../lib/filters/vocabulary';
import { decisionJsonLd } from '../../lib/seo/structured-data';
import { decision, SITE } from './helpers';
import { ANOTHER_PROJECT, fixtureHistory, WITHDRAWN } from '../support/history-fixture';
import { FIXTURE_CONTENT } from '../support/content';

const NOW = new Date('2012-01-01T00:00:00Z');
const site = SITE as unknown as Parameters<typeof renderChangesFeed>[0];
const AWKWARD = 'A & B <script>alert(1)</script> ]]> "quotes" \u0001 £40 — Catalyst';

const awkward: PostHistory = {
  slug: 'awkward-post',
  versions: [
    {
      number: 1,
      kind: 'new',
      commit: 'a'.repeat(40),
      committedAt: '2011-05-01T09:00:00.000Z',
      at: '2011-05-01T09:00:00.000Z',
      title: AWKWARD,
      changes: [{ field: 'post', before: null, after: AWKWARD }],
      notes: [],
    },
    {
      number: 2,
      kind: 'corrected',
      commit: 'b'.repeat(40),
      committedAt: '2011-05-02T09:00:00.000Z',
      at: '2011-05-02T09:00:00.000Z',
      title: AWKWARD,
      changes: [
        { field: 'summary', before: AWKWARD, after: `=${AWKWARD}` },
        { item: 'fees', field: 'outcome', before: 'deferred', after: 'approved' },
      ],
      notes: [{ date: '2011-05-01T23:00:00.000Z', note: AWKWARD }],
    },
  ],
};

let history: HistoryFile;
beforeAll(async () => {
  const fixture = await fixtureHistory(FIXTURE_CONTENT);
  history = { ...fixture, posts: [...fixture.posts, awkward] };
}, 60_000);

const decisionsNow = new Map([
  [ANOTHER_PROJECT, decision({ slug: ANOTHER_PROJECT, published: new Date('2011-03-30'), committee: 'cabinet-resources-committee' })],
]);
const lookup = (slug: string) => decisionsNow.get(slug);

function python(script: string, input: string) {
  return spawnSync('/usr/bin/python3', ['-c', script], { input, encoding: 'utf8', timeout: 20_000 });
}

describe('the changes feeds', () => {
  it('has one entry per version, newest first, a withdrawal among them', () => {
    const events = selectEvents(history, NOW, NO_FILTER, lookup);
    const kinds = events.map((e) => `${e.slug} ${e.version.kind}`);
    expect(kinds.indexOf(`${WITHDRAWN} withdrawn`)).toBeLessThan(kinds.indexOf(`${WITHDRAWN} corrected`));
    expect(kinds).toContain(`${ANOTHER_PROJECT} edited`);
    expect(kinds).toContain(`${WITHDRAWN} corrected`);
    const times = events.map((e) => Date.parse(e.version.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('Atom: feedparser reads every entry with no bozo flag', () => {
    const events = selectEvents(history, NOW, NO_FILTER, lookup);
    const { body } = renderChangesFeed(site, events, 'atom', NOW);
    const script = [
      'import feedparser, json, sys',
      'd = feedparser.parse(sys.stdin.read().encode("utf-8"))',
      'print(json.dumps({"bozo": bool(d.bozo), "error": str(d.get("bozo_exception", "")), "version": d.version, "titles": [e.title for e in d.entries], "ids": [e.id for e in d.entries]}))',
    ].join('\n');
    const result = python(script, body);
    expect(result.status, result.stderr).toBe(0);
    const parsed = JSON.parse(result.stdout) as { bozo: boolean; error: string; version: string; titles: string[]; ids: string[] };
    expect(parsed.bozo, parsed.error).toBe(false);
    expect(parsed.version).toBe('atom10');
    expect(parsed.ids).toEqual(events.map((e) => `${SITE.baseUrl}/decisions/${e.slug}/history#version-${e.version.number}`));
    // The awkward title arrives whole, as escaped HTML text (Atom type="html"), less the one
    // character XML cannot carry: no markup of its own.
    expect(parsed.titles).toContain('Corrected: A &amp; B &lt;script&gt;alert(1)&lt;/script&gt; ]]&gt; &quot;quotes&quot;  £40 — Catalyst');
  });

  it('JSON Feed: follows the JSON Feed 1.1 rules', () => {
    const { body } = renderChangesFeed(site, selectEvents(history, NOW, NO_FILTER, lookup), 'json', NOW, 'from=2011-04-01');
    const feed = JSON.parse(body) as Record<string, unknown> & { items: Record<string, unknown>[] };
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const uri = { type: 'string', format: 'uri' };
    const valid = ajv.validate(
      {
        type: 'object',
        required: ['version', 'title', 'items', 'home_page_url', 'feed_url'],
        properties: {
          version: { const: 'https://jsonfeed.org/version/1.1' },
          title: { type: 'string' },
          home_page_url: uri,
          feed_url: uri,
          language: { type: 'string' },
          authors: { type: 'array', items: { type: 'object', anyOf: [{ required: ['name'] }, { required: ['url'] }] } },
          items: {
            type: 'array',
            items: {
              type: 'object',
              required: ['id'],
              anyOf: [{ required: ['content_html'] }, { required: ['content_text'] }],
              properties: {
                id: { type: 'string', minLength: 1 },
                url: uri,
                date_published: { type: 'string', format: 'date-time' },
                date_modified: { type: 'string', format: 'date-time' },
              },
            },
          },
        },
        patternProperties: { '^_': {} },
      },
      feed,
    );
    expect(valid, JSON.stringify(ajv.errors)).toBe(true);
    expect(Object.keys(feed)[0]).toBe('version');
    expect(feed.author).toBeUndefined();
    expect(feed.feed_url).toBe(`${SITE.baseUrl}/changes.json?from=2011-04-01`);
    const html = String(feed.items.find((i) => String(i.title).startsWith('Corrected: A &'))?.content_html);
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('takes the filter vocabulary: a committee keeps only posts on the record now; from and to are the change’s dates', () => {
    const vocabulary = { committees: new Map([['cabinet-resources-committee', {}]]), projects: new Map(), tags: new Map() };
    const byCommittee = parseFilter(new URLSearchParams('committee=cabinet-resources-committee'), vocabulary);
    const fromApril = parseFilter(new URLSearchParams('from=2011-04-01&to=2011-04-03'), vocabulary);
    if (!byCommittee.ok || !fromApril.ok) throw new Error('filters');
    expect(new Set(selectEvents(history, NOW, byCommittee.filter, lookup).map((e) => e.slug))).toEqual(new Set([ANOTHER_PROJECT]));
    expect(selectEvents(history, NOW, fromApril.filter, lookup).map((e) => `${e.slug} ${e.version.kind}`)).toEqual([
      `${WITHDRAWN} corrected`,
      `${WITHDRAWN} new`,
    ]);
    expect(selectChanges(history, NOW, byCommittee.filter, lookup).every((c) => c.post === ANOTHER_PROJECT)).toBe(true);
  });
});

describe('the changes data', () => {
  it('CSV: one row per changed field, the columns as documented, formulas made text', () => {
    const rows = changesOf(history, NOW);
    const csv = changesCsv(SITE, rows);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    expect(parsed.meta.fields).toEqual([...CHANGE_COLUMNS]);
    expect(parsed.data).toHaveLength(rows.length);
    const outcome = parsed.data.find((r) => r.post === ANOTHER_PROJECT && r.field === 'outcome')!;
    expect(outcome).toMatchObject({
      item: 'development-and-regulatory-services-business-case',
      before: 'deferred',
      after: 'approved',
      noted: 'false',
      at: '2011-03-30T13:00:00+01:00',
      kind: 'edited',
    });
    expect(outcome.commit).toMatch(/^[0-9a-f]{40}$/);
    const formula = parsed.data.find((r) => r.post === 'awkward-post' && r.field === 'summary')!;
    expect(formula.after?.startsWith("'=")).toBe(true);
    expect(parsed.data.find((r) => r.post === WITHDRAWN && r.field === 'meeting')).toMatchObject({
      noted: 'true',
      note: 'The meeting was on 29 March, not 28 March.',
    });
  });

  it('JSON: the same rows, with London times and the history page of each', () => {
    const file = changesJson(site, changesOf(history, NOW), true);
    expect(file.count).toBe(file.changes.length);
    expect(file.historyAvailable).toBe(true);
    expect(file.updated).toBe(file.changes[0]!.at);
    expect(file.changes.find((c) => c.post === 'awkward-post')?.at).toBe('2011-05-02T10:00:00+01:00');
    const withdrawn = file.changes.find((c) => c.kind === 'withdrawn')!;
    expect(withdrawn).toMatchObject({
      post: WITHDRAWN,
      field: 'post',
      after: null,
      at: '2011-04-05T10:00:00+01:00',
      url: `${SITE.baseUrl}/decisions/${WITHDRAWN}/history#version-3`,
    });
  });
});

describe('a withdrawn post’s page', () => {
  it('is marked 410 in the page cache only for a withdrawn post’s own address', () => {
    const slugs = () => new Set([WITHDRAWN]);
    const page = { kind: 'APP_PAGE', html: '<p>x</p>', status: 200 };
    expect(isWithdrawnPage(`/decisions/${WITHDRAWN}`, page, slugs)).toBe(true);
    // Next.js 16.4's key for the page, as it stores it.
    expect(isWithdrawnPage(`/route-cache/APP_PAGE/107956d17cc2/$/decisions/${WITHDRAWN}`, page, slugs)).toBe(true);
    expect(isWithdrawnPage(`/route-cache/APP_PAGE/107956d17cc2/$/decisions/${WITHDRAWN}/history`, page, slugs)).toBe(false);
    expect(isWithdrawnPage(`/decisions/${WITHDRAWN}`, { ...page, status: undefined }, slugs)).toBe(true);
    expect(isWithdrawnPage(`/decisions/${WITHDRAWN}/history`, page, slugs)).toBe(false);
    expect(isWithdrawnPage(`/decisions/${ANOTHER_PROJECT}`, page, slugs)).toBe(false);
    expect(isWithdrawnPage(`/decisions/${WITHDRAWN}`, { ...page, status: 404 }, slugs)).toBe(false);
    expect(isWithdrawnPage(`/decisions/${WITHDRAWN}`, { kind: 'APP_ROUTE', status: 200 }, slugs)).toBe(false);
  });
});

describe('structured data', () => {
  it('dates the post by its last change and gives each noted update as a CorrectionComment', () => {
    const post = decision({
      slug: 'a-post',
      published: new Date('2011-06-29T23:00:00Z'),
      updates: [{ date: new Date('2011-07-01T23:00:00Z'), note: 'The date was wrong.' }],
      updated: new Date('2011-07-01T23:00:00Z'),
    });
    const ld = decisionJsonLd(SITE, post, undefined, { lastChanged: new Date('2011-07-05T09:00:00Z') });
    expect(ld.dateModified).toBe('2011-07-05T10:00:00+01:00');
    expect(ld.correction).toEqual([{ '@type': 'CorrectionComment', text: 'The date was wrong.', datePublished: '2011-07-02T00:00:00+01:00' }]);
    expect(decisionJsonLd(SITE, post).dateModified).toBe('2011-07-02T00:00:00+01:00');
  });
});
