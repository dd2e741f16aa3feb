import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { SnippetText } from '../../components/SnippetText';
import { checkContentDir } from '../../lib/content/check';
import type { ContentSet } from '../../lib/content/collect';
import type { Outcome } from '../../lib/content/schemas';
import type { Decision } from '../../lib/content/types';
import { isFiltered, NO_FILTER, type DecisionFilter } from '../../lib/filters/vocabulary';
import { buildIndexes } from '../../lib/records/indexes';
import { visibleDecisions } from '../../lib/records/published';
import { knownFilters, searchFilterOptions } from '../../lib/search/filters';
import { search, type SearchResponse } from '../../lib/search/paging';
import { buildSearchEngine, searchEngineFor, type SearchSources } from '../../lib/search/search-index';
import { cleanQuery, MAX_QUERY_LENGTH, parseSearchRequest, searchHref, type RawSearchParams, type SearchRequest } from '../../lib/search/query';
import { buildSnippet, snippetToText } from '../../lib/search/snippet';
import { markdownToPlainText, processTerm, stem } from '../../lib/search/text';
import { decision } from './helpers';
import { londonYear } from '../../lib/dates';
import { FIXTURE_CONTENT } from '../support/content';

const HENDON = 'decision:2011-03-03-last-night-in-hendon';
const DRS_POST = 'decision:2011-03-30-another-one-barnet-project-approved';
const ADULTS_POST = 'decision:2011-05-25-adults-in-house-services-business-case-approved';
const NSCSO_POST = 'decision:2011-06-30-back-office-and-customer-service-project-given-the-green-light';

let content: ContentSet;
let sources: SearchSources;

/** The live site's view of the bundled content: what getSiteRecords() gives in production. */
function sourcesFor(decisions: Decision[], { preview = false, now = new Date() } = {}): SearchSources {
  return {
    indexes: buildIndexes(visibleDecisions(decisions, { now, preview })),
    committees: content.committees,
    projects: content.projects,
    glossary: content.glossary,
  };
}

beforeAll(async () => {
  const report = await checkContentDir(FIXTURE_CONTENT);
  expect(report.errors).toBe(0);
  content = report.content;
  sources = sourcesFor(content.decisions);
});

/** One value per filter, as the tests write them, made the request's filter vocabulary (lists). */
interface OneEach {
  committee?: string;
  project?: string;
  outcome?: Outcome;
  year?: number;
  page?: number;
}

function run(q: string, filters: OneEach = {}, from = sources): SearchResponse {
  const { committee, project, outcome, ...rest } = filters;
  const filter: DecisionFilter = {
    ...NO_FILTER,
    committee: committee ? [committee] : [],
    project: project ? [project] : [],
    outcome: outcome ? [outcome] : [],
  };
  const request: SearchRequest = { q, page: 1, ...rest, ...(isFiltered(filter) ? { filter } : {}) };
  return search(searchEngineFor(from), request);
}

const ids = (response: SearchResponse) => response.hits.map((hit) => hit.id);

