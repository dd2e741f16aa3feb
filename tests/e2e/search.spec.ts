import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';

/**
 * Search, browsing and discovery, as a resident (and a search engine) meets them. Every test
 * works with JavaScript on and off (the `no-js` project): the forms are plain GET forms.
 */

const site = JSON.parse(readFileSync(path.join(process.cwd(), 'content', 'site.json'), 'utf8')) as { baseUrl: string };
const origin = site.baseUrl.replace(/\/$/, '');

const posts = {
  hendon: '/decisions/2011-03-03-last-night-in-hendon',
  drs: '/decisions/2011-03-30-another-one-barnet-project-approved',
  adults: '/decisions/2011-05-25-adults-in-house-services-business-case-approved',
  nscso: '/decisions/2011-06-30-back-office-and-customer-service-project-given-the-green-light',
};

/** Types the words into the header's search form on the home page and submits it. */
async function searchFromHeader(page: Page, words: string) {
  await page.goto('/');
  await page.getByRole('searchbox', { name: 'Search decisions' }).fill(words);
  await Promise.all([page.waitForURL(/\/search\?/), page.locator('form.site-search button[type="submit"]').click()]);
}

/** The addresses the results link to, in order. */
/** The seeds' posts, newest first; the fixture also holds posts added for other tests. */
const SEEDS = [posts.nscso, posts.adults, posts.drs, posts.hendon];

async function resultLinks(page: Page): Promise<string[]> {
  return page.locator('.search-results h2 a').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''));
}

test.describe('search from the header form', () => {
  const cases: Array<[string, string[]]> = [
    ['catalyst', [posts.hendon]],
    ['direct payments', [posts.adults]],
    ['wedding', [posts.hendon]],
    ['legal partner', [posts.hendon, '/projects/legal-partner']],
    ['environmental health', [posts.drs]],
    ['businesss case', [posts.drs, posts.adults, posts.nscso]],
  ];
  for (const [words, expected] of cases) {
    test(`"${words}" finds ${expected.join(', ')} @phone`, async ({ page }) => {
      await searchFromHeader(page, words);
      expect(new URL(page.url()).searchParams.get('q')).toBe(words);
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
      await expect(page.locator('.search-results__count')).toContainText(/\d+ results? for ‘/);
      const links = await resultLinks(page);
      for (const href of expected) expect(links).toContain(href);
      // The search box on the page keeps the words, to refine them.
      await expect(page.locator('#search-q')).toHaveValue(words);
    });
  }

  test('results say what they are, when, and highlight the matched words', async ({ page }) => {
    await searchFromHeader(page, 'catalyst');
    const hendon = page.locator('.decision-list__item', { has: page.locator(`a[href="${posts.hendon}"]`) });
    await expect(hendon.locator('.search-results__kind')).toHaveText('Decision');
    await expect(hendon.locator('time')).toHaveText('3 March 2011');
    await expect(hendon.locator('.search-results__snippet mark').first()).toHaveText('Catalyst');
  });

  test('the query is shown as text, never run as markup', async ({ page }) => {
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const attack = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    await searchFromHeader(page, attack);
    await expect(page.locator('.search-results__count')).toContainText(`‘${attack}’`);
    await expect(page.locator('#search-q')).toHaveValue(attack);
    await expect(page.locator('main img')).toHaveCount(0);
    expect(dialogs).toEqual([]);
    // No results: the page suggests what to try.
    await expect(page.getByText('checking the spelling')).toBeVisible();
  });

  test('an empty search shows the form with guidance', async ({ page }) => {
    await page.goto('/search');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Search');
    await expect(page.getByRole('heading', { name: 'Search tips' })).toBeVisible();
    await expect(page.locator('.search-results')).toHaveCount(0);
  });
});

