/**
 * Topic and year pages list 20 decisions a page, as committee pages do: page 1 at the topic's
 * or year's own address, later pages at /page/<n>. Only the later pages that exist render (the
 * others are not found), and the views show the right slice of decisions,
 * grouped as before, with the full count and links to the other pages.
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { ArchiveYearView, archiveYearMetadata } from '../../components/ArchiveYearView';
import { CommitteeView } from '../../components/CommitteeView';
import { TagView, tagMetadata } from '../../components/TagView';
import { checkContentDir } from '../../lib/content/check';
import type { ContentSet } from '../../lib/content/collect';
import type { Decision } from '../../lib/content/types';
import { LIST_PAGE_SIZE, listPageCount } from '../../lib/records/indexes';
import { laterPageNumber } from '../../lib/records/lookups';
import type { SiteRecords } from '../../lib/site';
import { sitemapEntries } from '../../lib/seo/sitemap';
import { decision, siteRecordsOf } from './helpers';
import { FIXTURE_CONTENT } from '../support/content';

let content: ContentSet;

beforeAll(async () => {
  const report = await checkContentDir(FIXTURE_CONTENT);
  expect(report.errors).toBe(0);
  content = report.content;
});

const DAY = 24 * 60 * 60 * 1000;

/**
 * `count` decisions, newest first (the order of the content set), one every `days` days back
 * from `newest`, at noon UTC so that the London date is the UTC date.
 */
function decisionsBack(prefix: string, count: number, newest: string, days: number, tags: string[]): Decision[] {
  const start = new Date(`${newest}T12:00:00Z`).getTime();
  return Array.from({ length: count }, (_, i) =>
    decision({ slug: `${prefix}-${String(i + 1).padStart(2, '0')}`, published: new Date(start - i * days * DAY), tags }),
  );
}

function recordsOf(decisions: Decision[]): SiteRecords {
  return siteRecordsOf(content, new Date('2020-01-01T00:00:00Z'), { decisions });
}

/**
 * 45 decisions with the topic 'outsourcing', every ten days from 28 December 2013 back to
 * October 2012: page 1 is all 2013, page 2 crosses into 2012, page 3 (five posts) is all 2012.
 * 21 with 'exactly-21' (in 2011), 20 with 'exactly-20' (in 2010).
 */
function corpus(): Decision[] {
  const outsourcing = decisionsBack('outsourcing', 45, '2013-12-28', 10, ['outsourcing']);
  const twentyOne = decisionsBack('twenty-one', 21, '2011-06-01', 1, ['exactly-21']);
  const twenty = decisionsBack('twenty', 20, '2010-06-01', 1, ['exactly-20']);
  return [...outsourcing, ...twentyOne, ...twenty];
}