describe('search finds what residents look for (bundled content)', () => {
  it('"catalyst" finds the Hendon post', () => {
    const response = run('catalyst');
    expect(response.mode).toBe('all');
    expect(ids(response)).toContain(HENDON);
    const hit = response.hits.find((h) => h.id === HENDON)!;
    expect(snippetToText(hit.snippet)).toContain('[Catalyst]');
  });

  it('"direct payments" finds the Adults In-House Services post', () => {
    const response = run('direct payments');
    expect(ids(response)).toContain(ADULTS_POST);
    expect(ids(response)).toContain('glossary:direct-payments');
    // Every result has both words: nothing about other payments or other directions.
    expect(ids(response)).not.toContain(HENDON);
  });

  it('"wedding" finds Hendon, which says "weddings" (stemming)', () => {
    const response = run('wedding');
    expect(ids(response)).toContain(HENDON);
    expect(snippetToText(response.hits.find((h) => h.id === HENDON)!.snippet)).toContain('[weddings]');
  });

  it('"legal partner" finds the Hendon post and the Legal Partner project', () => {
    const found = ids(run('legal partner'));
    expect(found).toContain(HENDON);
    expect(found).toContain('project:legal-partner');
  });

  it('"environmental health" finds the DRS post', () => {
    const found = ids(run('environmental health'));
    expect(found).toContain(DRS_POST);
    expect(found).toContain('project:drs');
  });

  it('the typo "businesss case" finds the business case posts', () => {
    const response = run('businesss case');
    expect(response.mode).toBe('all');
    expect(ids(response)).toEqual(expect.arrayContaining([DRS_POST, ADULTS_POST, NSCSO_POST, 'glossary:business-case']));
  });

  it('finds by prefix ("catal") and is not fooled by case or accents ("CATALYST", "càtalyst")', () => {
    for (const q of ['catal', 'CATALYST', 'càtalyst']) expect(ids(run(q)), q).toContain(HENDON);
  });

  it('finds the £40 fee', () => {
    expect(ids(run('£40'))).toEqual([HENDON]);
  });

  it('ranks a match in the title above matches in body text ("Hendon")', () => {
    const response = run('Hendon');
    expect(response.hits[0]!.id).toBe(HENDON);
    expect(ids(response)).toContain('committee:cabinet-resources-committee'); // "held at Hendon Town Hall"
  });

  it('gives each result its type, address and (for decisions) date', () => {
    const response = run('business case');
    for (const hit of response.hits) {
      expect(['Decision', 'Decision maker', 'Project', 'Glossary term']).toContain(hit.kindLabel);
      expect(hit.href).toMatch(/^\/(decisions|committees|projects|glossary)\/[a-z0-9-]+$/);
      if (hit.kind === 'decision') expect(hit.date).toBeInstanceOf(Date);
      else expect(hit.date).toBeUndefined();
    }
    expect(response.hits.map((h) => h.score)).toEqual([...response.hits.map((h) => h.score)].sort((a, b) => b - a));
  });

  it('searches committee and project names given to a post ("NSCSO", "Cabinet Resources")', () => {
    expect(ids(run('NSCSO'))).toEqual(expect.arrayContaining([HENDON, NSCSO_POST, 'project:nscso']));
    expect(ids(run('cabinet resources'))).toEqual(expect.arrayContaining([HENDON, DRS_POST, ADULTS_POST, NSCSO_POST]));
  });

  it('falls back to any of the words when no result has them all, and says so', () => {
    const response = run('catalyst zebra');
    expect(response.mode).toBe('any');
    expect(ids(response)).toContain(HENDON);
  });

  it('finds nothing for words that are nowhere, with a normal response', () => {
    const response = run('xylophone quagmire');
    expect(response).toMatchObject({ total: 0, hits: [], page: 1, pageCount: 1 });
  });

  it('shows guidance, not results, for an empty query or only common words', () => {
    expect(run('').mode).toBe('empty');
    expect(run('the and of').mode).toBe('no-words');
  });
});

