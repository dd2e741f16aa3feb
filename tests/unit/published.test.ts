import { describe, expect, it } from 'vitest';
import type { Decision } from '../../lib/content/types';
import { buildIndexes, neighbours, paginate, relatedDecisions } from '../../lib/records/indexes';
import { nextScheduledAt, publicationState, visibleDecisions } from '../../lib/records/published';
import { collect, decision, post } from './helpers';

const at = (iso: string) => new Date(iso);
const slugs = (list: readonly Decision[]) => list.map((d) => d.slug);

describe('what is published', () => {
  const published = decision({ slug: 'published', published: at('2011-06-29T23:00:00Z') });
  const draft = decision({ slug: 'draft', published: at('2011-05-01T00:00:00Z'), draft: true });
  const scheduled = decision({ slug: 'scheduled', published: at('2011-07-31T23:00:00Z') });
  const all = [scheduled, published, draft];
  const now = at('2011-07-01T12:00:00Z');

  it('hides drafts and future-dated posts outside the preview', () => {
    expect(slugs(visibleDecisions(all, { now, preview: false }))).toEqual(['published']);
  });

  it('shows drafts and scheduled posts in the preview, in the order given', () => {
    expect(slugs(visibleDecisions(all, { now, preview: true }))).toEqual(['scheduled', 'published', 'draft']);
  });

  it('names each state', () => {
    expect(publicationState(published, now)).toBe('published');
    expect(publicationState(scheduled, now)).toBe('scheduled');
    expect(publicationState(draft, now)).toBe('draft');
    // A draft stays a draft even after its date.
    expect(publicationState(draft, at('2030-01-01T00:00:00Z'))).toBe('draft');
  });

  it('hides a parsed draft: true post however far in the future "now" is', () => {
    const content = collect(post({ draft: true }));
    expect(content.decisions).toHaveLength(1);
    expect(visibleDecisions(content.decisions, { now: at('2099-01-01T00:00:00Z'), preview: false })).toEqual([]);
    expect(visibleDecisions(content.decisions, { now: at('2099-01-01T00:00:00Z'), preview: true })).toHaveLength(1);
  });

  it('makes a post dated 2011-07-01 visible exactly at midnight London time (23:00Z the day before)', () => {
    const decisions = collect(post({ date: '2011-07-01', meeting: '2011-06-29' })).decisions;
    expect(decisions[0]!.published.toISOString()).toBe('2011-06-30T23:00:00.000Z');
    expect(visibleDecisions(decisions, { now: at('2011-06-30T22:59:59.999Z'), preview: false })).toEqual([]);
    expect(visibleDecisions(decisions, { now: at('2011-06-30T23:00:00.000Z'), preview: false })).toHaveLength(1);
  });

  it('makes a post with a London time visible at that time', () => {
    const decisions = collect(post({ date: '2011-07-01T09:30' })).decisions;
    expect(visibleDecisions(decisions, { now: at('2011-07-01T08:29:59Z'), preview: false })).toEqual([]);
    expect(visibleDecisions(decisions, { now: at('2011-07-01T08:30:00Z'), preview: false })).toHaveLength(1);
  });

  it('in winter, a date-only post is visible from 00:00Z', () => {
    const decisions = collect(post({ date: '2011-12-01', meeting: '2011-11-30' })).decisions;
    expect(visibleDecisions(decisions, { now: at('2011-11-30T23:59:59Z'), preview: false })).toEqual([]);
    expect(visibleDecisions(decisions, { now: at('2011-12-01T00:00:00Z'), preview: false })).toHaveLength(1);
  });

  it('nextScheduledAt gives the soonest scheduled post, ignoring drafts and published ones', () => {
    const later = decision({ slug: 'later', published: at('2011-09-01T00:00:00Z') });
    const futureDraft = decision({ slug: 'future-draft', published: at('2011-07-02T00:00:00Z'), draft: true });
    expect(nextScheduledAt([later, scheduled, futureDraft, published], now)?.toISOString()).toBe('2011-07-31T23:00:00.000Z');
    expect(nextScheduledAt([published, draft], now)).toBeUndefined();
  });
});