test.describe('search filters and pages', () => {
  test('a filter narrows the results to decisions about a project', async ({ page }) => {
    await page.goto('/search?q=business+case');
    await page.getByText('Filter decisions').click();
    await page.getByLabel('Project').selectOption('drs');
    await Promise.all([page.waitForURL(/project=drs/), page.locator('form.search-form button[type="submit"]').click()]);
    expect(await resultLinks(page)).toEqual([posts.drs]);
    await expect(page.getByLabel('Project')).toHaveValue('drs');
  });

  test('results come before the filters, which fold away until a filter is set, with a count of those set', async ({ page }) => {
    await page.goto('/search?q=business+case');
    const filters = page.locator('details#search-filters');
    await expect(filters).not.toHaveAttribute('open', '');
    await expect(filters.locator('summary')).toHaveText('Filter decisions');
    // In reading order (and so on a phone's single column) the results come first.
    const resultsFirst = await page.evaluate(
      () =>
        !!(document.querySelector('.search-results')!.compareDocumentPosition(document.querySelector('#search-filters')!) & Node.DOCUMENT_POSITION_FOLLOWING),
    );
    expect(resultsFirst).toBe(true);
    await page.goto('/search?committee=cabinet-resources-committee&outcome=approved');
    await expect(filters).toHaveAttribute('open', '');
    await expect(filters.locator('summary')).toHaveText('Filter decisions (2 active)');
    // The date hint gives a date, not a format the browser's own date widget may not show.
    await expect(page.locator('#search-from-hint')).toHaveText('For example, 30 June 2011');
  });

  test('filters alone list decisions, newest first', async ({ page }) => {
    await page.goto('/search?committee=cabinet-resources-committee&year=2011');
    const links = await resultLinks(page);
    expect(links.filter((link) => SEEDS.includes(link))).toEqual(SEEDS);
    // Every post's address starts with its date: newest first is reverse order of address.
    expect([...links].sort().reverse()).toEqual(links);
  });

  test('results come in pages', async ({ page }) => {
    await page.goto('/search?q=business');
    const pages = page.getByRole('navigation', { name: 'Pages of search results' });
    await expect(pages).toBeVisible();
    await Promise.all([page.waitForURL(/page=2/), pages.getByRole('link', { name: /Next/ }).click()]);
    await expect(page.locator('.search-results__count')).toContainText('page 2 of');
  });

  test('odd input gives a page, never a server error', async ({ request }) => {
    const odd = [
      '/search?q=a&q=b&page=1&page=2',
      '/search?q=business&page=99999999999999999999999',
      '/search?q=business&page=-5',
      '/search?q=%00%01%1f%7f',
      '/search?q=%E0%A4%A',
      '/search?q=%ED%A0%80',
      `/search?q=${'x'.repeat(5000)}`,
      '/search?committee=nope&project=..%2F..%2Fetc&year=abcd&outcome=%3Cx%3E',
      '/search?q[]=x&committee[]=y',
    ];
    for (const url of odd) {
      const response = await request.get(url);
      expect(response.status(), url).toBe(200);
      expect(await response.text(), url).toContain('<h1 class="govuk-heading-xl">Search</h1>');
    }
  });
});

