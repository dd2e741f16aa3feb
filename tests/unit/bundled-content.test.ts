import { beforeAll, describe, expect, it } from 'vitest';
import { checkContentDir, formatReport, type CheckReport } from '../../lib/content/check';
import { formatProblem } from '../../lib/content/problems';
import { FIXTURE_CONTENT } from '../support/content';

describe("the seeds' posts (tests/fixtures/content, the copy of content/ the tests read)", () => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkContentDir(FIXTURE_CONTENT);
  });

  it('has no errors', () => {
    expect(report.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    expect(report.errors).toBe(0);
    expect(formatReport(report)).toMatch(new RegExp(`^Content is valid: ${report.counts.decisions} decision posts, `, 'm'));
  });

  it('has the 4 decision posts from the seeds (besides the fixture-only posts, whose slugs say fixture)', () => {
    expect(report.content.decisions.filter((d) => !d.slug.includes('fixture'))).toHaveLength(4);
    expect(report.counts.decisions).toBe(report.content.decisions.length);
    // Newest first.
    const times = report.content.decisions.map((d) => d.published.getTime());
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('reports "Last night in Hendon" as 3 decisions at the meeting of 2011-03-02', () => {
    const hendon = report.content.decisions.find((d) => d.title === 'Last night in Hendon');
    expect(hendon).toBeDefined();
    expect(hendon!.meeting).toBe('2011-03-02');
    expect(hendon!.items).toHaveLength(3);
    expect(hendon!.committee).toBe('cabinet-resources-committee');
  });

  it('keeps the £40 fee and the Catalyst remark in the post bodies', () => {
    const bodies = report.content.decisions.map((d) => d.body).join('\n');
    expect(bodies).toContain('£40');
    expect(bodies).toContain('Catalyst');
  });

  it('resolves every committee and project a post refers to', () => {
    for (const decision of report.content.decisions) {
      expect(report.content.committees.has(decision.committee), `${decision.file}: committee ${decision.committee}`).toBe(true);
      for (const item of decision.items) {
        if (item.project) expect(report.content.projects.has(item.project), `${decision.file}: project ${item.project}`).toBe(true);
      }
    }
  });

  it('has at least 10 glossary terms, each with a summary and an explanation', () => {
    expect(report.counts.glossary).toBeGreaterThanOrEqual(10);
    for (const term of report.content.glossary.values()) {
      expect(term.summary.length, term.file).toBeGreaterThan(0);
      expect(term.body.trim().length, term.file).toBeGreaterThan(0);
    }
  });

  it('gives every decision item a stage and an outcome from the contract', () => {
    const items = report.content.decisions.flatMap((d) => d.items);
    expect(items.length).toBeGreaterThanOrEqual(6);
    for (const item of items) {
      expect(item.subject.length).toBeGreaterThan(0);
      expect(item.stage).toMatch(/^(options-appraisal|business-case|procurement|contract-award|fees-and-charges|policy|other)$/);
      expect(item.outcome).toMatch(/^(approved|accepted|agreed|rejected|deferred|noted|awarded|considered)$/);
    }
  });

  it('reads the site settings', () => {
    expect(report.content.site?.councilName).toBe('London Borough of Barnet');
    expect(report.content.site?.baseUrl).toMatch(/^https:\/\//);
  });
});
