import { expect, test } from '@playwright/test';
import { hendon } from './routes';

/** The titles of the seeds' posts, newest first. */
const SEED_TITLES = [
  'Back office and customer service project given the green light',
  'Adults In-House Services business case approved',
  'Another One Barnet project approved',
  'Last night in Hendon',
];

test.describe('the public record', () => {
  test('home page lists the latest decisions newest first, with date, committee and outcome @phone', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Latest decisions' })).toBeVisible();
    const titles = await page.locator('.decision-list__title').allInnerTexts();
    // The seeds' posts in order, among the posts the fixture adds for other tests.
    expect(titles.filter((title) => SEED_TITLES.includes(title))).toEqual(SEED_TITLES);
    const first = page.locator('.decision-list__item').filter({ hasText: SEED_TITLES[0] });
    await expect(first).toContainText('30 June 2011');
    await expect(first).toContainText('Cabinet Resources Committee');
    await expect(first).toContainText('Approved');
  });

  test('a decision page gives the summary, the post, and links onward', async ({ page }) => {
    await page.goto(hendon);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Last night in Hendon');
    const main = page.locator('main');
    await expect(main).toContainText('Published 3 March 2011');
    await expect(main).toContainText('Wednesday 2 March 2011');
    await expect(main).toContainText('Customer Services Organisation and New Support Organisation options appraisal');
    await expect(main).toContainText('Registration and Nationality fees and charges from April 2011');
    await expect(main).toContainText('Award of the One Barnet Legal Partner Contract');
    await expect(main).toContainText('At the moment it only costs £40 to get married on a Monday or Tuesday!');
    await expect(main).toContainText('botched contract with Catalyst');
    await expect(main.locator('.govuk-tag', { hasText: 'Accepted' })).toHaveCount(1);
    await expect(main.locator('.govuk-tag', { hasText: 'Considered' })).toHaveCount(2);
    // Each outcome is explained where it is shown, and linked to its glossary term.
    await expect(main).toContainText('This means a paper was taken, but the post does not say what became of it.');
    await expect(main.getByRole('link', { name: 'More about ‘Considered’' }).first()).toHaveAttribute('href', '/glossary/outcome-considered');
    // The body is headed for what it is, and the business case is placed in time.
    await expect(main.getByRole('heading', { name: 'What the post says' })).toBeVisible();
    await expect(main).toContainText('approved later, on 29 June 2011');
    // Older/newer posts: Hendon is the oldest, so only a newer one.
    await page.getByRole('link', { name: /Newer decision/ }).click();
    await expect(page).toHaveURL(/another-one-barnet-project-approved$/);
  });

  test('a post links its glossary terms, its committee and its project', async ({ page }) => {
    await page.goto(hendon);
    const glossaryLinks = page.locator('.prose a.glossary-link');
    expect(await glossaryLinks.count()).toBeGreaterThanOrEqual(5);
    await page.locator('.prose').getByRole('link', { name: 'options appraisal', exact: true }).first().click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Options appraisal');

    await page.goto(hendon);
    await page.locator('.govuk-summary-list').getByRole('link', { name: 'Cabinet Resources Committee' }).click();
    await expect(page).toHaveURL(/\/committees\/cabinet-resources-committee$/);
    await expect(page.locator('main')).toContainText('reports of a financial nature');
    await expect(page.locator('.decision-list__item').filter({ hasText: new RegExp(SEED_TITLES.join('|')) })).toHaveCount(4);

    await page.goto(hendon);
    await page
      .locator('.govuk-summary-list')
      .getByRole('link', { name: /New Support and Customer Service Organisation/ })
      .first()
      .click();
    await expect(page).toHaveURL(/\/projects\/nscso$/);
  });

  test('a project page shows its status, business case and a timeline across meetings @phone', async ({ page }) => {
    await page.goto('/projects/nscso');
    const main = page.locator('main');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('New Support and Customer Service Organisation (NSCSO)');
    await expect(main).toContainText('Procurement');
    await expect(main).toContainText('New Support and Customer Service Organisation business case');
    await expect(main).toContainText('We do not have a link to it');
    const timeline = main.locator('.timeline__item');
    await expect(timeline).toHaveCount(2);
    await expect(timeline.nth(0)).toContainText('2 March 2011');
    await expect(timeline.nth(0)).toContainText('options appraisal');
    await expect(timeline.nth(1)).toContainText('29 June 2011');
    await expect(timeline.nth(1)).toContainText('Approved');
  });

  test('a committee page puts its decisions and meetings first, and folds the ways to follow it into one section @phone', async ({ page }) => {
    await page.goto('/committees/cabinet-resources-committee');
    const main = page.locator('main');
    const top = async (locator: ReturnType<typeof main.locator>) => (await locator.first().boundingBox())!.y;
    const decisions = await top(main.getByRole('heading', { name: /^Decisions taken/ }));
    const meetings = await top(main.getByRole('heading', { name: 'Meetings', exact: true }));
    const follow = await top(main.locator('details', { hasText: 'Follow this committee' }));
    expect(decisions).toBeLessThan(follow);
    expect(meetings).toBeLessThan(follow);
    // Folded: the feeds, email and calendar boxes are hidden until the resident opens the section.
    const feed = main.getByRole('link', { name: 'https://decisions.barnet.example/committees/cabinet-resources-committee/feed.xml' });
    await expect(feed).toBeHidden();
    await main.getByText('Follow this committee').click();
    // The feed address is a link, shown in full.
    await expect(feed).toBeVisible();
    await expect(feed).toHaveAttribute('href', 'https://decisions.barnet.example/committees/cabinet-resources-committee/feed.xml');
    await expect(main.getByRole('heading', { name: /^Get emails about the Cabinet Resources Committee/ })).toBeVisible();
  });

  test('the projects index gives each project its status', async ({ page }) => {
    await page.goto('/projects');
    const rows = page.locator('tbody tr');
    await expect(rows).toHaveCount(4);
    await expect(page.locator('tr', { hasText: 'Development and Regulatory Services' })).toContainText('Procurement');
    await expect(page.locator('tr', { hasText: 'Adults In-House Services' })).toContainText('Business case approved');
    await expect(page.locator('tr', { hasText: 'Legal Partner' })).toContainText('Contract award');
  });

  test('DRS and Adults posts carry their facts', async ({ page }) => {
    await page.goto('/decisions/2011-03-30-another-one-barnet-project-approved');
    await expect(page.locator('main')).toContainText('environmental health');
    await expect(page.locator('main')).toContainText('Monday 28 March 2011');
    await page.goto('/decisions/2011-05-25-adults-in-house-services-business-case-approved');
    await expect(page.locator('main')).toContainText('direct payments');
    await expect(page.locator('main')).toContainText('Tuesday 24 May 2011');
    await expect(page.locator('main')).toContainText('local authority trading company');
  });

  test('committees and glossary indexes explain in plain English', async ({ page }) => {
    await page.goto('/committees');
    await expect(page.locator('main')).toContainText('Cabinet Resources Committee');
    await expect(page.locator('main')).toContainText(/\d+ posts of decisions/);
    await page.goto('/glossary');
    expect(await page.locator('.govuk-summary-list__row').count()).toBeGreaterThanOrEqual(10);
    await page.getByRole('link', { name: 'Business case', exact: true }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Business case');
  });

  test('unknown pages answer 404 with a helpful page', async ({ page, request }) => {
    for (const path of [
      '/decisions/no-such-post',
      '/committees/nope',
      '/projects/nope',
      '/glossary/nope',
      '/page/99',
      '/page/0',
      '/page/abc',
      '/nothing-here',
      '/decisions/..%2f..%2fpackage.json',
      '/decisions/%00',
    ]) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(404);
    }
    const response = await page.goto('/decisions/no-such-post');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
    await expect(page.getByRole('link', { name: 'read the latest decisions' })).toBeVisible();
  });

  test('every response carries the security headers', async ({ request }) => {
    for (const path of ['/', hendon, '/decisions/no-such-post']) {
      const response = await request.get(path);
      const headers = response.headers();
      expect(headers['content-security-policy'], path).toContain("default-src 'self'");
      expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['strict-transport-security']).toContain('max-age=');
      expect(headers['x-powered-by']).toBeUndefined();
    }
  });
});
