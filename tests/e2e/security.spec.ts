import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { NO_SCRIPT_POLICY } from '../../lib/http/content-security-policy';
import { hendon, pageTypes } from './routes';

/**
 * Hostile input against the production build (`next start`): the security headers on every
 * kind of response, odd URLs that must answer 400/404 and leak no file, and pages that raise no
 * dialog and no CSP violation. The injection corpus needs no server: the unit tests render each
 * payload with the site's own Markdown pipeline and inspect what a browser's HTML parser builds
 * from it (tests/unit/security-injection.test.ts); tests/e2e/exact-record.spec.ts serves each
 * as a post from a real server.
 */

/** One of every kind of response the site gives: pages, feeds, data, machine files, errors. */
const RESPONSES: Array<{ name: string; path: string; status?: number }> = [
  ...pageTypes.filter((p) => p.name !== 'not found'),
  { name: 'topics index', path: '/tags' },
  { name: 'topic', path: '/tags/one-barnet' },
  { name: 'archive', path: '/archive' },
  { name: 'archive year', path: '/archive/2011' },
  { name: 'search', path: '/search' },
  { name: 'search results', path: '/search?q=business' },
  { name: 'feeds page', path: '/feeds' },
  { name: 'data page', path: '/data' },
  { name: 'RSS feed', path: '/feed.xml' },
  { name: 'Atom feed', path: '/atom.xml' },
  { name: 'JSON feed', path: '/feed.json' },
  { name: 'committee feed', path: '/committees/cabinet-resources-committee/feed.xml' },
  { name: 'CSV data', path: '/data/decisions.csv' },
  { name: 'JSON data', path: '/data/decisions.json' },
  { name: 'sitemap', path: '/sitemap.xml' },
  { name: 'robots.txt', path: '/robots.txt' },
  { name: 'unknown record (404)', path: '/decisions/no-such-decision', status: 404 },
  { name: 'unknown path (404)', path: '/no-such-page', status: 404 },
];

/** Pages a resident opens in a browser. */
const PAGES = RESPONSES.filter((r) => !/\.(xml|json|csv|txt)$/.test(r.path));

function directives(csp: string): Map<string, string[]> {
  return new Map(
    csp
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values]),
  );
}

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  const csp = headers['content-security-policy'];
  expect(csp, `${where}: Content-Security-Policy`).toBeTruthy();
  const policy = directives(csp!);
  expect(policy.get('default-src'), where).toEqual(["'self'"]);
  expect(policy.get('object-src'), where).toEqual(["'none'"]);
  expect(policy.get('base-uri'), where).toEqual(["'self'"]);
  expect(policy.get('frame-ancestors'), where).toEqual(["'none'"]);
  expect(policy.get('form-action'), where).toEqual(["'self'"]);
  for (const [name, values] of policy) {
    expect(values, `${where}: ${name}`).not.toContain("'unsafe-eval'");
    expect(values, `${where}: ${name}`).not.toContain("'wasm-unsafe-eval'");
    expect(values, `${where}: ${name} allows any host`).not.toContain('*');
    if (name !== 'img-src') expect(values, `${where}: ${name} allows data:`).not.toContain('data:');
  }
  const hsts = headers['strict-transport-security'] ?? '';
  expect(Number(/max-age=(\d+)/.exec(hsts)?.[1] ?? 0), `${where}: HSTS max-age`).toBeGreaterThanOrEqual(31_536_000);
  expect(hsts, where).toContain('includeSubDomains');
  expect(headers['x-content-type-options'], where).toBe('nosniff');
  expect(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'], `${where}: Referrer-Policy`).toContain(headers['referrer-policy']);
  expect(headers['permissions-policy'], `${where}: Permissions-Policy`).toMatch(/camera=\(\)/);
  expect(headers['x-powered-by'], `${where}: X-Powered-By`).toBeUndefined();
}

