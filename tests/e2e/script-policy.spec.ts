import { readFileSync } from 'node:fs';
import nodePath from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { NO_SCRIPT_POLICY } from '../../lib/http/content-security-policy';
import { hendon, pageTypes } from './routes';

/**
 * The tightest script policy each page allows (lib/http/content-security-policy.ts): every page that
 * passes through the cache carries no script and gets `script-src 'none'`, search included (rendered
 * on demand for each request, never stored). In Chromium no page reports a violation, search works
 * with and without JavaScript, and every link to another site carries rel="noopener noreferrer".
 * (The alert pages, which keep Next.js's router under a nonce, are tested in alerts.spec.ts.)
 */

const site = JSON.parse(readFileSync(nodePath.join(process.cwd(), 'content', 'site.json'), 'utf8')) as { baseUrl: string };

const CACHED_PAGES = [
  ...pageTypes,
  { name: 'topics index', path: '/tags' },
  { name: 'topic', path: '/tags/one-barnet' },
  { name: 'archive', path: '/archive' },
  { name: 'archive year', path: '/archive/2011' },
  { name: 'feeds page', path: '/feeds' },
  { name: 'data page', path: '/data' },
  { name: 'unknown path (404)', path: '/no-such-page' },
  { name: 'undecodable address (404, through proxy.ts)', path: '/decisions/%zz' },
];

/** Alert pages that read their request (a cookie, a token), so are rendered per request. */
const ALERT_PAGES_PER_REQUEST = ['/alerts/problem', '/alerts/problem?e=email'];

const OTHER_RESPONSES = ['/feed.xml', '/data/decisions.json', '/robots.txt', '/sitemap.xml'];

function scriptSrc(policy: string): string[] {
  const directive = policy
    .split(';')
    .map((d) => d.trim().split(/\s+/))
    .find(([name]) => name === 'script-src');
  return directive ? directive.slice(1) : [];
}

/** Every `<script …>` opening tag that is not JSON-LD. */
function executableScripts(html: string): string[] {
  return [...html.matchAll(/<script\b[^>]*>/gi)].map((m) => m[0]).filter((tag) => !/type="application\/ld\+json"/.test(tag));
}

test.describe("script-src 'none' wherever the page carries no script", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'headers and HTML do not depend on the browser');

  for (const { name, path } of CACHED_PAGES) {
    test(`${name} (${path})`, async ({ request }) => {
      // Twice: the first answer of a page rendered on demand, and the copy from the cache.
      for (let i = 0; i < 2; i++) {
        const response = await request.get(path, { maxRedirects: 0 });
        expect(response.headers()['content-security-policy'], path).toBe(NO_SCRIPT_POLICY);
        expect(scriptSrc(NO_SCRIPT_POLICY)).toEqual(["'none'"]);
        expect(executableScripts(await response.text()), `${path}: scripts a 'none' policy would block`).toEqual([]);
      }
    });
  }

  test('feeds, data and machine files', async ({ request }) => {
    for (const path of OTHER_RESPONSES) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      expect(response.headers()['content-security-policy'], path).toBe(NO_SCRIPT_POLICY);
    }
  });

  test('Permissions-Policy names no interest-cohort', async ({ request }) => {
    for (const path of ['/', '/search']) {
      const policy = (await request.get(path)).headers()['permissions-policy'] ?? '';
      expect(policy).toContain('camera=()');
      expect(policy).not.toContain('interest-cohort');
    }
  });
});

test.describe("search: script-src 'none' and no script, on every response", () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'headers and HTML do not depend on the browser');

  test('with words, filters or a page, and twice each (nothing is kept between searches)', async ({ request }) => {
    for (const path of ['/search', '/search?q=business', '/search?q=business&page=2', '/search?committee=cabinet-resources-committee']) {
      for (let i = 0; i < 2; i++) {
        const response = await request.get(path);
        expect(response.status(), path).toBe(200);
        expect(response.headers()['content-security-policy'], path).toBe(NO_SCRIPT_POLICY);
        expect(executableScripts(await response.text()), path).toEqual([]);
      }
    }
  });

  test('a policy header sent by the client changes nothing', async ({ request }) => {
    const response = await request.get('/search?q=business', { headers: { 'content-security-policy': "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='" } });
    expect(response.headers()['content-security-policy']).toBe(NO_SCRIPT_POLICY);
    expect(await response.text()).not.toContain('AAAAAAAAAAAAAAAAAAAAAA==');
  });
});