describe('indexes over the visible decisions', () => {
  // Newest first, as collectContent and visibleDecisions give them.
  const june = decision({
    slug: 'nscso-business-case',
    published: at('2011-06-29T23:00:00Z'),
    items: [{ id: 'nscso-business-case', subject: 'NSCSO business case', project: 'nscso', stage: 'business-case', outcome: 'approved', documents: [] }],
    tags: ['one-barnet', 'back-office'],
  });
  const may = decision({
    slug: 'adults-business-case',
    published: at('2011-05-24T23:00:00Z'),
    items: [
      {
        id: 'adults-business-case',
        subject: 'Adults business case',
        project: 'adults-in-house-services',
        stage: 'business-case',
        outcome: 'approved',
        documents: [],
      },
    ],
    tags: ['one-barnet'],
    updated: at('2011-08-01T10:00:00Z'),
  });
  const marchLate = decision({
    slug: 'drs-business-case',
    published: at('2011-03-29T23:00:00Z'),
    items: [{ id: 'drs-business-case', subject: 'DRS business case', project: 'drs', stage: 'business-case', outcome: 'approved', documents: [] }],
  });
  const marchEarly = decision({
    slug: 'last-night-in-hendon',
    published: at('2011-03-03T00:00:00Z'),
    items: [
      { id: 'options-appraisal', subject: 'Options appraisal', project: 'nscso', stage: 'options-appraisal', outcome: 'accepted', documents: [] },
      { id: 'fees', subject: 'Fees', stage: 'fees-and-charges', outcome: 'considered', documents: [] },
      { id: 'legal-partner', subject: 'Legal partner', project: 'legal-partner', stage: 'contract-award', outcome: 'considered', documents: [] },
    ],
    tags: ['one-barnet'],
  });
  const cabinet = decision({
    slug: 'cabinet-drs',
    published: at('2010-12-31T23:30:00Z'),
    committee: 'cabinet',
    items: [{ id: 'drs-options', subject: 'DRS options', project: 'drs', stage: 'options-appraisal', outcome: 'agreed', documents: [] }],
  });
  const visible = [june, may, marchLate, marchEarly, cabinet];
  const indexes = buildIndexes(visible);

  it('lists by slug and keeps the newest-first order', () => {
    expect(slugs(indexes.all)).toEqual(slugs(visible));
    expect(indexes.bySlug.get('drs-business-case')).toBe(marchLate);
    expect(indexes.bySlug.has('missing')).toBe(false);
  });

  it('lists a committee’s decisions newest first', () => {
    expect(slugs(indexes.byCommittee.get('cabinet-resources-committee')!)).toEqual([
      'nscso-business-case',
      'adults-business-case',
      'drs-business-case',
      'last-night-in-hendon',
    ]);
    expect(slugs(indexes.byCommittee.get('cabinet')!)).toEqual(['cabinet-drs']);
  });

  it('lists a project’s decision items oldest first, so its story reads forwards', () => {
    const nscso = indexes.byProject.get('nscso')!;
    expect(nscso.map((e) => [e.decision.slug, e.item.stage])).toEqual([
      ['last-night-in-hendon', 'options-appraisal'],
      ['nscso-business-case', 'business-case'],
    ]);
    expect(indexes.byProject.get('drs')!.map((e) => e.decision.slug)).toEqual(['cabinet-drs', 'drs-business-case']);
    expect(indexes.byProject.get('legal-partner')!.map((e) => e.item.subject)).toEqual(['Legal partner']);
  });

  it('indexes tags and London years', () => {
    expect(slugs(indexes.byTag.get('one-barnet')!)).toEqual(['nscso-business-case', 'adults-business-case', 'last-night-in-hendon']);
    // 2010-12-31T23:30Z is still 2010 in London (GMT).
    expect(slugs(indexes.byYear.get(2010)!)).toEqual(['cabinet-drs']);
    expect(indexes.byYear.get(2011)).toHaveLength(4);
  });

  it('gives the latest publication or correction as lastModified', () => {
    expect(indexes.lastModified.toISOString()).toBe('2011-08-01T10:00:00.000Z');
  });

  it('gives newer and older neighbours', () => {
    expect(slugs(Object.values(neighbours(indexes, 'drs-business-case')))).toEqual(['adults-business-case', 'last-night-in-hendon']);
    expect(neighbours(indexes, 'drs-business-case').newer?.slug).toBe('adults-business-case');
    expect(neighbours(indexes, 'drs-business-case').older?.slug).toBe('last-night-in-hendon');
    expect(neighbours(indexes, 'nscso-business-case')).toEqual({ older: may });
    expect(neighbours(indexes, 'cabinet-drs')).toEqual({ newer: marchEarly });
    expect(neighbours(indexes, 'not-a-post')).toEqual({});
  });

  it('relates decisions about the same project first, then the committee’s, never the post itself', () => {
    const related = relatedDecisions(indexes, june);
    expect(related).toHaveLength(3);
    expect(related[0]).toBe(marchEarly);
    expect(related).not.toContain(june);
    expect(new Set(slugs(related)).size).toBe(3);
    expect(slugs(relatedDecisions(indexes, marchLate, 1))).toEqual(['cabinet-drs']);
  });

  it('gives fewer related decisions when there are no more', () => {
    const alone = buildIndexes([cabinet]);
    expect(relatedDecisions(alone, cabinet)).toEqual([]);
  });

  it('keeps drafts out of the indexes when built from visibleDecisions', () => {
    const draft = decision({ slug: 'secret-draft', published: at('2011-06-01T00:00:00Z'), draft: true, tags: ['one-barnet'] });
    const built = buildIndexes(visibleDecisions([...visible, draft], { now: at('2012-01-01T00:00:00Z'), preview: false }));
    expect(built.bySlug.has('secret-draft')).toBe(false);
    expect(slugs(built.byTag.get('one-barnet')!)).not.toContain('secret-draft');
  });
});

describe('paginate', () => {
  const list = Array.from({ length: 25 }, (_, i) => i + 1);

  it('gives the first page', () => {
    expect(paginate(list, 1, 10)).toEqual({ items: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], page: 1, pageCount: 3, total: 25 });
  });

  it('gives a partial last page', () => {
    expect(paginate(list, 3, 10)?.items).toEqual([21, 22, 23, 24, 25]);
  });

  it('gives undefined for page 0 and negative pages', () => {
    expect(paginate(list, 0, 10)).toBeUndefined();
    expect(paginate(list, -1, 10)).toBeUndefined();
  });

  it('gives undefined for a page beyond the end', () => {
    expect(paginate(list, 4, 10)).toBeUndefined();
    expect(paginate(Array.from({ length: 20 }), 3, 10)).toBeUndefined();
  });

  it('gives undefined for a page that is not an integer', () => {
    expect(paginate(list, 1.5, 10)).toBeUndefined();
    expect(paginate(list, Number.NaN, 10)).toBeUndefined();
    expect(paginate(list, Number.POSITIVE_INFINITY, 10)).toBeUndefined();
  });

  it('gives an empty first page for an empty list, and nothing after it', () => {
    expect(paginate([], 1, 10)).toEqual({ items: [], page: 1, pageCount: 1, total: 0 });
    expect(paginate([], 2, 10)).toBeUndefined();
  });
});