test.describe('security headers on every response', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'headers do not depend on the browser');

  for (const { name, path: url, status = 200 } of RESPONSES) {
    test(`${name} (${url})`, async ({ request }) => {
      const response = await request.get(url, { maxRedirects: 0 });
      // Every address here is built: a 404 where a page is expected is a broken route, and fails.
      expect(response.status(), url).toBe(status);
      expectSecurityHeaders(response.headers(), url);
    });
  }

  test('static assets (a stylesheet and a script of the build)', async ({ request }) => {
    // The stylesheet a page links; a script named by the build itself, since the pages served here
    // ship none (the alerts pages do only when alerts are on).
    const html = await (await request.get('/')).text();
    const stylesheet = /\/_next\/static\/[^"']+\.css/.exec(html)?.[0];
    const chunks = path.join(process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'static', 'chunks');
    const script = readdirSync(chunks).find((name) => name.endsWith('.js'));
    expect(stylesheet).toBeDefined();
    expect(script).toBeDefined();
    const assets = [stylesheet!, `/_next/static/chunks/${script}`];
    for (const asset of assets) {
      const response = await request.get(asset);
      expect(response.status(), asset).toBe(200);
      expectSecurityHeaders(response.headers(), asset);
    }
  });

  test("the policy served is lib/http/content-security-policy.ts's: no script at all, and no inline style", async ({ request }) => {
    const served = (await request.get('/')).headers()['content-security-policy'];
    expect(served).toBe(NO_SCRIPT_POLICY);
    const policy = directives(NO_SCRIPT_POLICY);
    expect(policy.get('script-src')).toEqual(["'none'"]);
    expect(policy.get('style-src')).toEqual(["'self'"]);
    for (const [name, values] of policy) expect(values, name).not.toContain("'unsafe-inline'");
  });
});

/** A GET with the path sent exactly as written: no client normalises `..` or `%2e%2e` first. */
function rawGet(baseURL: string, rawPath: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, path: rawPath, method: 'GET', headers: { accept: 'text/html,*/*' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('latin1') }));
      res.on('error', reject);
    });
    req.setTimeout(20_000, () => req.destroy(new Error(`timed out: ${rawPath.slice(0, 80)}`)));
    req.on('error', reject);
    req.end();
  });
}

/**
 * As rawGet, following redirects (Next.js answers `//x` and `\\x` with 308 to a tidied path):
 * each must stay on the site, never point elsewhere (an open redirect), and end in a few hops.
 */
async function followSameSite(baseURL: string, rawPath: string) {
  const origin = new URL(baseURL).origin;
  let current = rawPath;
  for (let hop = 0; hop < 4; hop++) {
    const response = await rawGet(baseURL, current);
    if (response.status < 300 || response.status >= 400) return response;
    const location = String(response.headers.location ?? '');
    expect(location, `${current.slice(0, 80)} redirects without a Location`).not.toBe('');
    // Relative to the site, never scheme-relative or absolute to another host.
    expect(location, `${current.slice(0, 80)} redirects to ${location}`).toMatch(/^\/(?![\/\\])/);
    const next = new URL(location, baseURL);
    expect(next.origin).toBe(origin);
    current = `${next.pathname}${next.search}`;
  }
  throw new Error(`${rawPath.slice(0, 80)}: too many redirects`);
}

const root = process.cwd();
const readText = (file: string) => {
  try {
    return readFileSync(path.join(root, file), 'utf8');
  } catch {
    return '';
  }
};

/** Text that only appears in a file the site must never serve. */
const LEAK_MARKERS = [
  '"devDependencies"', // package.json
  'poweredByHeader', // next.config.ts
  '"compilerOptions"', // tsconfig.json
  'export function withoutFrameworkScripts(html)', // cache-handler.mjs
  'function decodes(pathname', // proxy.ts
  'repositoryformatversion', // .git/config
  'root:x:0:0', // /etc/passwd
  '\ncommittee: cabinet-resources-committee\n', // a post's raw frontmatter
  readText('.env')
    .split('\n')
    .find((line) => line.includes('=')) ?? '\u0000no .env\u0000',
];

const hendonSlug = hendon.split('/').pop()!;