test.describe('the alert pages, rendered per request: a nonce of their own on every response', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'headers and HTML do not depend on the browser');

  test('no unsafe-inline; every script of the page carries the nonce of its response; each response a new one', async ({ request }) => {
    const nonces = new Set<string>();
    for (const path of ALERT_PAGES_PER_REQUEST) {
      const response = await request.get(path);
      expect(response.status(), path).toBe(200);
      const policy = response.headers()['content-security-policy']!;
      const sources = scriptSrc(policy);
      expect(sources).not.toContain("'unsafe-inline'");
      expect(sources).not.toContain("'unsafe-eval'");
      const nonce = /^'nonce-([A-Za-z0-9+/=]+)'$/.exec(sources.find((s) => s.startsWith("'nonce-")) ?? '')?.[1];
      expect(nonce, policy).toBeTruthy();
      expect(nonce!.length).toBeGreaterThanOrEqual(22);
      nonces.add(nonce!);
      const scripts = executableScripts(await response.text());
      expect(scripts.length, `${path} keeps the router`).toBeGreaterThan(0);
      for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
      // Everything but script-src is the same as on every other page.
      expect(policy.replace(/script-src [^;]+/, "script-src 'none'")).toBe(NO_SCRIPT_POLICY);
    }
    expect(nonces.size).toBe(ALERT_PAGES_PER_REQUEST.length);
  });

  test('a policy header sent by the client does not choose the nonce', async ({ request }) => {
    const response = await request.get(ALERT_PAGES_PER_REQUEST[0]!, { headers: { 'content-security-policy': "script-src 'nonce-AAAAAAAAAAAAAAAAAAAAAA=='" } });
    const policy = response.headers()['content-security-policy']!;
    expect(policy).not.toContain('AAAAAAAAAAAAAAAAAAAAAA==');
    expect(await response.text()).not.toContain('nonce="AAAAAAAAAAAAAAAAAAAAAA=="');
  });
});

/** Violations as the page itself sees them (securitypolicyviolation), and as Chromium logs them. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  const logged: string[] = [];
  page.on('console', (message) => {
    if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|frame|evaluate)/i.test(message.text())) logged.push(message.text());
  });
  await page.addInitScript(() => {
    const w = window as unknown as { __violations: string[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  return async () => [...logged, ...(await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []))];
}

test.describe('in Chromium', () => {
  test('a decision page with JSON-LD, under script-src none, reports no violation', async ({ page, javaScriptEnabled }) => {
    const violations = await watchViolations(page);
    await page.goto(hendon);
    await page.waitForLoadState('networkidle');
    expect(await page.locator('script[type="application/ld+json"]').count()).toBeGreaterThan(0);
    if (javaScriptEnabled) expect(await violations()).toEqual([]);
  });

  test('search works, and with JavaScript on reports no violation and runs no script of Next.js', async ({ page, javaScriptEnabled }) => {
    const violations = await watchViolations(page);
    await page.goto('/search');
    await page.getByRole('searchbox').first().fill('catalyst');
    await Promise.all([page.waitForURL(/\/search\?.*q=catalyst/), page.getByRole('searchbox').first().press('Enter')]);
    await expect(page.locator(`.search-results h2 a[href="${hendon}"]`)).toHaveCount(1);
    await page.waitForLoadState('networkidle');
    if (javaScriptEnabled) {
      // None of Next.js's inline scripts is in the page to run (they would fill self.__next_f).
      expect(await page.evaluate(() => (self as unknown as { __next_f?: unknown }).__next_f)).toBeUndefined();
      expect(await violations()).toEqual([]);
    }
  });
});

test.describe('links to other sites', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'the HTML does not depend on the browser');

  for (const { name, path } of [...CACHED_PAGES.filter((p) => !p.path.includes('%')), { name: 'search results', path: '/search?q=business' }]) {
    test(`carry rel="noopener noreferrer": ${name}`, async ({ page, baseURL }) => {
      await page.goto(path);
      // The site's own origins: where the tests run, and its public address (feeds list absolute URLs).
      const own = new Set([new URL(baseURL!).origin, new URL(site.baseUrl).origin]);
      const links = await page
        .locator('a[href]')
        .evaluateAll((anchors) => anchors.map((a) => ({ href: (a as HTMLAnchorElement).href, rel: a.getAttribute('rel') ?? '' })));
      const outside = links.filter((l) => /^https?:/.test(l.href) && !own.has(new URL(l.href).origin));
      expect(outside.length, 'the footer links to the council, the committee papers and the licence').toBeGreaterThanOrEqual(3);
      for (const link of outside) expect(link.rel.split(/\s+/), link.href).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
    });
  }
});
