/**
 * What the meeting and project pages are made from: a project's path of stages (done, current,
 * to come, with the post that did each), the Event JSON-LD of a meeting and the register
 * fields in a post's JSON-LD, and the sitemap's meeting addresses.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { collectContent } from '../../lib/content/collect';
import { meetingsOf, meetingSummary } from '../../lib/meetings';
import { projectStages } from '../../lib/records/project-stages';
import { searchMeetings } from '../../lib/meetings/search';
import { sitemapEntries } from '../../lib/seo/sitemap';
import { decisionJsonLd, meetingJsonLd } from '../../lib/seo/structured-data';
import { contentFiles, post, SITE, siteRecordsOf, textFile } from './helpers';

const NOW = new Date('2011-07-01T12:00:00Z');

function records() {
  const content = collectContent(
    contentFiles(
      [
        post(
          {
            title: 'Options',
            date: '2011-03-03',
            meeting: '2011-03-02',
            decisions: [{ subject: 'NSCSO options appraisal', project: 'nscso', stage: 'options-appraisal', outcome: 'accepted' }],
          },
          { name: '2011-03-03-options' },
        ),
        post({
          decisions: [
            {
              id: 'nscso-bc',
              subject: 'NSCSO business case',
              project: 'nscso',
              stage: 'business-case',
              outcome: 'approved',
              keyDecision: true,
              reference: 'CRC/17',
              wards: ['Hendon', 'Mill Hill'],
            },
          ],
        }),
      ],
      {
        meetings: [
          textFile(
            'content/meetings/2011-07-20-cabinet-resources-committee.md',
            `---\n${stringify({ committee: 'cabinet-resources-committee', date: '2011-07-20T19:00', venue: 'Hendon Town Hall', agenda: [{ title: 'Contract award' }] })}---\n`,
          ),
        ],
      },
    ),
  );
  return siteRecordsOf(content, NOW);
}

describe("a project's path of stages", () => {
  it('marks the stages before its status done, its status current and the rest to come, with the post of each decided stage', () => {
    const r = records();
    const steps = projectStages(r.projects.get('nscso')!, r.indexes.byProject.get('nscso')!);
    expect(steps.map((s) => [s.stage, s.state])).toEqual([
      ['options-appraisal', 'done'],
      ['business-case', 'done'],
      ['procurement', 'current'],
      ['contract-award', 'to-come'],
      ['in-delivery', 'to-come'],
    ]);
    expect(steps[0]!.decided).toMatchObject({ date: '2011-03-02', decision: { slug: '2011-03-03-options' } });
    expect(steps[1]!.decided).toMatchObject({ date: '2011-06-29', item: { id: 'nscso-bc' } });
    expect(steps[2]!.decided).toBeUndefined();
    expect(steps.map((s) => s.glossary)).toEqual(['options-appraisal', 'business-case', 'procurement', 'contract-award', 'in-delivery']);
  });

  it('marks a stage done without a date where no post reports it, and a closed project’s unreached stages as not reached', () => {
    expect(projectStages({ status: 'contract-award' }, []).map((s) => [s.state, s.decided])).toEqual([
      ['done', undefined],
      ['done', undefined],
      ['done', undefined],
      ['current', undefined],
      ['to-come', undefined],
    ]);
    const r = records();
    expect(projectStages({ status: 'closed' }, r.indexes.byProject.get('nscso')!).map((s) => s.state)).toEqual([
      'done',
      'done',
      'not-reached',
      'not-reached',
      'not-reached',
    ]);
  });
});

describe('structured data for meetings and the register', () => {
  it('describes a meeting as a schema.org Event at its London time and place, with what it decided', () => {
    const r = records();
    const committee = r.committees.get('cabinet-resources-committee')!;
    const { bySlug } = meetingsOf(r);
    const july = bySlug.get('2011-07-20-cabinet-resources-committee')!;
    const event = meetingJsonLd(SITE, july, committee, meetingSummary(july, committee, '2011-07-01'));
    expect(event).toMatchObject({
      '@type': 'Event',
      startDate: '2011-07-20T19:00:00+01:00',
      eventStatus: 'https://schema.org/EventScheduled',
      location: { '@type': 'Place', name: 'Hendon Town Hall' },
      url: 'https://decisions.barnet.example/meetings/2011-07-20-cabinet-resources-committee',
      about: [{ '@type': 'Thing', name: 'Contract award' }],
    });
    expect(event.description).toBe('The Cabinet Resources Committee meets on Wednesday 20 July 2011 at 7pm at Hendon Town Hall to consider one item.');
    const june = bySlug.get('2011-06-29-cabinet-resources-committee')!;
    const past = meetingJsonLd(SITE, june, committee, meetingSummary(june, committee, '2011-07-01'));
    expect(past.startDate).toBe('2011-06-29');
    expect(past.location).toBeUndefined();
    expect(past.subjectOf).toEqual([
      {
        '@type': 'CreativeWork',
        '@id': 'https://decisions.barnet.example/decisions/2011-06-30-test-post#item-nscso-bc',
        name: 'NSCSO business case',
        identifier: 'CRC/17',
        spatialCoverage: [
          { '@type': 'Place', name: 'Hendon' },
          { '@type': 'Place', name: 'Mill Hill' },
        ],
        description:
          'Key decision: Yes, this is a key decision. Reference: The council’s reference for this decision is CRC/17. Wards affected: Hendon and Mill Hill.',
      },
    ]);
  });

  it('gives a post’s items as parts only where a register field is given', () => {
    const r = records();
    const withRegister = r.indexes.bySlug.get('2011-06-30-test-post')!;
    const without = r.indexes.bySlug.get('2011-03-03-options')!;
    expect((decisionJsonLd(SITE, withRegister).hasPart as unknown[]).length).toBe(1);
    expect(decisionJsonLd(SITE, without).hasPart).toBeUndefined();
  });

  it('lists /meetings and every meeting in the sitemap', () => {
    const urls = sitemapEntries(records()).map((e) => e.url);
    expect(urls).toEqual(
      expect.arrayContaining([
        'https://decisions.barnet.example/meetings',
        'https://decisions.barnet.example/meetings/2011-03-02-cabinet-resources-committee',
        'https://decisions.barnet.example/meetings/2011-06-29-cabinet-resources-committee',
        'https://decisions.barnet.example/meetings/2011-07-20-cabinet-resources-committee',
      ]),
    );
  });
});

describe('finding meetings from /search', () => {
  it('matches every word against the committee, date, venue, agenda and items, upcoming first', () => {
    const r = records();
    const meetings = meetingsOf(r);
    const find = (q: string) => searchMeetings(meetings, r.committees, q, '2011-07-01').meetings.map((m) => m.date);
    expect(find('cabinet resources')).toEqual(['2011-07-20', '2011-06-29', '2011-03-02']);
    expect(find('CRC june')).toEqual(['2011-06-29']);
    expect(find('Wednesday 2 March 2011')).toEqual(['2011-03-02']);
    expect(find('contract award')).toEqual(['2011-07-20']);
    expect(find('nscso business')).toEqual(['2011-06-29']);
    expect(find('hendon town hall')).toEqual(['2011-07-20']);
    expect(find('the of')).toEqual([]);
    expect(find('budget')).toEqual([]);
  });
});
