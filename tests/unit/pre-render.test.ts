/**
 * What the build renders ahead of time (lib/records/pre-render.ts): the newest decisions, every
 * meeting still to come and the most recent past ones, a number that stays the same however
 * long the archive grows. Everything else is rendered on its first request.
 */
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { collectContent } from '../../lib/content/collect';
import { meetingsOf, meetingsToPreRender } from '../../lib/meetings';
import { PRE_RENDERED_RECENT, recentToPreRender } from '../../lib/records/pre-render';
import { contentFiles, post, siteRecordsOf, textFile } from './helpers';

const NOW = new Date('2011-07-01T12:00:00Z');
const DAY = 24 * 60 * 60 * 1000;

/** London dates, one a day, ending the day before NOW: a post the day after each meeting. */
function pastDays(count: number): Array<{ meeting: string; date: string }> {
  return Array.from({ length: count }, (_, i) => {
    const meeting = new Date(NOW.getTime() - (count - i + 1) * DAY).toISOString().slice(0, 10);
    const date = new Date(NOW.getTime() - (count - i) * DAY).toISOString().slice(0, 10);
    return { meeting, date };
  });
}

function archive(posts: number, upcoming: string[]) {
  const decisions = pastDays(posts).map(({ meeting, date }, i) =>
    post({ title: `Decision number ${i + 1}`, date, meeting, summary: `Decision number ${i + 1} was approved.` }, { name: `${date}-decision-${i + 1}` }),
  );
  const meetings = upcoming.map((date) =>
    textFile(
      `content/meetings/${date}-cabinet-resources-committee.md`,
      `---\n${stringify({ committee: 'cabinet-resources-committee', date: `${date}T19:00`, agenda: [{ title: 'Budget monitoring' }] })}---\n`,
    ),
  );
  const content = collectContent(contentFiles(decisions, { meetings }));
  expect(content.problems.filter((p) => p.severity === 'error')).toEqual([]);
  return siteRecordsOf(content, NOW);
}

describe('what the build pre-renders', () => {
  const records = archive(PRE_RENDERED_RECENT + 50, ['2011-07-20', '2011-09-14']);

  it('renders the newest decisions only, newest first', () => {
    const rendered = recentToPreRender(records.indexes.all);
    expect(records.indexes.all).toHaveLength(PRE_RENDERED_RECENT + 50);
    expect(rendered).toHaveLength(PRE_RENDERED_RECENT);
    expect(rendered[0]!.title).toBe(`Decision number ${PRE_RENDERED_RECENT + 50}`);
    expect(rendered.map((d) => d.title)).not.toContain('Decision number 50');
  });

  it('renders every meeting still to come and the most recent past ones, not the oldest', () => {
    const all = meetingsOf(records).all;
    expect(all).toHaveLength(PRE_RENDERED_RECENT + 52);
    const rendered = meetingsToPreRender(records).map((m) => m.slug);
    expect(rendered).toHaveLength(PRE_RENDERED_RECENT + 2);
    expect(rendered.slice(0, 2)).toEqual(['2011-07-20-cabinet-resources-committee', '2011-09-14-cabinet-resources-committee']);
    // The newest past meeting is in, the oldest is left to its first request.
    expect(rendered).toContain(all.at(-3)!.slug);
    expect(rendered).not.toContain(all[0]!.slug);
  });

  it('renders the same number of pages for a small archive and for a larger one', () => {
    const larger = archive(PRE_RENDERED_RECENT + 400, []);
    expect(meetingsToPreRender(larger)).toHaveLength(PRE_RENDERED_RECENT);
    expect(recentToPreRender(larger.indexes.all)).toHaveLength(PRE_RENDERED_RECENT);
    const small = archive(3, []);
    expect(meetingsToPreRender(small)).toHaveLength(3);
  });
});