describe('drafts and scheduled posts never appear', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  const secret = (slug: string, overrides: Partial<Decision>) =>
    decision({
      slug,
      published: new Date('2011-07-01T09:00:00Z'),
      title: `Zanzibar ${slug}`,
      summary: 'Zanzibar quokka report.',
      body: 'Zanzibar quokka.',
      ...overrides,
    });

  it('are not in the index of the live site, but are in the local preview', () => {
    const draft = secret('draft-post', { draft: true });
    const scheduled = secret('scheduled-post', { published: new Date('2031-01-01T09:00:00Z') });
    const decisions = [scheduled, draft, ...content.decisions];
    const live = search(buildSearchEngine(sourcesFor(decisions, { now })), { q: 'zanzibar quokka', page: 1 });
    expect(live.total).toBe(0);
    const browse = search(buildSearchEngine(sourcesFor(decisions, { now })), { q: '', year: 2011, page: 1 }, 100);
    expect(ids(browse)).not.toContain('decision:draft-post');
    const preview = search(buildSearchEngine(sourcesFor(decisions, { now, preview: true })), { q: 'zanzibar quokka', page: 1 });
    expect(ids(preview).sort()).toEqual(['decision:draft-post', 'decision:scheduled-post']);
  });

  it('a scheduled post appears once its time has come', () => {
    const scheduled = secret('scheduled-post', { published: new Date('2031-01-01T09:00:00Z') });
    const decisions = [scheduled, ...content.decisions];
    expect(search(buildSearchEngine(sourcesFor(decisions, { now })), { q: 'zanzibar', page: 1 }).total).toBe(0);
    const later = search(buildSearchEngine(sourcesFor(decisions, { now: new Date('2031-01-02T00:00:00Z') })), { q: 'zanzibar', page: 1 });
    expect(ids(later)).toEqual(['decision:scheduled-post']);
  });
});

describe('filters', () => {
  it('by committee: only that body’s decisions', () => {
    expect(ids(run('business case', { committee: 'cabinet-resources-committee' }))).toEqual(expect.arrayContaining([DRS_POST, ADULTS_POST, NSCSO_POST]));
    expect(run('business case', { committee: 'cabinet' }).total).toBe(0);
  });

  it('by project: only decisions with an item about it', () => {
    expect(ids(run('business case', { project: 'drs' }))).toEqual([DRS_POST]);
    expect(ids(run('', { project: 'nscso' }))).toEqual([NSCSO_POST, HENDON]);
  });

  it('by year and by outcome', () => {
    expect(run('', { year: 2011 }, sources).total).toBe(content.decisions.filter((d) => londonYear(d.published) === 2011).length);
    expect(run('catalyst', { year: 2012 }).total).toBe(0);
    expect(ids(run('', { outcome: 'considered' }))).toEqual([HENDON]);
    // Project and outcome apply to the same decision item.
    expect(ids(run('', { project: 'nscso', outcome: 'accepted' }))).toEqual([HENDON]);
    expect(ids(run('', { project: 'legal-partner', outcome: 'accepted' }))).toEqual([]);
  });

  it('show decisions only, newest first when there is no query', () => {
    const response = run('', { committee: 'cabinet-resources-committee' });
    expect(response.mode).toBe('browse');
    // The seeds' posts, in order, among any the fixture holds for other tests; every slug starts with its date.
    const seeds = [NSCSO_POST, ADULTS_POST, DRS_POST, HENDON];
    expect(ids(response).filter((id) => seeds.includes(id))).toEqual(seeds);
    expect(ids(response)).toHaveLength(content.decisions.filter((d) => d.committee === 'cabinet-resources-committee').length);
    expect([...ids(response)].sort().reverse()).toEqual(ids(response));
    expect(run('direct payments', { year: 2011 }).hits.every((h) => h.kind === 'decision')).toBe(true);
  });

  it('paginate, and a page past the end shows the last page', () => {
    const first = run('', { year: 2011 });
    const pageCount = Math.ceil(first.total / 3);
    expect(pageCount).toBeGreaterThanOrEqual(2);
    const small = search(searchEngineFor(sources), { q: '', year: 2011, page: 1 }, 3);
    expect(small).toMatchObject({ page: 1, pageCount, total: first.total });
    expect(small.hits).toHaveLength(3);
    const last = search(searchEngineFor(sources), { q: '', year: 2011, page: 999_999 }, 3);
    expect(last).toMatchObject({ page: pageCount, pageCount });
    expect(last.hits).toHaveLength(first.total - 3 * (pageCount - 1));
  });

  it('offers every committee, project, year and outcome as a choice', () => {
    const options = searchFilterOptions(sources);
    expect(options.committees.map((o) => o.value).sort()).toEqual([...content.committees.keys()].sort());
    expect(options.projects.map((o) => o.value).sort()).toEqual([...content.projects.keys()].sort());
    expect(options.years.map((o) => o.value)).toEqual([...new Set(content.decisions.map((d) => londonYear(d.published)))].sort((a, b) => b - a));
    expect(options.outcomes).toHaveLength(8);
  });
});

