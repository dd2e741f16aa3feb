import { describe, expect, it } from 'vitest';
import { buildIndexes } from '../../lib/records/indexes';
import { visibleDecisions } from '../../lib/records/published';
import { search } from '../../lib/search/paging';
import { typosAllowed } from '../../lib/search/ranking';
import { buildSearchEngine, type SearchEngine } from '../../lib/search/search-index';
import { stem } from '../../lib/search/text';
import { QUALITY_POSTS } from '../fixtures/search-quality';
import { decision } from './helpers';

/**
 * Search finds what residents type and not what they did not, over a corpus of near words
 * (parking, parks, park, part, partner) and of words that differ only by form
 * (tests/fixtures/search-quality.ts).
 */

const engine: SearchEngine = buildSearchEngine({
  indexes: buildIndexes(
    visibleDecisions(
      QUALITY_POSTS.map((post, i) => decision({ ...post, published: new Date(Date.UTC(2012, 0, 1 + i, 9)) })),
      { now: new Date('2030-01-01T00:00:00Z'), preview: false },
    ),
  ),
  committees: new Map(),
  projects: new Map(),
  glossary: new Map(),
});

const found = (q: string) => search(engine, { q, page: 1 }, 50).hits.map((hit) => hit.id.replace(/^decision:/, ''));

describe('the stemmer', () => {
  it.each([
    ['approval', 'approved'],
    ['analyses', 'analysis'],
    ['deferral', 'deferred'],
    ['cases', 'case'],
    ['referral', 'referred'],
    ['hypothesis', 'hypotheses'],
    ['meeting', 'meetings'],
  ])('gives %s and %s one stem', (a, b) => {
    expect(stem(a)).toBe(stem(b));
  });

  it('keeps a noun in -ing apart from the word it comes from', () => {
    expect(stem('parking')).not.toBe(stem('parks'));
    expect(stem('housing')).not.toBe(stem('houses'));
  });
});

describe('search quality', () => {
  it.each([
    ['approval', 'libraries-approved'],
    ['approved', 'fees-approval'],
    ['analyses', 'options-analysis'],
    ['analysis', 'cost-analyses'],
    ['deferral', 'leisure-deferred'],
    ['deferred', 'deferral-of-highways'],
  ])('"%s" finds the post that says another form of it (%s)', (q, slug) => {
    expect(found(q)).toContain(slug);
  });

  it('"business cases" and "business case" find the same posts', () => {
    expect(found('business cases').sort()).toEqual(found('business case').sort());
    expect(found('business case')).toEqual(expect.arrayContaining(['business-case', 'business-cases']));
  });

  it('"parking" finds the parking post only, not parks, the park or a part', () => {
    expect(found('parking')).toEqual(['residents-parking-permits']);
  });

  it('the unfinished last word "parkin" finds parking by prefix; an earlier word is not a prefix', () => {
    expect(found('parkin')).toEqual(['residents-parking-permits']);
    expect(found('visitors parkin')).toEqual(['residents-parking-permits']);
    // "perm" (4 letters: no typo match) is a prefix of "permits" as the last word only.
    expect(found('parking perm')).toEqual(['residents-parking-permits']);
    expect(search(engine, { q: 'parking perm', page: 1 }).mode).toBe('all');
    expect(search(engine, { q: 'perm parking', page: 1 }).mode).toBe('any');
  });

  it('the typo "parkng" finds parking', () => {
    expect(found('parkng')).toEqual(['residents-parking-permits']);
  });

  it('typo tolerance grows with the word: none up to 4 letters, one edit up to 7, two from 8', () => {
    expect([1, 4, 5, 7, 8, 12].map((n) => typosAllowed('x'.repeat(n)))).toEqual([0, 0, 1, 1, 2, 2]);
    expect(found('prkingg')).toEqual([]); // two edits from "parking", a 7-letter word
    expect(found('anallysees')).toEqual(expect.arrayContaining(['cost-analyses'])); // two edits, 10 letters
  });

  it('short words have no typo match and a whole word no prefix: "part" finds the part, not parks or the partner', () => {
    const part = found('part');
    expect(part).toContain('back-office-part');
    expect(part).not.toContain('partner-chosen');
    expect(part).not.toContain('parks-maintenance');
    expect(part).not.toContain('victoria-park-cafe');
    expect(found('parks').sort()).toEqual(['parks-maintenance', 'victoria-park-cafe']);
    expect(found('pnrk')).toEqual([]);
  });

  it('ranks exact and stemmed matches above typo matches, even a typo match in a title', () => {
    // "analyses" is in the corpus once; "Analyst" (two edits) is in a title, the strongest field.
    const results = found('analyses');
    expect(results.slice(0, 2).sort()).toEqual(['cost-analyses', 'options-analysis']);
    const typed = found('analysys'); // a typo: cost-analyses and options-analysis by one edit
    expect(typed.indexOf('staff-analyst')).toBeGreaterThan(typed.indexOf('cost-analyses'));
  });

  it('ranks the word as typed above its other forms', () => {
    expect(found('approval')[0]).toBe('fees-approval');
    expect(found('approved')[0]).not.toBe('fees-approval');
  });
});
