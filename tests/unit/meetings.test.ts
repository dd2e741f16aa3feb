/**
 * Meetings as records (lib/meetings): every (committee, meeting date) of the visible posts is
 * one meeting, a file for the same committee and date adds to it rather than making a second,
 * and content:check reports a wrong meeting file by file, line and field.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { collectContent } from '../../lib/content/collect';
import { checkContentDir } from '../../lib/content/check';
import { meetingsInListOrder, meetingsOf, isUpcoming, formatMeetingTime, meetingTitle } from '../../lib/meetings';
import { registerFacts } from '../../lib/records/register';
import { contentFiles, lineContaining, onlyProblem, post, siteRecordsOf, textFile } from './helpers';
import path from 'node:path';

const AFTER_EVERYTHING = new Date('2012-01-01T00:00:00Z');

function meetingFile(name: string, data: Record<string, unknown>, body = ''): ReturnType<typeof textFile> {
  return textFile(`content/meetings/${name}.md`, `---\n${stringify(data, { lineWidth: 0 })}---\n${body}`);
}

const forwardPlan = () =>
  meetingFile(
    '2011-07-20-cabinet-resources-committee',
    {
      committee: 'cabinet-resources-committee',
      date: '2011-07-20T19:00',
      venue: 'Hendon Town Hall',
      agenda: [{ title: 'Adults In-House Services implementation', project: 'nscso', stage: 'procurement' }],
      papers: 'https://barnet.moderngov.co.uk/',
    },
    '\nThe public may attend.\n',
  );

function recordsWith(decisions = [post()], meetings: ReturnType<typeof textFile>[] = [], now = AFTER_EVERYTHING) {
  const content = collectContent(contentFiles(decisions, { meetings }));
  return siteRecordsOf(content, now);
}

describe('meeting derivation', () => {
  it('makes one meeting of every distinct committee and meeting date of the posts', () => {
    const records = recordsWith([
      post({ title: 'First', meeting: '2011-06-29' }, { name: '2011-06-30-first' }),
      post(
        { title: 'Second', meeting: '2011-06-29', decisions: [{ subject: 'Fees', stage: 'fees-and-charges', outcome: 'agreed' }] },
        { name: '2011-07-01-second' },
      ),
      post({ title: 'Third', meeting: '2011-05-24' }, { name: '2011-05-25-third' }),
      post({ title: 'No meeting date', meeting: undefined }, { name: '2011-05-26-no-date' }),
    ]);
    const { all, bySlug, byDecision } = meetingsOf(records);
    expect(all.map((m) => m.slug)).toEqual(['2011-05-24-cabinet-resources-committee', '2011-06-29-cabinet-resources-committee']);
    const june = bySlug.get('2011-06-29-cabinet-resources-committee')!;
    // Both posts' items, oldest post first, each keeping its permanent id.
    expect(june.decisions.map(({ decision, item }) => `${decision.slug}#${item.id}`)).toEqual([
      '2011-06-30-first#new-support-and-customer-service-organisation-business-case',
      '2011-07-01-second#fees',
    ]);
    expect(byDecision.get('2011-07-01-second')?.slug).toBe(june.slug);
    expect(byDecision.has('2011-05-26-no-date')).toBe(false);
  });

  it('merges a file for the same committee and date into the meeting the posts know, never a second one', () => {
    const file = meetingFile('2011-06-29-cabinet-resources-committee', {
      committee: 'cabinet-resources-committee',
      date: '2011-06-29T19:00',
      venue: 'Hendon Town Hall',
      papers: 'https://barnet.moderngov.co.uk/',
    });
    const { all } = meetingsOf(recordsWith([post()], [file]));
    expect(all).toHaveLength(1);
    expect(all[0]).toMatchObject({
      slug: '2011-06-29-cabinet-resources-committee',
      time: '19:00',
      venue: 'Hendon Town Hall',
      papers: 'https://barnet.moderngov.co.uk/',
    });
    expect(all[0]!.decisions).toHaveLength(1);
  });

  it('keeps a meeting no post reports yet (the forward plan), with its agenda and note', () => {
    const { all } = meetingsOf(recordsWith([post()], [forwardPlan()]));
    const july = all.find((m) => m.slug === '2011-07-20-cabinet-resources-committee')!;
    expect(july.decisions).toEqual([]);
    expect(july.agenda.map((a) => a.title)).toEqual(['Adults In-House Services implementation']);
    expect(july.note?.trim()).toBe('The public may attend.');
  });

  it('is made from visible posts only: a scheduled post neither makes nor fills a meeting', () => {
    const scheduled = post({ title: 'Later', date: '2011-08-01', meeting: '2011-07-27' }, { name: '2011-08-01-later' });
    const before = meetingsOf(recordsWith([post(), scheduled], [], new Date('2011-07-30T12:00:00Z')));
    expect(before.all.map((m) => m.date)).toEqual(['2011-06-29']);
    const after = meetingsOf(recordsWith([post(), scheduled], [], new Date('2011-08-02T12:00:00Z')));
    expect(after.all.map((m) => m.date)).toEqual(['2011-06-29', '2011-07-27']);
  });

  it('lists upcoming meetings soonest first, then past ones newest first', () => {
    const later = meetingFile('2011-09-14-cabinet-resources-committee', { committee: 'cabinet-resources-committee', date: '2011-09-14' });
    const records = recordsWith(
      [post(), post({ title: 'May', meeting: '2011-05-24' }, { name: '2011-05-25-may' })],
      [forwardPlan(), later],
      new Date('2011-07-01T12:00:00Z'),
    );
    const { upcoming, past } = meetingsInListOrder(meetingsOf(records).all, '2011-07-01');
    expect(upcoming.map((m) => m.date)).toEqual(['2011-07-20', '2011-09-14']);
    expect(past.map((m) => m.date)).toEqual(['2011-06-29', '2011-05-24']);
  });

  it('treats a meeting today as upcoming until a post reports it', () => {
    const { all } = meetingsOf(recordsWith([post()], [forwardPlan()]));
    const june = all.find((m) => m.date === '2011-06-29')!;
    const july = all.find((m) => m.date === '2011-07-20')!;
    expect(isUpcoming(july, '2011-07-20')).toBe(true);
    expect(isUpcoming(june, '2011-06-29')).toBe(false);
    expect(isUpcoming(july, '2011-07-21')).toBe(false);
  });

  it('names meetings and times as GOV.UK writes them', () => {
    const { all } = meetingsOf(recordsWith());
    expect(meetingTitle(all[0]!, { name: 'Cabinet Resources Committee' })).toBe('Cabinet Resources Committee, Wednesday 29 June 2011');
    expect([formatMeetingTime('19:00'), formatMeetingTime('09:30'), formatMeetingTime('12:00'), formatMeetingTime('12:15')]).toEqual([
      '7pm',
      '9:30am',
      'midday',
      '12:15pm',
    ]);
  });
});

describe('content:check on meeting files', () => {
  const problemsWith = (...meetings: ReturnType<typeof textFile>[]) => collectContent(contentFiles([post()], { meetings })).problems;

  it('accepts a file with a date-time, an agenda and no note', () => {
    const file = meetingFile('2011-07-20-cabinet-resources-committee', {
      committee: 'cabinet-resources-committee',
      date: '2011-07-20T19:00',
      agenda: [{ title: 'Something' }],
    });
    expect(problemsWith(file)).toEqual([]);
  });

  it('names an unknown committee on its line, with a suggestion', () => {
    const file = meetingFile('2011-07-20-cabinet-resources-comittee', { committee: 'cabinet-resources-comittee', date: '2011-07-20' });
    const p = onlyProblem(problemsWith(file));
    expect(p).toMatchObject({ file: file.path, field: 'committee', line: lineContaining(file.text, 'committee:'), severity: 'error' });
    expect(p.message).toContain("did you mean 'cabinet-resources-committee'?");
  });

  it('names an unknown agenda project on its line, with a suggestion', () => {
    const file = meetingFile('2011-07-20-cabinet-resources-committee', {
      committee: 'cabinet-resources-committee',
      date: '2011-07-20',
      agenda: [{ title: 'X', project: 'nscs' }],
    });
    const p = onlyProblem(problemsWith(file));
    expect(p).toMatchObject({ field: 'agenda[0].project', line: lineContaining(file.text, 'project: nscs') });
    expect(p.message).toContain("did you mean 'nscso'?");
  });

  it('rejects an impossible date, a bad time, a non-http link and an unknown field', () => {
    const file = meetingFile('2011-02-31-cabinet-resources-committee', {
      committee: 'cabinet-resources-committee',
      date: '2011-02-31',
      papers: 'javascript:alert(1)',
      venu: 'Hendon Town Hall',
    });
    const fields = problemsWith(file).map((p) => p.field);
    expect(fields).toEqual(expect.arrayContaining(['date', 'papers', 'venu']));
    const late = meetingFile('2011-07-20-cabinet-resources-committee', { committee: 'cabinet-resources-committee', date: '2011-07-20T25:00' });
    expect(onlyProblem(problemsWith(late)).field).toBe('date');
  });

  it('requires the file to be named after its date and committee, its permanent address', () => {
    const file = meetingFile('july-meeting', { committee: 'cabinet-resources-committee', date: '2011-07-20' });
    const p = onlyProblem(problemsWith(file));
    expect(p).toMatchObject({ field: 'file', severity: 'error' });
    expect(p.message).toContain("'2011-07-20-cabinet-resources-committee.md'");
  });

  it('warns when a post reports decisions from a meeting its file says was cancelled', () => {
    const file = meetingFile('2011-06-29-cabinet-resources-committee', { committee: 'cabinet-resources-committee', date: '2011-06-29', cancelled: true });
    const p = onlyProblem(problemsWith(file));
    expect(p).toMatchObject({ field: 'cancelled', severity: 'warning' });
  });

  it('checks the bundled meeting files, which give only facts the sources give (the venue)', async () => {
    const report = await checkContentDir(path.resolve(__dirname, '../../content'));
    expect(report.errors).toBe(0);
    expect(report.counts.meetings).toBeGreaterThanOrEqual(4);
    for (const meeting of report.content.meetings.values()) {
      expect(meeting.venue).toBe('Hendon Town Hall');
      expect(meeting.time).toBeUndefined();
      expect(meeting.agenda).toEqual([]);
    }
  });
});

describe('the register fields in plain English', () => {
  it('say nothing where a post gives none', () => {
    expect(registerFacts({})).toEqual([]);
  });

  it('explain each field given, linked to its glossary term where one is needed', () => {
    const facts = registerFacts({
      keyDecision: true,
      reference: 'CRC/2011/17',
      callIn: { deadline: '2011-07-06', outcome: 'not-called-in' },
      wards: ['Hendon', 'Mill Hill', 'Edgware'],
    });
    expect(facts).toEqual([
      { label: 'Key decision', value: 'Yes, this is a key decision', glossary: 'key-decision' },
      { label: 'Reference', value: 'The council’s reference for this decision is CRC/2011/17' },
      { label: 'Call-in', value: 'The decision could be called in until Wednesday 6 July 2011. It was not called in.', glossary: 'call-in' },
      { label: 'Wards affected', value: 'Hendon, Mill Hill and Edgware' },
    ]);
    expect(registerFacts({ keyDecision: false, callIn: { deadline: '2011-07-06' }, wards: ['Hendon'] }).map((f) => f.value)).toEqual([
      'No, this is not a key decision',
      'The decision could be called in until Wednesday 6 July 2011. Whether it was called in is not yet recorded here.',
      'Hendon',
    ]);
  });

  it('reach the records from a post, with every item keeping its id', () => {
    const records = recordsWith([
      post({
        decisions: [
          {
            id: 'nscso-bc',
            subject: 'NSCSO business case',
            project: 'nscso',
            stage: 'business-case',
            outcome: 'approved',
            keyDecision: true,
            callIn: { deadline: '2011-07-06' },
          },
          { subject: 'Fees', stage: 'fees-and-charges', outcome: 'agreed', wards: ['Hendon'] },
        ],
      }),
    ]);
    const [meeting] = meetingsOf(records).all;
    expect(meeting!.decisions.map(({ item }) => [item.id, registerFacts(item).map((f) => f.label)])).toEqual([
      ['nscso-bc', ['Key decision', 'Call-in']],
      ['fees', ['Ward affected']],
    ]);
  });
});