test.describe('browsing by year and topic', () => {
  test('the archive lists years, and a year lists its decisions newest first', async ({ page }) => {
    await page.goto('/archive');
    await Promise.all([page.waitForURL(/\/archive\/2011$/), page.getByRole('link', { name: '2011', exact: true }).click()]);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('2011');
    const links = await page.locator('main ul a[href^="/decisions/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    expect(links.filter((link) => SEEDS.includes(link))).toEqual(SEEDS);
    expect([...links].sort().reverse()).toEqual(links);
    await expect(page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Decisions by year' })).toBeVisible();
  });

  test('a topic lists its decisions; topics are listed with counts', async ({ page }) => {
    await page.goto('/tags');
    await expect(page.getByRole('link', { name: 'Outsourcing' })).toBeVisible();
    await page.goto('/tags/outsourcing');
    const links = await page.locator('main ul a[href^="/decisions/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(links).toEqual([posts.nscso, posts.drs, posts.hendon]);
    // Three posts fit on one page: no page numbers, no links to other pages.
    await expect(page.getByRole('heading', { level: 2, name: 'Decisions', exact: true })).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Pages of decisions' })).toHaveCount(0);
  });

  test('unknown years and topics, and pages of them that do not exist, are not found', async ({ request }) => {
    // The bundled content fills one page of each topic and year (20 decisions a page); page 1
    // is the topic's or year's own address, never /page/1. Later pages are unit-tested.
    const pages = [
      '/tags/outsourcing/page/2',
      '/tags/outsourcing/page/1',
      '/tags/outsourcing/page/0',
      '/archive/2011/page/2',
      '/archive/2011/page/1',
      '/archive/2011/page/abc',
    ];
    for (const url of ['/archive/1999', '/archive/11', '/archive/abcd', '/tags/no-such-topic', '/tags/Not_A_Slug', ...pages]) {
      expect((await request.get(url)).status(), url).toBe(404);
    }
  });
});

test.describe('found and shared well', () => {
  test('sitemap.xml lists every decision with its last-modified date', async ({ request }) => {
    const response = await request.get('/sitemap.xml');
    expect(response.status()).toBe(200);
    const xml = await response.text();
    for (const post of Object.values(posts)) expect(xml).toContain(`<loc>${origin}${post}</loc>`);
    expect(xml).toContain(`<loc>${origin}/archive/2011</loc>`);
    expect(xml).toMatch(/<lastmod>2011-\d\d-\d\dT/);
  });

  test('robots.txt allows crawling and names the sitemap', async ({ request }) => {
    const text = await (await request.get('/robots.txt')).text();
    expect(text).toContain('Allow: /');
    expect(text).toContain(`Sitemap: ${origin}/sitemap.xml`);
  });

  test('a decision page describes itself in JSON-LD and Open Graph', async ({ page }) => {
    await page.goto(posts.hendon);
    const blocks = (await page.locator('script[type="application/ld+json"]').allTextContents()).flatMap((text) => {
      const data = JSON.parse(text);
      return Array.isArray(data) ? data : (data['@graph'] ?? [data]);
    });
    const article = blocks.find((b) => b['@type'] === 'Article');
    expect(article).toMatchObject({ headline: 'Last night in Hendon', datePublished: expect.stringMatching(/^2011-03-0[23]T/) });
    expect(article.publisher['@type']).toBe('GovernmentOrganization');
    expect(blocks.find((b) => b['@type'] === 'BreadcrumbList')).toBeTruthy();
    expect(blocks.find((b) => b['@type'] === 'GovernmentOrganization')).toBeTruthy();
    await expect(page.locator('meta[property="og:title"]')).toHaveAttribute('content', 'Last night in Hendon');
    await expect(page.locator('meta[property="og:type"]')).toHaveAttribute('content', 'article');
    await expect(page.locator('meta[property="og:url"]')).toHaveAttribute('content', `${origin}${posts.hendon}`);
    await expect(page.locator('link[rel="canonical"]')).toHaveAttribute('href', `${origin}${posts.hendon}`);
  });
});

test.describe('accessibility of search and browsing pages', () => {
  for (const url of ['/search', '/search?q=catalyst', '/search?q=zzzz&committee=cabinet', '/archive', '/archive/2011', '/tags', '/tags/outsourcing']) {
    test(`${url} has no axe violations @phone`, async ({ page: testPage, browser, javaScriptEnabled, baseURL }) => {
      // axe is a script: where JavaScript is off, open the page with the site's own scripts
      // blocked instead, which gives the same document a resident without JavaScript gets.
      const context = javaScriptEnabled ? undefined : await browser.newContext({ baseURL, javaScriptEnabled: true, viewport: testPage.viewportSize() });
      await context?.route('**/_next/static/**/*.js', (route) => route.abort());
      const page = context ? await context.newPage() : testPage;
      try {
        await page.goto(url);
        await expect(page.locator('h1')).toHaveCount(1);
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
        expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      } finally {
        await context?.close();
      }
    });
  }
});
