import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { makerPages, officerDecision } from './routes';

/**
 * Decision makers of every kind (issue 24), on the fixture's officer (Director of Commercial
 * Services) and cabinet member (Cabinet Member for Resources): who decided, no meeting anywhere,
 * /committees grouped by kind, and the maker and key filters on the search, the feeds and the
 * data. Runs with and without JavaScript (the no-js project's testMatch names this file).
 */

const run = promisify(execFile);

/** axe cannot run where JavaScript is off: the no-JS project opens the page with the site's scripts blocked instead (as accessibility.spec.ts does). */
async function pageAsRendered(page: Page, browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  if (javaScriptEnabled) return page;
  const context = await browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() ?? undefined });
  await context.route('**/_next/static/**/*.js', (route) => route.abort());
  return context.newPage();
}

const checked = [...makerPages, { name: 'decision makers', path: '/committees' }];

for (const { name, path: url } of checked) {
  test(`${name} page has no axe violations (WCAG 2.2 AA)`, async ({ page: testPage, browser, javaScriptEnabled }) => {
    const page = await pageAsRendered(testPage, browser, javaScriptEnabled);
    await page.goto(url);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
  });
}

test('the decision makers’ pages are valid HTML (Nu HTML Checker)', async ({ request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the HTML is the same for every browser project');
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'vnu-makers-'));
  const files: string[] = [];
  for (const [i, { path: url }] of checked.entries()) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    const file = path.join(dir, `page-${i}.html`);
    writeFileSync(file, await response.text());
    files.push(file);
  }
  const jar = path.join(process.cwd(), 'node_modules/vnu-jar/build/dist/vnu.jar');
  const output = await run('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 20 * 1024 * 1024 }).then(
    (r) => r.stderr || r.stdout,
    (error: { stderr: string; stdout: string }) => error.stderr || error.stdout,
  );
  const messages = (JSON.parse(output || '{"messages":[]}') as { messages: Array<{ type: string; url: string; message: string; extract?: string }> }).messages;
  expect(messages.filter((m) => m.type === 'error').map((m) => `${path.basename(m.url)}: ${m.message} ${m.extract ?? ''}`)).toEqual([]);
});

test('an officer’s decision says who decided, links delegated powers, and speaks of no meeting', async ({ page }) => {
  await page.goto(officerDecision);
  const main = page.locator('main');
  const decidedBy = main.locator('.govuk-summary-list__row', { has: page.locator('dt', { hasText: 'Decided by' }) });
  await expect(decidedBy.locator('dd')).toHaveText('the Director of Commercial Services, an officer acting under delegated powers');
  await expect(decidedBy.getByRole('link', { name: 'Director of Commercial Services' })).toHaveAttribute('href', '/committees/director-of-commercial-services');
  await expect(decidedBy.getByRole('link', { name: 'delegated powers' })).toHaveAttribute('href', '/glossary/delegated-powers');
  // The author (who wrote the post) is not the decision maker.
  await expect(main).toContainText('written by Fixture author');
  await expect(main).not.toContainText(/meeting/i);
  await expect(main.locator('a[href^="/meetings"]')).toHaveCount(0);
});

test('a cabinet member’s decision names the portfolio, without a meeting', async ({ page }) => {
  await page.goto('/decisions/2010-11-22-fixture-cabinet-member-decision-on-fees');
  const row = page.locator('main .govuk-summary-list__row', { has: page.locator('dt', { hasText: 'Decided by' }) });
  await expect(row.locator('dd')).toHaveText('the Cabinet Member for Resources');
  await expect(page.locator('main')).not.toContainText(/meeting/i);
});

test('a committee’s decision keeps its meeting', async ({ page }) => {
  await page.goto('/decisions/2011-03-03-last-night-in-hendon');
  await expect(page.locator('main dt', { hasText: 'Meeting date' })).toHaveCount(1);
});

test('no meeting of an officer or a cabinet member anywhere: not in /meetings, not in calendars', async ({ page, request }) => {
  await page.goto('/meetings');
  await expect(page.locator('main')).not.toContainText('Director of Commercial Services');
  await expect(page.locator('main')).not.toContainText('Cabinet Member for Resources');
  const all = await request.get('/meetings.ics');
  expect(all.status()).toBe(200);
  const calendar = await all.text();
  expect(calendar).not.toContain('Director of Commercial Services');
  expect(calendar).not.toContain('Cabinet Member for Resources');
  expect((await request.get('/committees/director-of-commercial-services/meetings.ics')).status()).toBe(404);
  expect((await request.get('/meetings/2010-11-15-director-of-commercial-services')).status()).toBe(404);
});

test('the officer’s page lists its decisions, says it decides alone, and offers no meetings or calendar', async ({ page }) => {
  await page.goto('/committees/director-of-commercial-services');
  const main = page.locator('main');
  await expect(main.locator('h1')).toHaveText('Director of Commercial Services');
  await expect(main).toContainText(
    'Decisions here are taken without a meeting: decided by the Director of Commercial Services, an officer acting under delegated powers.',
  );
  await expect(main.getByRole('link', { name: 'Fixture: officer decision on a printing contract' })).toBeVisible();
  await expect(main.locator('#meetings-heading')).toHaveCount(0);
  await expect(main.locator('a[href$="meetings.ics"]')).toHaveCount(0);
  await expect(page.locator('head link[type="text/calendar"]')).toHaveCount(0);
  await expect(main.getByText('Follow this decision maker')).toHaveCount(1);
});