/** The decision links of a rendered page, in order. */
const decisionLinks = (html: string) => [...html.matchAll(/href="\/decisions\/([^"]+)"/g)].map((m) => m[1]);
/** The group headings (years or months) of a rendered page, in order. */
const groupHeadings = (html: string) => [...html.matchAll(/<h3 class="govuk-heading-m" id="[^"]+">([^<]+)<\/h3>/g)].map((m) => m[1]);
const listHeading = (html: string) => /<h2 class="govuk-heading-l">([^<]*)<\/h2>/.exec(html)?.[1];
const paginationNav = (html: string) => /<nav class="govuk-pagination" aria-label="Pages of decisions">[\s\S]*?<\/nav>/.exec(html)?.[0];

function renderTag(records: SiteRecords, slug: string, pageNumber: number): string {
  return renderToStaticMarkup(createElement(TagView, { records, slug, pageNumber }));
}

function renderYear(records: SiteRecords, year: number, pageNumber: number): string {
  return renderToStaticMarkup(createElement(ArchiveYearView, { records, year, pageNumber }));
}

function renderCommittee(records: SiteRecords, slug: string, pageNumber: number): string {
  return renderToStaticMarkup(createElement(CommitteeView, { records, committee: records.committees.get(slug)!, pageNumber }));
}

/** Next.js's notFound() throws an error whose digest names the 404. */
function expectNotFound(render: () => unknown) {
  let thrown: unknown;
  try {
    render();
  } catch (error) {
    thrown = error;
  }
  expect((thrown as { digest?: string } | undefined)?.digest).toMatch(/404/);
}

describe('the page size', () => {
  it('is 20 for committee, topic and year lists, and a partial page counts as a page', () => {
    expect(LIST_PAGE_SIZE).toBe(20);
    expect([0, 1, 20, 21, 40, 41, 45].map(listPageCount)).toEqual([1, 1, 1, 2, 2, 3, 3]);
  });
});

describe('which later pages of topics, years and committees exist', () => {
  let records: SiteRecords;
  beforeAll(() => {
    records = recordsOf(corpus());
  });

  it('reads a page number from 2 up, written plainly (page 1 has its own address)', () => {
    expect(['2', '3', '17', '999999'].map(laterPageNumber)).toEqual([2, 3, 17, 999999]);
    for (const text of ['1', '0', '-1', '02', 'abc', '2.0', '1e1', '', ' 2', '0x2', '%32', '1000000']) {
      expect(laterPageNumber(text), JSON.stringify(text)).toBeUndefined();
    }
  });

  it('renders the later pages of a topic or a year up to the last, and not one past it', () => {
    // 2013 holds the 37 newest 'outsourcing' posts (28 December back to 2 January): two pages;
    // 2010 holds 20 posts: one page.
    for (const [slug, last] of [
      ['outsourcing', 3],
      ['exactly-21', 2],
      ['exactly-20', 1],
    ] as const) {
      for (let n = 2; n <= last; n++) expect(decisionLinks(renderTag(records, slug, n)).length, `${slug} page ${n}`).toBeGreaterThan(0);
      expectNotFound(() => renderTag(records, slug, last + 1));
    }
    expect(decisionLinks(renderYear(records, 2013, 2))).toHaveLength(17);
    expectNotFound(() => renderYear(records, 2013, 3));
    expectNotFound(() => renderYear(records, 2010, 2));
  });

  it('renders every later page the sitemap lists', () => {
    const base = records.site.baseUrl.replace(/\/$/, '');
    const laterPages = sitemapEntries(records)
      .map((entry) => entry.url.slice(base.length))
      .filter((pathname) => /^\/(tags|archive|committees)\/[^/]+\/page\//.test(pathname));
    expect(laterPages).toEqual(expect.arrayContaining(['/tags/outsourcing/page/3', '/archive/2013/page/2', '/committees/cabinet-resources-committee/page/5']));
    for (const pathname of laterPages) {
      const [, section, slug, , number] = pathname.split('/') as [string, string, string, string, string];
      const pageNumber = laterPageNumber(number);
      expect(pageNumber, pathname).toBeDefined();
      const html =
        section === 'tags'
          ? renderTag(records, slug, pageNumber!)
          : section === 'archive'
            ? renderYear(records, Number(slug), pageNumber!)
            : renderCommittee(records, slug, pageNumber!);
      expect(decisionLinks(html).length, pathname).toBeGreaterThan(0);
    }
    // All 86 posts are by the Cabinet Resources Committee: five pages, and no sixth.
    expectNotFound(() => renderCommittee(records, 'cabinet-resources-committee', 6));
  });
});

describe('a topic page', () => {
  let records: SiteRecords;
  let outsourcing: Decision[];
  beforeAll(() => {
    const decisions = corpus();
    records = recordsOf(decisions);
    outsourcing = decisions.filter((d) => d.tags.includes('outsourcing'));
  });

  it('shows the 20 newest decisions on page 1, all of one year', () => {
    const html = renderTag(records, 'outsourcing', 1);
    expect(decisionLinks(html)).toEqual(outsourcing.slice(0, 20).map((d) => d.slug));
    expect(groupHeadings(html)).toEqual(['2013']);
    expect(listHeading(html)).toBe('Decisions (page 1 of 3)');
  });

  it('shows the 21st to 40th newest decisions on page 2, grouped by year within the page', () => {
    const html = renderTag(records, 'outsourcing', 2);
    const slugs = decisionLinks(html);
    expect(slugs).toEqual(outsourcing.slice(20, 40).map((d) => d.slug));
    expect(slugs[0]).toBe('outsourcing-21');
    expect(slugs.at(-1)).toBe('outsourcing-40');
    expect(groupHeadings(html)).toEqual(['2013', '2012']);
    expect(listHeading(html)).toBe('Decisions (page 2 of 3)');
  });

  it('still states the full count, and links to the other pages', () => {
    const html = renderTag(records, 'outsourcing', 2);
    expect(html).toContain('45 decision posts have the topic ‘Outsourcing’. The newest is first.');
    const nav = paginationNav(html);
    expect(nav).toBeDefined();
    expect(nav).toContain('href="/tags/outsourcing" rel="prev"');
    expect(nav).toContain('href="/tags/outsourcing/page/3" rel="next"');
    expect(nav).toMatch(/href="\/tags\/outsourcing\/page\/2" aria-label="Page 2" aria-current="page"/);
    expect(nav).not.toContain('/page/1"');
  });

  it('shows the last five on page 3, and has no page 4', () => {
    const html = renderTag(records, 'outsourcing', 3);
    expect(decisionLinks(html)).toEqual(outsourcing.slice(40).map((d) => d.slug));
    expect(decisionLinks(html)).toHaveLength(5);
    expect(groupHeadings(html)).toEqual(['2012']);
    expect(paginationNav(html)).not.toContain('rel="next"');
    expectNotFound(() => renderTag(records, 'outsourcing', 4));
  });

  it('has no page numbers and no pagination when every decision fits on one page', () => {
    const html = renderTag(records, 'exactly-20', 1);
    expect(decisionLinks(html)).toHaveLength(20);
    expect(listHeading(html)).toBe('Decisions');
    expect(paginationNav(html)).toBeUndefined();
    expectNotFound(() => renderTag(records, 'exactly-20', 2));
  });

  it('names each page in its title and gives it its own canonical address, keeping the topic feeds', () => {
    const first = tagMetadata(records, 'outsourcing', 1);
    expect(first.title).toBe('Outsourcing: decisions');
    expect(first.alternates?.canonical).toBe('/tags/outsourcing');
    const second = tagMetadata(records, 'outsourcing', 2);
    expect(second.title).toBe('Outsourcing: decisions, page 2');
    expect(second.description).toBe('Page 2 of 3 of the 45 decision posts with the topic ‘Outsourcing’, newest first.');
    expect(second.alternates?.canonical).toBe('/tags/outsourcing/page/2');
    expect(second.openGraph?.url).toBe('/tags/outsourcing/page/2');
    expect(JSON.stringify(second.alternates?.types)).toContain('{"url":"/tags/outsourcing/feed.xml","title":"Outsourcing: decisions (RSS)"}');
    expect(tagMetadata(records, 'outsourcing', 4).title).toBe('Page not found');
  });
});

describe('a year page', () => {
  let records: SiteRecords;
  let of2013: Decision[];
  beforeAll(() => {
    const decisions = corpus();
    records = recordsOf(decisions);
    of2013 = decisions.filter((d) => d.published.getUTCFullYear() === 2013);
  });

  it('shows the 21st to 40th newest decisions of the year on page 2, grouped by month within the page', () => {
    expect(of2013).toHaveLength(37);
    const html = renderYear(records, 2013, 2);
    expect(decisionLinks(html)).toEqual(of2013.slice(20).map((d) => d.slug));
    const months = [...new Set(of2013.slice(20).map((d) => d.published.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })))];
    expect(months).toEqual(['June 2013', 'May 2013', 'April 2013', 'March 2013', 'February 2013', 'January 2013']);
    expect(groupHeadings(html)).toEqual(months);
    expect(listHeading(html)).toBe('Decisions (page 2 of 2)');
  });

  it('still states the full count, links to the other page and keeps the later and earlier years', () => {
    const html = renderYear(records, 2013, 2);
    expect(html).toContain('37 decision posts were published in 2013');
    const nav = paginationNav(html);
    expect(nav).toContain('href="/archive/2013" rel="prev"');
    expect(nav).not.toContain('rel="next"');
    const years = /<nav class="govuk-pagination govuk-pagination--block" aria-label="Other years">[\s\S]*?<\/nav>/.exec(html)?.[0];
    expect(years).toContain('href="/archive/2012"');
    expect(years).not.toContain('/page/');
  });

  it('shows the newest 20 on page 1 and has no page 3', () => {
    const html = renderYear(records, 2013, 1);
    expect(decisionLinks(html)).toEqual(of2013.slice(0, 20).map((d) => d.slug));
    expect(paginationNav(html)).toContain('href="/archive/2013/page/2" rel="next"');
    expectNotFound(() => renderYear(records, 2013, 3));
  });

  it('names each page in its title and gives it its own canonical address', () => {
    expect(archiveYearMetadata(records, 2013, 1)).toMatchObject({ title: 'Decisions published in 2013', alternates: { canonical: '/archive/2013' } });
    expect(archiveYearMetadata(records, 2013, 2)).toMatchObject({
      title: 'Decisions published in 2013, page 2',
      alternates: { canonical: '/archive/2013/page/2' },
      openGraph: { url: '/archive/2013/page/2' },
    });
    expect(archiveYearMetadata(records, 2013, 3).title).toBe('Page not found');
  });
});
