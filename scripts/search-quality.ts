/**
 * Prints, for a set of queries, how many results the search gives and the first three, over the
 * fixture content (tests/fixtures/content) and the near-words corpus of the search-quality test
 * (tests/fixtures/search-quality.ts). The before/after table in docs/search.md comes from it.
 * Run: CONTENT_DIR=tests/fixtures/content npx tsx scripts/search-quality.ts
 */
import { checkContentDir } from '../lib/content/check';
import type { Decision } from '../lib/content/types';
import { buildIndexes } from '../lib/records/indexes';
import { visibleDecisions } from '../lib/records/published';
import { search } from '../lib/search/paging';
import { buildSearchEngine } from '../lib/search/search-index';
import { contentRoot, FIXTURE_CONTENT_DIR } from '../lib/server/runtime';
import { QUALITY_POSTS } from '../tests/fixtures/search-quality';

const QUERIES = [
  'approval',
  'analyses',
  'deferral',
  'business cases',
  'parkin',
  'parkng',
  'parking',
  'parks',
  'part',
  'wedding fees',
  'outsourcing',
  'catalist',
  'direct payment',
  'customer servic',
  'legal',
];

const report = await checkContentDir(contentRoot({ CONTENT_DIR: FIXTURE_CONTENT_DIR }));
const { content } = report;
const quality: Decision[] = QUALITY_POSTS.map((post, i) => ({
  file: `content/decisions/${post.slug}.md`,
  slug: post.slug,
  title: post.title,
  summary: post.summary,
  body: post.body,
  published: new Date(Date.UTC(2012, 0, 1 + i, 9)),
  updated: new Date(Date.UTC(2012, 0, 1 + i, 9)),
  committee: 'cabinet-resources-committee',
  items: [{ id: 'item', subject: 'Item', stage: 'other', outcome: 'noted', documents: [] }],
  tags: [],
  draft: false,
  updates: [],
  glossaryLinks: true,
}));
const decisions = [...quality, ...content.decisions];
const engine = buildSearchEngine({
  indexes: buildIndexes(visibleDecisions(decisions, { now: new Date(), preview: false })),
  committees: content.committees,
  projects: content.projects,
  glossary: content.glossary,
});
for (const q of QUERIES) {
  const response = search(engine, { q, page: 1 }, 50);
  const top = response.hits.slice(0, 3).map((h) => h.id.replace(/^decision:/, ''));
  console.log(`| ${q} | ${response.total} | ${top.join(', ')} |`);
}
