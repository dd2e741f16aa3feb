/**
 * WCAG 2.2 SC 1.4.10 (Reflow): at 320 CSS pixels wide, no page scrolls sideways. axe cannot
 * see this; a resident on a phone does. Every route in routes.ts is measured with JavaScript
 * and without it (the width is the document's, not the window's). A table too wide for the
 * screen must scroll inside a focusable, labelled region instead.
 */
import { expect, test, type Page } from '@playwright/test';
import { allRoutes } from './routes';

test.use({ viewport: { width: 320, height: 640 } });

async function expectNoSidewaysScroll(page: Page) {
  const widths = await page.evaluate(() => ({
    document: document.documentElement.scrollWidth,
    body: document.body.scrollWidth,
    viewport: window.innerWidth,
  }));
  // The widest elements, to say what overflows when something does.
  const culprits = await page.evaluate(() =>
    [...document.querySelectorAll('main *')]
      .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1 && !el.closest('.table-scroll'))
      .slice(0, 5)
      .map(
        (el) =>
          `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}: ${Math.round(el.getBoundingClientRect().right)} px`,
      ),
  );
  expect(widths.viewport).toBe(320);
  expect(widths.document, culprits.join('\n')).toBeLessThanOrEqual(widths.viewport);
  expect(widths.body, culprits.join('\n')).toBeLessThanOrEqual(widths.viewport);
  // Every table either fits or sits in a region that scrolls by keyboard and says what it holds.
  const tables = await page.evaluate(() =>
    [...document.querySelectorAll('main table')].map((table) => {
      const region = table.closest('.table-scroll');
      return {
        fits: table.getBoundingClientRect().right <= window.innerWidth,
        region: region
          ? {
              focusable: region.getAttribute('tabindex') === '0',
              role: region.getAttribute('role'),
              named: Boolean(region.getAttribute('aria-label') || region.getAttribute('aria-labelledby')),
            }
          : null,
      };
    }),
  );
  for (const table of tables) {
    if (table.fits && !table.region) continue;
    expect(table.region, 'a table wider than the screen scrolls inside a .table-scroll region').not.toBeNull();
    expect(table.region).toEqual({ focusable: true, role: 'region', named: true });
  }
}

for (const javaScript of [true, false]) {
  test.describe(javaScript ? 'with JavaScript' : 'without JavaScript', () => {
    test.use({ javaScriptEnabled: javaScript });
    for (const { name, path } of allRoutes) {
      test(`${name} reflows at 320 px: nothing scrolls sideways`, async ({ page }, testInfo) => {
        test.skip(testInfo.project.name !== 'desktop', 'the desktop project sets its own 320 px viewport here, with and without scripts');
        await page.goto(path);
        await expectNoSidewaysScroll(page);
      });
    }
  });
}
