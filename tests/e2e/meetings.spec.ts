import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { formatCalendarDate } from '../../lib/dates';
import { hendon } from './routes';
import { startFixtureSite, type FixtureSite } from './fixture-site';

/**
 * Meetings and the register, as a resident meets them, with and without JavaScript: the list
 * of meetings, a meeting's page, the decision page's link to its meeting and its item anchors,
 * a project's path of stages, the calendars; and a forward-plan fixture (a future meeting with
 * an agenda, and a cancelled one) served by a second copy of the build, checked with axe and
 * the Nu HTML Checker like every page type.
 */

const MARCH = '/meetings/2011-03-02-cabinet-resources-committee';

test.describe('meetings on the bundled content', () => {
  test('the meetings list shows past meetings by year, each linked, with calendar links', async ({ page }) => {
    await page.goto('/meetings');
    await expect(page.locator('h1')).toHaveText('Meetings');
    await expect(page.getByRole('heading', { name: 'Coming up' })).toBeVisible();
    const year = page.locator('section[aria-labelledby="year-2011"]');
    await expect(year.getByRole('heading', { name: '2011', exact: true })).toBeVisible();
    // Newest first: 29 June, 24 May, 28 March, 2 March (and the meetings of posts the fixture adds for other tests).
    const seeds = [
      'Cabinet Resources Committee, Wednesday 29 June 2011',
      'Cabinet Resources Committee, Tuesday 24 May 2011',
      'Cabinet Resources Committee, Monday 28 March 2011',
      'Cabinet Resources Committee, Wednesday 2 March 2011',
    ];
    await expect(year.locator('.meeting-list__item a').first()).toBeVisible();
    expect((await year.locator('.meeting-list__item a').allInnerTexts()).filter((text) => seeds.includes(text))).toEqual(seeds);
    await expect(year.locator('.meeting-list__item').last()).toContainText('Hendon Town Hall · 3 decisions');
    await expect(page.getByRole('link', { name: 'Subscribe in your calendar app' })).toHaveAttribute('href', 'webcal://decisions.barnet.example/meetings.ics');
    await expect(page.locator('link[rel="alternate"][type="text/calendar"]')).toHaveAttribute('href', /\/meetings\.ics$/);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Meetings' })).toHaveAttribute('href', '/meetings');
  });

  test('a meeting page shows the committee, date, venue and every item taken, each linked to its post and project', async ({ page }) => {
    await page.goto(MARCH);
    await expect(page.locator('h1')).toContainText('Meeting on Wednesday 2 March 2011');
    const facts = page.locator('dl').first();
    await expect(facts).toContainText('Cabinet Resources Committee');
    await expect(facts).toContainText('Hendon Town Hall');
    const decided = page.locator('section[aria-labelledby="decided-heading"]');
    await expect(decided.locator('h3')).toHaveText([
      'Customer Services Organisation and New Support Organisation options appraisal',
      'Registration and Nationality fees and charges from April 2011',
      'Award of the One Barnet Legal Partner Contract',
    ]);
    await expect(decided.getByText('Accepted', { exact: true })).toBeVisible();
    await expect(decided.getByRole('link', { name: /New Support and Customer Service Organisation/ })).toHaveAttribute('href', '/projects/nscso');
    const postLink = decided.getByRole('link', { name: 'Last night in Hendon' }).first();
    await expect(postLink).toHaveAttribute('href', `${hendon}#item-customer-services-organisation-and-new-support-organisation-options-appraisal`);
    // The link lands on the item itself.
    await postLink.click();
    await expect(page).toHaveURL(new RegExp(`${hendon}#item-`));
    await expect(page.locator('#item-customer-services-organisation-and-new-support-organisation-options-appraisal h3')).toContainText('options appraisal');
    // No register field is in the bundled posts, so none is shown (no "unknown" noise).
    await expect(page.getByText('Key decision')).toHaveCount(0);
  });

  test('a meeting page has Event JSON-LD and Open Graph tags', async ({ page }) => {
    await page.goto(MARCH);
    const scripts = await page.locator('script[type="application/ld+json"]').allTextContents();
    const event = scripts.flatMap((s) => [JSON.parse(s)].flat()).find((d: { '@type'?: string }) => d['@type'] === 'Event');
    expect(event).toMatchObject({ startDate: '2011-03-02', location: { name: 'Hendon Town Hall' }, eventStatus: 'https://schema.org/EventScheduled' });
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Cabinet Resources Committee, Wednesday 2 March 2011');
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', /\/meetings\/2011-03-02-cabinet-resources-committee$/);
  });

  test('a decision page links to its meeting, and each item has its anchor', async ({ page }) => {
    await page.goto(hendon);
    const meetingLink = page.getByRole('link', { name: 'Wednesday 2 March 2011' });
    await expect(meetingLink).toHaveAttribute('href', MARCH);
    await expect(page.locator('[id^="item-"]')).toHaveCount(3);
    await meetingLink.click();
    await expect(page).toHaveURL(new RegExp(`${MARCH}$`));
  });

  test('a committee page lists its meetings and its calendar', async ({ page }) => {
    await page.goto('/committees/cabinet-resources-committee');
    const meetings = page.locator('section[aria-labelledby="meetings-heading"]');
    await expect(meetings.locator('.meeting-list__item a').filter({ hasText: /March|May|June/ })).toHaveCount(4);
    await expect(meetings.getByRole('link', { name: 'Wednesday 2 March 2011' })).toHaveAttribute('href', MARCH);
    await page.getByText('Follow this committee').click();
    await expect(page.getByRole('link', { name: 'Subscribe in your calendar app' })).toHaveAttribute(
      'href',
      'webcal://decisions.barnet.example/committees/cabinet-resources-committee/meetings.ics',
    );
  });

  test('a project page shows the path of its stages, done, current and to come, each linked to the glossary', async ({ page }) => {
    await page.goto('/projects/nscso');
    const steps = page.locator('ol.stage-path > li');
    await expect(steps).toHaveCount(5);
    await expect(steps.locator('.stage-path__name')).toHaveText(['Options appraisal', 'Business case', 'Procurement', 'Contract award', 'In delivery']);
    await expect(steps.locator('.stage-path__state')).toHaveText(['Done', 'Done', 'Current stage', 'To come', 'To come']);
    await expect(page.locator('ol.stage-path > li[aria-current="step"]')).toContainText('Procurement');
    await expect(steps.nth(0)).toContainText('Accepted 2 March 2011');
    await expect(steps.nth(0).getByRole('link', { name: 'Last night in Hendon' })).toHaveAttribute('href', /#item-/);
    await expect(steps.nth(1)).toContainText('Approved 29 June 2011');
    for (const [i, slug] of ['options-appraisal', 'business-case', 'procurement', 'contract-award', 'in-delivery'].entries()) {
      await expect(steps.nth(i).locator('.stage-path__name a')).toHaveAttribute('href', `/glossary/${slug}`);
    }
  });

  test('the calendars are text/calendar with an ETag and answer 304', async ({ request }) => {
    for (const url of ['/meetings.ics', '/committees/cabinet-resources-committee/meetings.ics']) {
      const first = await request.get(url);
      expect(first.status()).toBe(200);
      expect(first.headers()['content-type']).toBe('text/calendar; charset=utf-8');
      const body = await first.text();
      expect(body).toContain('BEGIN:VCALENDAR');
      expect(body).toContain('UID:2011-03-02-cabinet-resources-committee@decisions.barnet.example');
      const etag = first.headers()['etag']!;
      const again = await request.get(url, { headers: { 'If-None-Match': etag } });
      expect(again.status()).toBe(304);
    }
    expect((await request.get('/committees/no-such-body/meetings.ics')).status()).toBe(404);
    expect((await request.get('/meetings/2011-03-03-no-such-meeting')).status()).toBe(404);
  });

  test('search finds meetings, with or without JavaScript', async ({ page }) => {
    await page.goto('/search?q=march+2011+hendon');
    const found = page.locator('section[aria-labelledby="meeting-results-heading"]');
    await expect(found.getByRole('heading', { level: 2 })).toHaveText('Meetings (2)');
    await expect(found.locator('.meeting-list__item a')).toHaveText([
      'Cabinet Resources Committee, Monday 28 March 2011',
      'Cabinet Resources Committee, Wednesday 2 March 2011',
    ]);
    await found.getByRole('link', { name: /Wednesday 2 March 2011/ }).click();
    await expect(page).toHaveURL(new RegExp(`${MARCH}$`));
  });

  test('the sitemap lists the meetings', async ({ request }) => {
    const sitemap = await (await request.get('/sitemap.xml')).text();
    expect(sitemap).toContain('<loc>https://decisions.barnet.example/meetings</loc>');
    expect(sitemap).toContain(`<loc>https://decisions.barnet.example${MARCH}</loc>`);
  });
});

const run = promisify(execFile);
const nextYear = new Date().getUTCFullYear() + 1;
const FUTURE = `${nextYear}-07-20-cabinet-resources-committee`;
const CANCELLED = '2011-09-14-cabinet-resources-committee';

/** A future meeting with a time, an agenda and a note, and a cancelled one: the forward plan, in the tests, not in content/. */
const fixtureMeetings = [
  {
    slug: FUTURE,
    text: [
      '---',
      'committee: cabinet-resources-committee',
      `date: ${nextYear}-07-20T19:00`,
      'venue: "Hendon Town Hall"',
      'papers: "https://barnet.moderngov.co.uk/"',
      'agenda:',
      '  - title: "Adults In-House Services: progress report"',
      '    project: adults-in-house-services',
      '    stage: other',
      '  - title: "Legal Partner contract"',
      '    project: legal-partner',
      '    stage: contract-award',
      '---',
      '',
      'The public may attend this meeting.',
      '',
    ].join('\n'),
  },
  { slug: CANCELLED, text: ['---', 'committee: cabinet-resources-committee', 'date: 2011-09-14', 'cancelled: true', '---', ''].join('\n') },
];

async function asRendered(page: Page, browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  if (javaScriptEnabled) return page;
  // axe needs scripts: without JavaScript, block the site's own instead (as accessibility.spec.ts does).
  const context = await browser.newContext({ javaScriptEnabled: true });
  await context.route('**/_next/static/**/*.js', (route) => route.abort());
  return context.newPage();
}

test.describe('the forward plan (a fixture meeting)', () => {
  let fixture: FixtureSite;
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    fixture = await startFixtureSite([], {}, { meetings: fixtureMeetings });
  });
  test.afterAll(async () => {
    await fixture?.stop();
  });

  // /meetings itself was pre-rendered at build and is regenerated every five minutes, as on the
  // live site; the new meeting's own page is rendered on its first request, with the fixture's file.
  test('an upcoming meeting shows its time, venue and agenda', async ({ page }) => {
    await page.goto(`${fixture.baseURL}/meetings/${FUTURE}`);
    await expect(page.locator('h1')).toContainText(`Meeting on ${formatCalendarDate(`${nextYear}-07-20`, true)}`);
    await expect(page.locator('.govuk-body-l')).toContainText('meets on');
    await expect(page.locator('dl').first()).toContainText('7pm (London time)');
    await expect(page.getByRole('heading', { name: 'What it will consider' })).toBeVisible();
    const agenda = page.locator('section[aria-labelledby="agenda-heading"] ol > li');
    await expect(agenda).toHaveCount(2);
    await expect(agenda.nth(1)).toContainText('Legal Partner contract');
    await expect(agenda.nth(1).getByRole('link')).toHaveAttribute('href', '/projects/legal-partner');
    await expect(page.getByText('The public may attend this meeting.')).toBeVisible();
  });

  test('a cancelled meeting says so, and its calendar event is cancelled', async ({ page, request }) => {
    await page.goto(`${fixture.baseURL}/meetings/${CANCELLED}`);
    await expect(page.getByText('This meeting has been cancelled.')).toBeVisible();
    const ics = await (await request.get(`${fixture.baseURL}/meetings.ics`)).text();
    expect(ics).toContain(`UID:${FUTURE}@decisions.barnet.example`);
    expect(ics).toMatch(/DTSTART;TZID=Europe\/London:\d{8}T190000/);
    expect(ics).toContain('BEGIN:VTIMEZONE');
    expect(ics).toContain('STATUS:CANCELLED');
  });

  test('the upcoming and cancelled meeting pages have no axe violations', async ({ page: testPage, browser, javaScriptEnabled }) => {
    const page = await asRendered(testPage, browser, javaScriptEnabled);
    for (const slug of [FUTURE, CANCELLED]) {
      await page.goto(`${fixture.baseURL}/meetings/${slug}`);
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      expect(results.violations.map((v) => `${slug} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    }
  });

  test('the upcoming and cancelled meeting pages and the forward plan are valid HTML (Nu HTML Checker)', async ({ request }, testInfo) => {
    test.skip(testInfo.project.name !== 'desktop', 'the HTML is the same for every browser project');
    test.setTimeout(120_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'vnu-meetings-'));
    const files: string[] = [];
    for (const [i, url] of [`/meetings/${FUTURE}`, `/meetings/${CANCELLED}`, '/meetings'].entries()) {
      const response = await request.get(`${fixture.baseURL}${url}`);
      expect(response.status(), url).toBe(200);
      const file = path.join(dir, `meeting-${i}.html`);
      writeFileSync(file, await response.text());
      files.push(file);
    }
    const jar = path.join(process.cwd(), 'node_modules/vnu-jar/build/dist/vnu.jar');
    const output = await run('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 20 * 1024 * 1024 }).then(
      (r) => r.stderr || r.stdout,
      (error: { stderr: string; stdout: string }) => error.stderr || error.stdout,
    );
    const messages = (JSON.parse(output || '{"messages":[]}') as { messages: Array<{ type: string; url: string; message: string; extract?: string }> })
      .messages;
    expect(messages.filter((m) => m.type === 'error').map((m) => `${path.basename(m.url)}: ${m.message} ${m.extract ?? ''}`)).toEqual([]);
  });
});