test('/committees lists the decision makers grouped by kind, only the kinds that have bodies', async ({ page }) => {
  await page.goto('/committees');
  await expect(page.locator('h1')).toHaveText('Decision makers');
  await expect(page).toHaveTitle(/^Decision makers/);
  await expect(page.locator('main h2')).toHaveText(['The Cabinet', 'Cabinet members', 'Committees', 'Officers acting under delegated powers']);
  const officers = page.locator('section', { has: page.locator('h2', { hasText: 'Officers acting under delegated powers' }) });
  await expect(officers.getByRole('link', { name: 'Director of Commercial Services' })).toHaveAttribute('href', '/committees/director-of-commercial-services');
  const committees = page.locator('section', { has: page.locator('h2', { hasText: /^Committees$/ }) });
  await expect(committees.getByRole('link')).toHaveText(['Cabinet Resources Committee']);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Decision makers' })).toHaveAttribute('href', '/committees');
});

test('the search form offers the maker and key filters, and they narrow the results', async ({ page }) => {
  await page.goto('/search');
  await page.locator('#search-filters summary').click();
  await page.getByRole('checkbox', { name: 'Key decisions only' }).check();
  await page.getByRole('checkbox', { name: 'An officer, under delegated powers' }).check();
  await page.getByRole('button', { name: 'Apply filters' }).click();
  await expect(page).toHaveURL(/[?&]key=yes/);
  await expect(page).toHaveURL(/[?&]maker=officer/);
  const results = page.locator('main .decision-list__title a');
  await expect(results).toHaveText(['Fixture: officer decision on a printing contract']);
  await expect(page.getByRole('checkbox', { name: 'Key decisions only' })).toBeChecked();
  await expect(page.getByRole('checkbox', { name: 'An officer, under delegated powers' })).toBeChecked();
  await expect(page.locator('#search-filters summary')).toContainText('(2 active)');
});

test('an unknown maker or key value on the search page is left out and said', async ({ page }) => {
  await page.goto('/search?maker=mayor&key=no');
  const summary = page.locator('.govuk-error-summary');
  await expect(summary).toContainText("maker: 'mayor' is not a kind of decision maker.");
  await expect(summary).toContainText("key: 'no' is not accepted. Accepted values: yes");
});

test('/meetings and /data link to the key-decisions view', async ({ page }) => {
  await page.goto('/meetings');
  await expect(page.getByRole('link', { name: 'every key decision' })).toHaveAttribute('href', '/search?key=yes');
  await page.goto('/data');
  await expect(page.getByRole('link', { name: 'Key decisions only, as CSV' })).toHaveAttribute('href', '/data/decisions.csv?key=yes');
  await expect(page.getByRole('link', { name: 'on the search page' })).toHaveAttribute('href', '/search?key=yes');
});

test.describe('the feeds and the data', () => {
  test('maker and key filter the site feeds and the data; unknown values are a 400 naming the parameter', async ({ request }) => {
    const json = await request.get('/data/decisions.json?maker=officer&key=yes');
    expect(json.status()).toBe(200);
    const data = (await json.json()) as { count: number; decisions: { id: string; maker_kind: string; meeting_date: string | null }[] };
    expect(data.decisions).toEqual([
      expect.objectContaining({
        id: '2010-11-15-fixture-officer-decision-on-printing-contract/fixture-printing-contract',
        maker_kind: 'officer',
        meeting_date: null,
      }),
    ]);
    const csv = await (await request.get('/data/decisions.csv?maker=cabinet-member')).text();
    const [header, row] = csv.replace(/^\uFEFF/, '').split('\r\n');
    expect(header!.split(',')).toContain('maker_kind');
    expect(row).toContain('fixture-room-hire-fees');
    expect(row).toContain('cabinet-member');
    for (const feed of ['/feed.xml', '/atom.xml', '/feed.json']) {
      const response = await request.get(`${feed}?maker=officer`);
      expect(response.status(), feed).toBe(200);
      const body = await response.text();
      expect(body).toContain('2010-11-15-fixture-officer-decision-on-printing-contract');
      expect(body).not.toContain('2011-03-03-last-night-in-hendon');
      expect(body).toContain('an officer acting under delegated powers');
    }
    for (const [url, message] of [
      [
        '/feed.xml?maker=mayor',
        "maker: 'mayor' is not a kind of decision maker. Accepted values: cabinet-member, committee, executive, full-council, officer.",
      ],
      ['/atom.xml?key=no', "key: 'no' is not accepted. Accepted values: yes (key decisions only)."],
      ['/data/decisions.json?maker=Officer', "maker: 'Officer' is not a kind of decision maker."],
      ['/data/decisions.csv?key=true', "key: 'true' is not accepted."],
    ] as const) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(400);
      expect(await response.text(), url).toContain(message);
    }
    const moved = await request.get('/feed.json?key=yes&maker=officer', { maxRedirects: 0 });
    expect(moved.status()).toBe(308);
    expect(moved.headers()['location']).toBe('/feed.json?maker=officer&key=yes');
  });
});
