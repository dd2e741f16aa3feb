import { beforeAll, describe, expect, it } from 'vitest';
import { checkContentDir } from '../../lib/content/check';
import type { ContentSet } from '../../lib/content/collect';
import type { Site } from '../../lib/content/types';
import { londonIsoDateTime } from '../../lib/dates';
import { buildIndexes } from '../../lib/records/indexes';
import { visibleDecisions } from '../../lib/records/published';
import { sitemapEntries } from '../../lib/seo/sitemap';
import { decision } from './helpers';
import { FIXTURE_CONTENT } from '../support/content';

let content: ContentSet;
let site: Site;

beforeAll(async () => {
  const report = await checkContentDir(FIXTURE_CONTENT);
  expect(report.errors).toBe(0);
  content = report.content;
  site = content.site!;
});

function entriesFor(decisions = content.decisions, now = new Date()) {
  const indexes = buildIndexes(visibleDecisions(decisions, { now, preview: false }));
  return sitemapEntries({ site, indexes, committees: content.committees, projects: content.projects, glossary: content.glossary });
}

const base = () => site.baseUrl.replace(/\/$/, '');

describe('sitemap', () => {
  it('lists every published page once, with absolute addresses on the site', () => {
    const urls = entriesFor().map((e) => e.url);
    expect(new Set(urls).size).toBe(urls.length);
    for (const url of urls) expect(url.startsWith(`${base()}/`)).toBe(true);
    expect(urls).toContain(`${base()}/`);
    for (const d of content.decisions) expect(urls).toContain(`${base()}/decisions/${d.slug}`);
    for (const slug of content.committees.keys()) expect(urls).toContain(`${base()}/committees/${slug}`);
    for (const slug of content.projects.keys()) expect(urls).toContain(`${base()}/projects/${slug}`);
    for (const slug of content.glossary.keys()) expect(urls).toContain(`${base()}/glossary/${slug}`);
    for (const p of ['/committees', '/projects', '/glossary', '/tags', '/archive', '/archive/2011', '/tags/outsourcing'])
      expect(urls).toContain(`${base()}${p}`);
  });

  it('gives a decision its last-modified time: the latest of publication and corrections', () => {
    // A year after every fixture post, so that it is the newest whatever posts the fixture gains.
    const post = decision({ slug: 'corrected-post', published: new Date('2012-07-01T09:00:00Z'), updated: new Date('2012-07-05T10:00:00Z') });
    const entry = entriesFor([post, ...content.decisions]).find((e) => e.url.endsWith('/decisions/corrected-post'));
    expect(entry?.lastModified).toBe('2012-07-05T11:00:00+01:00');
    const home = entriesFor([post, ...content.decisions]).find((e) => e.url === `${base()}/`);
    expect(home?.lastModified).toBe('2012-07-05T11:00:00+01:00');
  });

  it('writes a post published at London midnight in summer on its own date, not the UTC day before', () => {
    const post = decision({ slug: 'green-light', published: new Date('2011-06-29T23:00:00Z') });
    const entry = entriesFor([post, ...content.decisions]).find((e) => e.url.endsWith('/decisions/green-light'));
    expect(entry?.lastModified).toBe('2011-06-30T00:00:00+01:00');
  });

  it('leaves out drafts and scheduled posts, and their tags and years', () => {
    const now = new Date('2020-01-01T00:00:00Z');
    const draft = decision({ slug: 'draft-post', published: new Date('2011-07-01T09:00:00Z'), draft: true, tags: ['secret-draft-topic'] });
    const scheduled = decision({ slug: 'scheduled-post', published: new Date('2031-07-01T09:00:00Z'), tags: ['secret-scheduled-topic'] });
    const urls = entriesFor([scheduled, draft, ...content.decisions], now).map((e) => e.url);
    expect(urls.filter((u) => /draft|scheduled|secret|2031/.test(u))).toEqual([]);
  });

  it('lists later pages of the home page when there are more posts than a page holds', () => {
    const many = Array.from({ length: 25 }, (_, i) => decision({ slug: `post-${i}`, published: new Date(Date.UTC(2012, 0, i + 1)) }));
    const urls = entriesFor(many).map((e) => e.url);
    expect(urls).toContain(`${base()}/page/2`);
    expect(urls).toContain(`${base()}/page/3`);
    expect(urls).not.toContain(`${base()}/page/4`);
    expect(urls).toContain(`${base()}/committees/cabinet-resources-committee/page/2`);
  });

  it('lists the later pages of a topic and of a year, 20 decisions a page, never a page 1', () => {
    // 41 posts of 2012 with the topic 'outsourcing' (three pages), 20 of 2013 with 'procurement' (one page).
    const of2013 = Array.from({ length: 20 }, (_, i) => decision({ slug: `proc-${i}`, published: new Date(Date.UTC(2013, 5, 30 - i)), tags: ['procurement'] }));
    const of2012 = Array.from({ length: 41 }, (_, i) =>
      decision({ slug: `out-${i}`, published: new Date(Date.UTC(2012, 11, 31) - i * 86_400_000), tags: ['outsourcing'] }),
    );
    const entries = entriesFor([...of2013, ...of2012]);
    const urls = entries.map((e) => e.url);
    for (const p of [
      '/tags/outsourcing',
      '/tags/outsourcing/page/2',
      '/tags/outsourcing/page/3',
      '/archive/2012',
      '/archive/2012/page/2',
      '/archive/2012/page/3',
      '/tags/procurement',
      '/archive/2013',
    ]) {
      expect(urls, p).toContain(`${base()}${p}`);
    }
    for (const p of ['/tags/outsourcing/page/4', '/archive/2012/page/4', '/tags/procurement/page/2', '/archive/2013/page/2'])
      expect(urls, p).not.toContain(`${base()}${p}`);
    expect(urls.filter((u) => u.endsWith('/page/1'))).toEqual([]);
    // A later page changes whenever its topic does.
    const page3 = entries.find((e) => e.url === `${base()}/tags/outsourcing/page/3`);
    expect(page3?.lastModified).toBe(londonIsoDateTime(of2012[0]!.updated));
  });
});