/** Each must answer 400 or 404: never a 5xx, never a file. */
const ODD_PATHS: string[] = [
  // Path traversal, in every encoding
  '/decisions/..%2f..%2fpackage.json',
  '/decisions/%2e%2e%2f%2e%2e%2fpackage.json',
  '/decisions/%2E%2E/%2E%2E/package.json',
  '/decisions/%252e%252e%252f%252e%252e%252fpackage.json',
  '/decisions/..%5c..%5cpackage.json',
  '/decisions/..\\..\\package.json',
  '/decisions/%c0%ae%c0%ae%c0%afpackage.json',
  '/decisions/%c0%ae%c0%ae/%c0%ae%c0%ae/package.json',
  '/decisions/%e0%80%ae%e0%80%ae/package.json',
  '/decisions/..%u2215package.json',
  '/decisions/....//....//package.json',
  '/..%2fpackage.json',
  '/%2e%2e/%2e%2e/package.json',
  '/glossary/..%2f..%2f..%2f..%2fetc%2fpasswd',
  '/projects/nscso/..%2f..%2fpackage.json',
  '/committees/cabinet/..%2f..%2f.env',
  '/data/decisions.csv/..%2f..%2fpackage.json',
  '/_next/../package.json',
  '/_next/%2e%2e/package.json',
  '/_next/static/..%2f..%2f..%2fpackage.json',
  '/_next/static/%2e%2e/%2e%2e/%2e%2e/package.json',
  '/_next/static/chunks/..%2f..%2f..%2fnext.config.ts',
  // Would-be open redirects: the tidied path must stay on this site
  '//evil.example',
  '//evil.example/x/',
  '/\\evil.example',
  '/\\/evil.example/',
  '///evil.example/',
  '/%2F%2Fevil.example',
  '/%5C%5Cevil.example',
  '/.//evil.example',
  '/decisions/..//evil.example',
  // Null bytes
  `/decisions/${hendonSlug}%00`,
  `/decisions/${hendonSlug}%00.md`,
  '/decisions/%00',
  '/%00',
  '/page/%00',
  // Overlong and non-ASCII slugs
  `/decisions/${'a'.repeat(5000)}`,
  `/decisions/${'a-'.repeat(2500)}`,
  `/glossary/${'x'.repeat(5000)}`,
  `/${'a'.repeat(5000)}`,
  '/decisions/%C3%A9t%C3%A9',
  '/decisions/\u00e9t\u00e9',
  '/decisions/%E6%97%A5%E6%9C%AC',
  '/decisions/%E2%80%AE' + 'lmth.exe',
  `/decisions/${hendonSlug.toUpperCase()}`,
  '/decisions/%F0%9F%92%A9',
  '/decisions/%ff%fe',
  '/decisions/%',
  '/decisions/%zz',
  '/tags/%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  // Reserved names and files
  '/con',
  '/decisions/con',
  '/decisions/CON.md',
  '/decisions/aux',
  '/decisions/nul',
  '/.env',
  '/.env.local',
  '/.env.production',
  '/.git/config',
  '/.git/HEAD',
  '/package.json',
  '/package-lock.json',
  '/next.config.ts',
  '/cache-handler.mjs',
  '/proxy.ts',
  '/instrumentation.ts',
  '/tsconfig.json',
  '/content/site.json',
  `/content/decisions/${hendonSlug}.md`,
  `/decisions/${hendonSlug}.md`,
  '/.next/BUILD_ID',
  '/server.js',
  '/node_modules/next/package.json',
  '/_next/image?url=%2Fpackage.json&w=64&q=75',
  '/_next/image?url=file%3A%2F%2F%2Fetc%2Fpasswd&w=64&q=75',
  // Bad page numbers
  '/page/0',
  '/page/-1',
  '/page/abc',
  '/page/99999',
  '/page/1e3',
  '/page/1.5',
  '/page/01',
  '/page/0x2',
  '/page/%31',
  '/page/9999999999999999999999',
  '/committees/cabinet-resources-committee/page/0',
  '/committees/cabinet-resources-committee/page/-1',
  '/committees/cabinet-resources-committee/page/abc',
  '/committees/cabinet-resources-committee/page/99999',
  '/tags/one-barnet/page/0',
  '/tags/one-barnet/page/-1',
  '/tags/one-barnet/page/abc',
  '/tags/one-barnet/page/99999',
  '/archive/2011/page/0',
  '/archive/2011/page/01',
  '/archive/2011/page/99999',
  '/archive/0',
  '/archive/99999',
  '/archive/abc',
  // Odd query strings on a record's address do not make it exist
  '/decisions/no-such-decision?q=%E0%A4%A',
  '/page/0?page=-1',
];

/**
 * Malformed query strings on the search page. The search form is forgiving by design (a
 * resident's typo gets the search page, clamped to the pages that exist), so 200 is allowed
 * here as well as 400 and 404; what is never allowed is a 5xx or a file's text.
 */
const ODD_SEARCHES: string[] = [
  '/search?q=%E0%A4%A',
  '/search?q=%',
  '/search?q=%ff%fe%00',
  '/search?q[]=x',
  '/search?q=a&q=b&q[x]=c',
  '/search?page=-1',
  '/search?q=business&page=abc',
  '/search?q=business&page=99999',
  '/search?q=business&page=1e3',
  '/search?q=business&page=-1',
  `/search?q=${'a%20'.repeat(1200)}`,
  '/search?q=..%2f..%2fpackage.json',
  '/search?q=%3Cscript%3Ewindow.__pwned%3D1%3C%2Fscript%3E',
  '/search?committee=..%2f..%2f&year=abc&outcome=%00',
  '/feed.xml?%',
];

