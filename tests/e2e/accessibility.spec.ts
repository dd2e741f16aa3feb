import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { alertPages, pageTypes } from './routes';

/**
 * axe runs as a script in the page, so it cannot run where JavaScript is off. For the no-JS
 * project, the page is opened with the site's own scripts blocked instead: the same DOM a
 * resident without JavaScript gets, with axe still able to run.
 */
async function pageAsRendered(page: Page, browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  if (javaScriptEnabled) return page;
  const context = await browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() ?? undefined });
  await context.route('**/_next/static/**/*.js', (route) => route.abort());
  return context.newPage();
}

for (const { name, path } of [...pageTypes, ...alertPages]) {
  test(`${name} page has no axe violations (WCAG 2.2 AA) @phone`, async ({ page: testPage, browser, javaScriptEnabled }) => {
    const page = await pageAsRendered(testPage, browser, javaScriptEnabled);
    await page.goto(path);
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
    const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    expect(summary).toEqual([]);
  });

  test(`${name} page has one h1, a skip link, landmarks and lang en-GB`, async ({ page }) => {
    await page.goto(path);
    await expect(page.locator('h1')).toHaveCount(1);
    await expect(page.locator('html')).toHaveAttribute('lang', 'en-GB');
    await expect(page.locator('a.govuk-skip-link')).toHaveAttribute('href', '#main-content');
    await expect(page.locator('header')).toHaveCount(1);
    await expect(page.locator('main#main-content')).toHaveCount(1);
    await expect(page.locator('footer')).toContainText('Open Government Licence v3.0');
  });
}