describe('odd input gives a normal page', () => {
  const parse = (raw: RawSearchParams) => parseSearchRequest(raw, knownFilters(sources));

  it('reads the first of repeated parameters and ignores unknown filter values', () => {
    expect(parse({ q: ['catalyst', 'other'], committee: ['cabinet', 'x'], page: ['2', '3'] })).toEqual({
      q: 'catalyst',
      filter: { ...NO_FILTER, committee: ['cabinet'] },
      page: 2,
    });
    expect(parse({ q: 'x', committee: 'no-such-body', project: '../etc/passwd', year: '1066', outcome: 'exploded' })).toEqual({ q: 'x', page: 1 });
    expect(parse({ year: '2011', outcome: 'approved', project: 'drs' })).toEqual({
      q: '',
      year: 2011,
      filter: { ...NO_FILTER, outcome: ['approved'], project: ['drs'] },
      page: 1,
    });
    expect(parse({})).toEqual({ q: '', page: 1 });
  });

  it('reads any page number as a page', () => {
    for (const page of ['0', '-1', '1.5', 'abc', '', '99999999999999999999999', '1e9', ' 2 ']) {
      const request = parse({ q: 'business', page });
      expect(Number.isInteger(request.page) && request.page >= 1, page).toBe(true);
      const response = search(searchEngineFor(sources), request);
      expect(response.page).toBeGreaterThanOrEqual(1);
      expect(response.page).toBeLessThanOrEqual(response.pageCount);
    }
  });

  it('trims, bounds and cleans the query', () => {
    expect(cleanQuery('  direct\u0000\u0007 payments\n\t ')).toBe('direct payments');
    expect(cleanQuery('a'.repeat(10_000))).toHaveLength(MAX_QUERY_LENGTH);
    expect(cleanQuery('\u202Eevil\u200B')).toBe('evil');
    expect(cleanQuery('\uD800lone')).toBe('\uFFFDlone');
    expect(Array.from(cleanQuery('😀'.repeat(300)))).toHaveLength(MAX_QUERY_LENGTH);
  });

  it.each([
    '',
    ' ',
    '"',
    "'",
    '*',
    '~1',
    '^',
    '((',
    '\\',
    'a',
    '%00',
    '\u0000',
    '😀',
    'שלום',
    'OR AND NOT',
    "' OR 1=1 --",
    '<script>alert(1)</script>',
    'x'.repeat(5000),
    Array.from({ length: 500 }, (_, i) => `word${i}`).join(' '),
    'business '.repeat(100),
    'constructor __proto__ prototype toString',
  ])('query %j does not throw', (q) => {
    const request = parse({ q, committee: 'cabinet-resources-committee', page: '3' });
    expect(() => search(searchEngineFor(sources), request)).not.toThrow();
    expect(() => search(searchEngineFor(sources), parse({ q }))).not.toThrow();
  });

  it('builds result page addresses from clean values only', () => {
    expect(searchHref({ q: 'business case & more', year: 2011, page: 1 }, 2)).toBe('/search?q=business+case+%26+more&year=2011&page=2');
    expect(searchHref({ q: '', page: 1 })).toBe('/search');
  });
});

