/**
 * WCAG 2.2 SC 1.4.10 (Reflow): at 320 CSS pixels wide, no page scrolls sideways. axe cannot
 * see this; a resident on a phone does. Each page is measured with and without its own
 * scripts (the width is the document's, not the window's).
 */
import { expect, test } from '@playwright/test';
import { alertPages, pageTypes } from './routes';

const pages = [
  ...pageTypes,
  ...alertPages,
  { name: 'feeds', path: '/feeds' },
  { name: 'data', path: '/data' },
  { name: 'search', path: '/search?q=business+case' },
  { name: 'search with filters', path: '/search?committee=cabinet-resources-committee&outcome=approved' },
  { name: 'archive', path: '/archive' },
  { name: 'topics', path: '/tags' },
];

test.use({ viewport: { width: 320, height: 640 } });

for (const { name, path } of pages) {
  test(`${name} reflows at 320 px: nothing scrolls sideways`, async ({ page }, testInfo) => {
    test.skip(testInfo.project.name === 'phone', 'the phone project has its own viewport');
    await page.goto(path);
    const widths = await page.evaluate(() => ({
      document: document.documentElement.scrollWidth,
      body: document.body.scrollWidth,
      viewport: window.innerWidth,
    }));
    // The widest elements, to say what overflows when something does.
    const culprits = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
        .slice(0, 5)
        .map(
          (el) =>
            `${el.tagName.toLowerCase()}${el.className ? `.${String(el.className).split(' ').join('.')}` : ''}: ${Math.round(el.getBoundingClientRect().right)} px`,
        ),
    );
    expect(widths.document, culprits.join('\n')).toBeLessThanOrEqual(widths.viewport);
    expect(widths.body, culprits.join('\n')).toBeLessThanOrEqual(widths.viewport);
  });
}