test.describe('odd URLs answer 400 or 404, never 5xx, and read no file', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'HTTP answers do not depend on the browser');

  for (const rawPath of ODD_PATHS) {
    test(`${rawPath.length > 90 ? `${rawPath.slice(0, 60)}… (${rawPath.length} characters)` : rawPath}`, async ({ baseURL }) => {
      const { status, headers, body } = await followSameSite(baseURL!, rawPath);
      expect([400, 404], `${rawPath.slice(0, 100)} answered ${status}`).toContain(status);
      for (const marker of LEAK_MARKERS) expect(body, `leaks ${JSON.stringify(marker)}`).not.toContain(marker);
      // The proxy's rewrite to the 404 page (undecodable %-escapes) stays inside the server.
      expect(String(headers['x-middleware-rewrite'] ?? '')).not.toMatch(/^https?:/);
      if (String(headers['content-type']).startsWith('text/html')) {
        // The site's own error page, its heading in the HTML itself (not an empty document
        // that only JavaScript fills in), with the site's headers.
        expect(body).toMatch(/<h1 class="govuk-heading-xl">Page not found<\/h1>/);
        expectSecurityHeaders(headers as Record<string, string>, rawPath.slice(0, 100));
      }
    });
  }

  for (const rawPath of ODD_SEARCHES) {
    test(`${rawPath.length > 90 ? `${rawPath.slice(0, 60)}… (${rawPath.length} characters)` : rawPath}`, async ({ baseURL }) => {
      const { status, headers, body } = await rawGet(baseURL!, rawPath);
      expect([200, 400, 404], `${rawPath.slice(0, 100)} answered ${status}`).toContain(status);
      for (const marker of LEAK_MARKERS) expect(body, `leaks ${JSON.stringify(marker)}`).not.toContain(marker);
      expect(body).not.toContain('<script>window.__pwned');
      expectSecurityHeaders(headers as Record<string, string>, rawPath.slice(0, 100));
    });
  }
});

interface Watch {
  dialogs: string[];
  cspErrors: string[];
  pageErrors: string[];
  scriptNavigations: string[];
  foreignRequests: string[];
}

/** Records what a page must never do; external requests are refused so nothing leaves the machine. */
async function watch(page: Page, origin: string): Promise<Watch> {
  const seen: Watch = { dialogs: [], cspErrors: [], pageErrors: [], scriptNavigations: [], foreignRequests: [] };
  page.on('dialog', async (dialog) => {
    seen.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    await dialog.dismiss().catch(() => {});
  });
  page.on('console', (message) => {
    const text = message.text();
    if (/Content[- ]Security[- ]Policy|Refused to (load|execute|apply|connect|frame|evaluate)/i.test(text)) seen.cspErrors.push(text);
  });
  page.on('pageerror', (error) => seen.pageErrors.push(error.message));
  page.on('framenavigated', (frame) => {
    if (/^(javascript|vbscript|data):/i.test(frame.url())) seen.scriptNavigations.push(frame.url());
  });
  await page.route('**/*', async (route) => {
    const url = route.request().url();
    if (/^(javascript|vbscript|data):/i.test(url)) seen.scriptNavigations.push(url);
    if (new URL(url).origin !== origin) {
      seen.foreignRequests.push(`${route.request().resourceType()} ${url}`);
      // A followed link to elsewhere gets "204 No Content": the browser stays where it is.
      if (route.request().isNavigationRequest()) return route.fulfill({ status: 204 });
      return route.abort('blockedbyclient');
    }
    return route.fallback();
  });
  return seen;
}

test.describe('every page type raises no dialog and no CSP violation @phone', () => {
  for (const { name, path: url, status = 200 } of PAGES) {
    test(`${name} (${url})`, async ({ page, baseURL, javaScriptEnabled }) => {
      const seen = await watch(page, new URL(baseURL!).origin);
      if (javaScriptEnabled) {
        await page.addInitScript(() => {
          const w = window as unknown as { __violations: string[] };
          w.__violations = [];
          document.addEventListener('securitypolicyviolation', (e) => w.__violations.push(`${e.violatedDirective} ${e.blockedURI}`));
        });
      }
      const response = await page.goto(url);
      expect(response?.status(), url).toBe(status);
      await page.waitForLoadState('networkidle');
      const violations = await page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []).catch(() => []);
      expect(seen.dialogs).toEqual([]);
      expect(seen.scriptNavigations).toEqual([]);
      expect(seen.cspErrors).toEqual([]);
      expect(violations).toEqual([]);
      expect(seen.pageErrors).toEqual([]);
      expect(seen.foreignRequests).toEqual([]);
    });
  }
});