describe('snippets', () => {
  it('highlight matched words and escape HTML from content', () => {
    const text = 'Catalyst said <script>alert("x")</script> & <img src=x onerror=alert(1)> about Catalyst’s contract.';
    const snippet = buildSnippet([text], processTerm('catalyst')!);
    expect(snippetToText(snippet)).toBe('[Catalyst] said <script>alert("x")</script> & <img src=x onerror=alert(1)> about [Catalyst’s] contract.');
    const html = renderToStaticMarkup(createElement(SnippetText, { snippet }));
    expect(html).toBe(
      '<mark>Catalyst</mark> said &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt; about <mark>Catalyst’s</mark> contract.',
    );
  });

  it('are escaped for a post whose summary contains markup', () => {
    const evil = decision({
      slug: 'evil-post',
      published: new Date('2011-07-01T09:00:00Z'),
      title: 'Quokka <b>bold</b>',
      summary: 'Quokka </p><script>alert(1)</script> summary.',
    });
    const response = search(buildSearchEngine(sourcesFor([evil, ...content.decisions])), { q: 'quokka', page: 1 });
    const hit = response.hits.find((h) => h.id === 'decision:evil-post')!;
    expect(hit.title).toBe('Quokka <b>bold</b>'); // data, rendered as text by React
    const html = renderToStaticMarkup(createElement(SnippetText, { snippet: hit.snippet }));
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;');
    expect(html).toContain('<mark>Quokka</mark>');
  });

  it('show a window around the first match of a long text, with ellipses', () => {
    const words = Array.from({ length: 100 }, (_, i) => `filler${i}`);
    words[60] = 'catalyst';
    const text = snippetToText(buildSnippet([words.join(' ')], ['catalyst']));
    expect(text.startsWith('… filler52')).toBe(true);
    expect(text).toContain('[catalyst]');
    expect(text.endsWith(' …')).toBe(true);
  });

  it('come from the text with the most matched words, the summary on a tie', () => {
    const text = snippetToText(buildSnippet(['A summary about payments.', 'A body about direct payments.'], ['direct', 'payment']));
    expect(text).toBe('A body about [direct] [payments].');
  });
});

describe('the words of the index', () => {
  it('stems plurals, -ing, -ed and a final e to one form', () => {
    const same = (...words: string[]) => expect(new Set(words.map(stem)).size, words.join()).toBe(1);
    same('wedding', 'weddings');
    same('charge', 'charges', 'charging', 'charged');
    same('case', 'cases');
    same('business', 'businesses');
    same('approve', 'approved', 'approves');
    same('payment', 'payments');
    same('policy', 'policies');
    same('meeting', 'meetings');
  });

  it('leaves out common words and single letters, keeps numbers', () => {
    expect(processTerm('the')).toBeNull();
    expect(processTerm('s')).toBeNull();
    expect(processTerm('2')).toBeNull();
    expect(processTerm('40')).toEqual(['40']);
    expect(processTerm('Council’s')).toEqual(processTerm('council'));
  });

  it('strips Markdown to its words', () => {
    const markdown = [
      '# Heading',
      '',
      'Some *emphasis*, __strong__ and a [link](https://x.example "title") and `code` &amp; &pound;40.',
      '',
      '- one',
      '* [x] two',
      '1. three',
      '',
      '> quoted',
      '',
      '| a | b |',
      '|---|:-:|',
      '| c | d |',
      '',
      '![alt text](/img.png) <b>tagged</b> <https://auto.example> [ref][r] in_house snake_case_word',
      '',
      '[r]: https://ref.example',
      '',
      '```js',
      'const x = 1;',
      '```',
    ].join('\n');
    expect(markdownToPlainText(markdown)).toBe(
      'Heading Some emphasis, strong and a link and code & £40. one two three quoted a b c d alt text tagged ref in_house snake_case_word const x = 1;',
    );
  });
});

describe('the index is built once per visible set', () => {
  it('returns the same engine for the same visible set, a new one for a new set', () => {
    const first = searchEngineFor(sources);
    expect(searchEngineFor(sources)).toBe(first);
    expect(searchEngineFor({ ...sources })).toBe(first);
    const other = sourcesFor(content.decisions.slice(1));
    expect(searchEngineFor(other)).not.toBe(first);
    expect(first.documentCount).toBe(content.decisions.length + content.committees.size + content.projects.size + content.glossary.size);
  });
});
