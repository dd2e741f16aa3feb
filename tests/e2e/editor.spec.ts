/**
 * The browser editor (`npm run editor`), end to end in Chromium with JavaScript off: a
 * development server in local editor mode over a temporary copy of tests/fixtures/editor
 * (never content/), started by this file. The last tests check the production server the
 * other specs use: it never serves the editor.
 */
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { collectContent } from '../../lib/content/collect';
import { isError } from '../../lib/content/problems';
import { readContentDir } from '../../lib/content/read-content-dir';
import { NO_SCRIPT_POLICY } from '../../lib/http/content-security-policy';

const PORT = Number(process.env.EDITOR_E2E_PORT ?? 3460);
const EDITOR = `http://127.0.0.1:${PORT}`;
const FIXTURES = path.join(process.cwd(), 'tests/fixtures/editor');

let server: ChildProcess | undefined;
let output = '';
let content = '';

/** `next dev` compiles each page on its first request: slow on a busy machine, so generous. */
const COMPILE_TIMEOUT = 240_000;

async function startEditor(): Promise<void> {
  content = mkdtempSync(path.join(tmpdir(), 'barnet-editor-content-'));
  cpSync(FIXTURES, content, { recursive: true });
  server = spawn('npx', ['next', 'dev', '--hostname', '127.0.0.1', '-p', String(PORT)], {
    env: { ...process.env, NODE_ENV: 'development', BARNET_EDITOR: 'local', CONTENT_DIR: content, SITE_NOW: '', NEXT_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  server.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  for (;;) {
    if (server.exitCode !== null) throw new Error(`next dev exited:\n${output}`);
    try {
      if ((await fetch(`${EDITOR}/editor`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function stopEditor(): Promise<void> {
  if (server?.pid) {
    try {
      process.kill(-server.pid, 'SIGTERM');
    } catch {
      // already gone
    }
    while (server.exitCode === null && server.signalCode === null) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (content) rmSync(content, { recursive: true, force: true });
}

const fileText = (collection: string, slug: string) => readFileSync(path.join(content, collection, `${slug}.md`), 'utf8');

async function problemsOf(file: string) {
  const set = collectContent(await readContentDir(content, 'content'));
  return set.problems.filter((p) => p.file === file);
}

/** A page with JavaScript off: the editor is plain HTML forms. */
async function noScriptPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled: false, baseURL: EDITOR });
  return context.newPage();
}

test.describe('the editor (npm run editor)', () => {
  test.describe.configure({ mode: 'serial', timeout: COMPILE_TIMEOUT });
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'one development server, in the desktop project (the tests turn JavaScript off themselves)');

  test.beforeAll(async () => {
    test.setTimeout(COMPILE_TIMEOUT);
    await startEditor();
  });
  test.afterAll(stopEditor);

  test('creates a post with two decision items; names an impossible date on its field; saves it once fixed; previews the draft', async ({ browser }) => {
    const page = await noScriptPage(browser);
    await page.goto('/editor/decisions/new');
    await expect(page.locator('h1')).toContainText('New decision post');
    await page.getByLabel('Title', { exact: true }).fill('Library opening hours');
    await page.getByLabel('Date', { exact: true }).fill('2011-02-31');
    await page.getByLabel('Summary').fill('Cabinet agreed new library opening hours and deferred the mobile library review.');
    await page.getByLabel('Committee').selectOption('cabinet');
    const item = (n: number) => page.locator(`#field-decisions-${n}`);
    await item(0).getByLabel('Subject').fill('Library opening hours from September 2011');
    await item(0).getByLabel('Stage').selectOption('policy');
    await item(0).getByLabel('Outcome', { exact: true }).selectOption('agreed');
    await page.getByRole('button', { name: 'Add another decision item' }).click();
    await item(1).getByLabel('Subject').fill('Mobile library review');
    await item(1).getByLabel('Project (optional)').selectOption('nscso');
    await item(1).getByLabel('Stage').selectOption('options-appraisal');
    await item(1).getByLabel('Outcome', { exact: true }).selectOption('deferred');
    await page.getByLabel('Text of the decision post').fill('Cabinet agreed the new hours.\n\n| Day | Hours |\n| --- | --- |\n| Monday | 9 to 5 |\n');
    await page.getByRole('button', { name: 'Save decision post' }).click();

    // The problem, in content:check's words, in the summary and on the date field; nothing written.
    const message = "'2011-02-31' is not a real date. Write it as YYYY-MM-DD (2011-06-30), or with a London time as YYYY-MM-DDTHH:MM (2011-06-30T09:00).";
    await expect(page.locator('.govuk-error-summary')).toContainText(`Date: ${message}`);
    await expect(page.locator('#field-date-error')).toContainText(message);
    await expect(page.getByLabel('Date', { exact: true })).toHaveValue('2011-02-31');
    await expect(page.getByLabel('Date', { exact: true })).toHaveAttribute('aria-describedby', /field-date-error/);
    await expect(item(1).getByLabel('Subject')).toHaveValue('Mobile library review');
    expect(readdirSync(path.join(content, 'decisions')).filter((name) => name.includes('library-opening-hours'))).toEqual([]);
    await page.locator('.govuk-error-summary a').first().click();
    await expect(page).toHaveURL(/#field-date$/);

    await page.getByLabel('Date', { exact: true }).fill('2011-07-05');
    await page.getByRole('button', { name: 'Save decision post' }).click();
    await expect(page).toHaveURL(/\/editor\/decisions\/2011-07-05-library-opening-hours\?saved=1$/);
    await expect(page.locator('.govuk-notification-banner--success')).toContainText('content/decisions/2011-07-05-library-opening-hours.md');

    const text = fileText('decisions', '2011-07-05-library-opening-hours');
    expect(text).toContain('title: "Library opening hours"\ndate: 2011-07-05\n');
    expect(text).toContain('  - subject: "Mobile library review"\n    project: nscso\n    stage: options-appraisal\n    outcome: deferred\n');
    expect(text).toContain('draft: true\n---\n\nCabinet agreed the new hours.\n\n| Day | Hours |\n| --- | --- |\n| Monday | 9 to 5 |\n');
    expect((await problemsOf('content/decisions/2011-07-05-library-opening-hours.md')).filter(isError)).toEqual([]);

    await page.getByRole('link', { name: 'Preview the saved decision post' }).click();
    await expect(page).toHaveURL(/\/decisions\/2011-07-05-library-opening-hours$/);
    await expect(page.locator('h1')).toHaveText('Library opening hours');
    await expect(page.locator('.publication-banner')).toContainText('Draft — not published');
    await expect(page.locator('main table')).toContainText('9 to 5');
    await page.context().close();
  });

  test('edits an existing post’s summary, and nothing else in the file changes', async ({ browser }) => {
    const slug = '2011-03-03-last-night-in-hendon';
    const before = fileText('decisions', slug);
    const page = await noScriptPage(browser);
    await page.goto(`/editor/decisions/${slug}`);
    await page.getByLabel('Summary').fill('Cabinet Resources Committee accepted the options appraisal for customer and support services.');
    await page.getByRole('button', { name: 'Save decision post' }).click();
    await expect(page).toHaveURL(new RegExp(`/editor/decisions/${slug}\\?saved=1$`));
    const after = fileText('decisions', slug);
    expect(after).toBe(
      before.replace(/^summary: .*$/m, 'summary: "Cabinet Resources Committee accepted the options appraisal for customer and support services."'),
    );
    expect(after).not.toBe(before);
    await page.context().close();
  });

  test('saving a file unchanged writes the same bytes (the GFM table, the comment, the flow list)', async ({ browser }) => {
    const slug = '2011-07-01-fees-and-charges-table';
    const before = fileText('decisions', slug);
    const page = await noScriptPage(browser);
    await page.goto(`/editor/decisions/${slug}`);
    await page.getByRole('button', { name: 'Save decision post' }).click();
    await expect(page).toHaveURL(/\?saved=1$/);
    expect(fileText('decisions', slug)).toBe(before);
    await page.context().close();
  });

  test('the editor’s pages have no axe violations (WCAG 2.2 AA), errors shown included', async ({ browser }) => {
    // axe runs as a script: JavaScript on, with Next.js's development scripts blocked, so the
    // page is the HTML the writer gets.
    const context = await browser.newContext({ baseURL: EDITOR });
    await context.route('**/_next/static/**/*.js', (route) => route.abort());
    const page = await context.newPage();
    const check = async () => {
      const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
      expect(results.violations.map((v) => `${page.url()} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
    };
    for (const address of [
      '/editor',
      '/editor/decisions/new',
      '/editor/decisions/2011-05-25-adults-in-house-services-business-case-approved',
      '/editor/projects/nscso',
      '/editor/meetings/new',
    ]) {
      await page.goto(address);
      await expect(page.locator('h1')).toHaveCount(1);
      await check();
    }
    await page.goto('/editor/decisions/new');
    await page.getByRole('button', { name: 'Save decision post' }).click();
    await expect(page.locator('.govuk-error-summary')).toBeVisible();
    await check();
    await context.close();
  });

  test('refuses a form posted from another site', async () => {
    const response = await fetch(`${EDITOR}/editor/save`, {
      method: 'POST',
      headers: { Origin: 'https://elsewhere.example', 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'collection=glossary&slug=&term=Hacked&summary=x&body=x',
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    expect(existsSync(path.join(content, 'glossary', 'hacked.md'))).toBe(false);
  });
});

test.describe('the public server (npm start)', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'HTTP only: once, in the desktop project');

  test('never serves the editor: its pages and its save route answer 404', async ({ request }) => {
    for (const address of ['/editor', '/editor/decisions/new', '/editor/decisions/2011-03-03-last-night-in-hendon', '/editor/committees/cabinet']) {
      const response = await request.get(address);
      expect(response.status(), address).toBe(404);
      expect(await response.text()).not.toContain('editor-action');
    }
    const save = await request.post('/editor/save', { form: { collection: 'glossary', slug: '', term: 'x', summary: 'x', body: 'x' } });
    expect(save.status()).toBe(404);
  });

  test('ships none of the editor’s code, and public pages keep their script-free policy', async ({ request }) => {
    const home = await request.get('/');
    expect(home.headers()['content-security-policy']).toBe(NO_SCRIPT_POLICY);
    expect(await home.text()).not.toContain('/editor');
    // No browser file of the build holds any of the editor's code.
    const dist = path.join(process.cwd(), process.env.NEXT_DIST_DIR || '.next', 'static');
    const files = readdirSync(dist, { recursive: true })
      .map(String)
      .filter((name) => name.endsWith('.js'));
    expect(files.length).toBeGreaterThan(0);
    const holding = files.filter((name) => /editor-action|EDITOR_COLLECTIONS|barnet-decisions\.editor/.test(readFileSync(path.join(dist, name), 'utf8')));
    expect(holding).toEqual([]);
  });
});
