import { readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkContentDir, formatReport, type CheckReport } from '../../lib/content/check';
import { formatProblem } from '../../lib/content/problems';
import { FIXTURE_CONTENT } from '../support/content';

/** The four posts of the seeds; the fixture also holds posts added for other tests (the decision record's, for one). */
const SEED_POSTS = [
  '2011-03-03-last-night-in-hendon',
  '2011-03-30-another-one-barnet-project-approved',
  '2011-05-25-adults-in-house-services-business-case-approved',
  '2011-06-30-back-office-and-customer-service-project-given-the-green-light',
];
const FIXTURE_POSTS = readdirSync(path.join(FIXTURE_CONTENT, 'decisions')).filter((name) => name.endsWith('.md')).length;

describe("the seeds' posts (tests/fixtures/content, the copy of content/ the tests read)", () => {
  let report: CheckReport;
  beforeAll(async () => {
    report = await checkContentDir(FIXTURE_CONTENT);
  });

  it('has no errors', () => {
    expect(report.problems.filter((p) => p.severity === 'error').map(formatProblem)).toEqual([]);
    expect(report.errors).toBe(0);
    expect(formatReport(report)).toMatch(new RegExp(`^Content is valid: ${FIXTURE_POSTS} decision posts, `, 'm'));
  });

  it('has the 4 decision posts from the seeds, and every post in the folder', () => {
    expect(report.counts.decisions).toBe(FIXTURE_POSTS);
    expect(report.content.decisions).toHaveLength(FIXTURE_POSTS);
    const slugs = report.content.decisions.map((d) => d.slug);
    for (const seed of SEED_POSTS) expect(slugs).toContain(seed);
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
