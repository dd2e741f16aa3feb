/**
 * Key decisions in the forward plan: an agenda item of a meeting file may say `keyDecision`,
 * `noticeDate` and `id` (lib/content/schemas.ts agendaItemSchema), and the meeting page says so
 * in plain English (components/MeetingView.tsx).
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { MeetingView } from '../../components/MeetingView';
import { collectContent } from '../../lib/content/collect';
import { agendaItemSchema } from '../../lib/content/schemas';
import { meetingsOf } from '../../lib/meetings';
import { contentFiles, post, siteRecordsOf, textFile } from './helpers';

const NOW = new Date('2011-07-01T12:00:00Z');
const SLUG = '2011-07-20-cabinet-resources-committee';

function meetingFile(fields: Record<string, unknown>) {
  return textFile(`content/meetings/${SLUG}.md`, `---\n${stringify({ committee: 'cabinet-resources-committee', date: '2011-07-20', ...fields })}---\n`);
}

function contentWith(fields: Record<string, unknown>) {
  return collectContent(contentFiles([post()], { meetings: [meetingFile(fields)] }));
}

const errorsOf = (fields: Record<string, unknown>) => contentWith(fields).problems.filter((p) => p.severity === 'error');

describe('forward-plan fields of an agenda item', () => {
  it('are defined once in the schema, each with a plain-English description', () => {
    const shape = agendaItemSchema.shape;
    expect(shape.keyDecision.description).toMatch(/key decision/);
    expect(shape.noticeDate.unwrap().description).toMatch(/first published in the forward plan/);
    expect(shape.id.description).toMatch(/permanent name within the meeting/);
  });

  it('are optional: an agenda item without them is valid and gets an id made from its title', () => {
    const content = contentWith({ agenda: [{ title: 'Legal Partner: contract award' }] });
    expect(content.problems.filter((p) => p.severity === 'error')).toEqual([]);
    const item = content.meetings.get(SLUG)!.agenda[0]!;
    expect(item).toEqual({ id: 'legal-partner-contract-award', title: 'Legal Partner: contract award', documents: [] });
  });

  it('keep a given id, key decision and notice date', () => {
    const content = contentWith({
      agenda: [{ id: 'nscso-award', title: 'NSCSO contract award', project: 'nscso', keyDecision: true, noticeDate: '2011-06-01' }],
    });
    expect(content.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(content.meetings.get(SLUG)!.agenda[0]).toMatchObject({ id: 'nscso-award', keyDecision: true, noticeDate: '2011-06-01' });
  });

  it('accept a notice date on the day of the meeting, but not after it: a plain-English problem on the field', () => {
    expect(errorsOf({ agenda: [{ title: 'A', keyDecision: true, noticeDate: '2011-07-20' }] })).toEqual([]);
    const [problem, ...rest] = errorsOf({ date: '2011-07-20T19:00', agenda: [{ title: 'A' }, { title: 'B', keyDecision: true, noticeDate: '2011-08-01' }] });
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: `content/meetings/${SLUG}.md`, field: 'agenda[1].noticeDate' });
    expect(problem!.message).toBe(
      'The notice date 2011-08-01 is after the meeting (2011-07-20): a key decision is published in the forward plan before the meeting that takes it. Check both dates.',
    );
  });

  it('refuse an impossible notice date and a key decision that is not true or false', () => {
    const errors = errorsOf({ agenda: [{ title: 'A', keyDecision: 'yes', noticeDate: '2011-02-31' }] });
    expect(errors.map((e) => e.field).sort()).toEqual(['agenda[0].keyDecision', 'agenda[0].noticeDate']);
    expect(errors.find((e) => e.field === 'agenda[0].noticeDate')!.message).toContain("'2011-02-31' is not a real date");
  });

  it('refuse two items with the same id, given or made from the title, and say which item has it', () => {
    const derived = errorsOf({ agenda: [{ title: 'Budget' }, { title: 'Budget!' }] });
    expect(derived).toHaveLength(1);
    expect(derived[0]).toMatchObject({ field: 'agenda[1].title' });
    expect(derived[0]!.message).toBe("Item 1 already has the id 'budget': give this item its own id, like 'id: budget-2'.");
    const given = errorsOf({ agenda: [{ title: 'Budget' }, { id: 'budget', title: 'Another' }] });
    expect(given.map((e) => e.field)).toEqual(['agenda[1].id']);
    expect(errorsOf({ agenda: [{ id: 'Not A Slug', title: 'A' }] }).map((e) => e.field)).toEqual(['agenda[0].id']);
  });
});

describe('the meeting page', () => {
  function render(agenda: Array<Record<string, unknown>>, glossary: ReadonlySet<string> = new Set(['key-decision'])) {
    const records = siteRecordsOf(contentWith({ agenda }), NOW);
    const meeting = meetingsOf(records).bySlug.get(SLUG)!;
    return renderToStaticMarkup(
      createElement(MeetingView, {
        meeting,
        committee: records.committees.get('cabinet-resources-committee')!,
        projects: records.projects,
        glossary,
        today: '2011-07-01',
        committeeSite: 'https://barnet.moderngov.co.uk/',
      }),
    );
  }

  it('shows a key decision as such, linked to the glossary, with the date it was first published in the forward plan', () => {
    const html = render([{ id: 'nscso-award', title: 'NSCSO contract award', keyDecision: true, noticeDate: '2011-06-01' }]);
    expect(html).toContain('<li id="agenda-nscso-award">');
    expect(html).toContain('<strong class="govuk-tag govuk-tag--orange">Key decision</strong>');
    expect(html).toContain(
      'This is a <a class="govuk-link" href="/glossary/key-decision">key decision</a>, first published in the forward plan on <time dateTime="2011-06-01">1 June 2011</time>.',
    );
  });

  it('says "key decision" without a link where the glossary has no such term, and no notice date where none is given', () => {
    const html = render([{ title: 'NSCSO contract award', keyDecision: true }], new Set());
    expect(html).toContain('This is a key decision.');
    expect(html).not.toContain('forward plan on');
  });

  it('says nothing of key decisions for an item that gives neither field, nor for one that is not a key decision', () => {
    const html = render([{ title: 'Progress report' }, { title: 'Minutes', keyDecision: false }]);
    expect(html).toContain('<li id="agenda-progress-report">');
    expect(html).not.toContain('Key decision');
    expect(html).not.toContain('key decision');
  });
});
