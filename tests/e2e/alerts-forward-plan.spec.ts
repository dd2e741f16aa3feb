/**
 * Following what is coming, end to end in Chromium without JavaScript, against the production
 * build over a real SMTP server (tests/support/alerts.ts): a resident follows a committee and
 * ticks "Also tell me when a key decision is planned"; the confirmation email, the confirmation
 * page and the manage page say so; the key decision already in the forward plan is not news;
 * then a meeting file gains a key decision (the content copy changed and the server restarted,
 * as a deploy would) and exactly one email arrives, linking to the item on the meeting's page,
 * which shows it as a key decision with its notice date.
 *
 * The server is tests/e2e/fixture-site.ts's copy of the build, with the alerts' environment:
 * its content can change between starts without touching the build other specs use.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser } from '@playwright/test';
import { linkIn, SECRET, startSink, type Sink } from '../support/alerts';
import { startFixtureSite, type FixtureSite } from './fixture-site';

const port = Number(process.env.E2E_PORT ?? 3000) + 8;
const base = `http://localhost:${port}`;
// A meeting no fixture post names: its page is rendered from the content the server reads, not pre-rendered by the build.
const MEETING = '2011-08-03-cabinet-resources-committee';
const RESIDENT = 'forward-plan@example.test';

test.describe.configure({ mode: 'serial' });
test.use({ javaScriptEnabled: false });

/** The meeting file: the forward plan, in the test's own copy of the content. */
function meetingText(agenda: string[]): string {
  return ['---', 'committee: cabinet-resources-committee', 'date: 2011-08-03T19:00', 'venue: "Hendon Town Hall"', 'agenda:', ...agenda, '---', ''].join('\n');
}
const ALREADY_PLANNED = ['  - title: "Budget monitoring"', '    keyDecision: true', '    noticeDate: 2011-05-20'];
const NEWLY_PLANNED = [
  '  - id: nscso-contract-award',
  '    title: "NSCSO contract award"',
  '    project: nscso',
  '    stage: contract-award',
  '    keyDecision: true',
  '    noticeDate: 2011-06-20',
];

/** axe needs scripts: the same address opened in a context with JavaScript but the site's own scripts blocked. */
async function axeViolations(browser: Browser, url: string): Promise<string[]> {
  const context = await browser.newContext({ javaScriptEnabled: true });
  await context.route('**/_next/static/**/*.js', (route) => route.abort());
  const page = await context.newPage();
  await page.goto(url);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  await context.close();
  return results.violations.map((v) => `${url}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

let sink: Sink | undefined;
let site: FixtureSite | undefined;
let dataDir: string | undefined;

test.afterAll(async () => {
  await site?.stop();
  await sink?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('a meeting file gains a key decision, and a resident who asked gets one email about it', async ({ page, browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'no-js', 'one flow, without JavaScript');
  test.setTimeout(240_000);
  sink = await startSink(0);
  dataDir = mkdtempSync(path.join(tmpdir(), 'alerts-forward-plan-e2e-'));
  site = await startFixtureSite(
    [],
    {},
    { meetings: [{ slug: MEETING, text: meetingText(ALREADY_PLANNED) }] },
    {
      port,
      env: {
        ALERTS_SECRET: SECRET,
        SMTP_URL: sink.url,
        ALERTS_DATA_DIR: path.join(dataDir, 'db'),
        ALERTS_BASE_URL: base,
        ALERTS_INTERVAL_MS: '500',
        // 1 July 2011: the August meeting is still to come. A fixed clock in a production server must be acknowledged.
        SITE_NOW: '2011-07-01T12:00:00Z',
        SITE_NOW_FOR_TESTS: '1',
      },
    },
  );
  await expect.poll(() => site!.output(), { timeout: 120_000 }).toContain('alerts: on');

  // Follow the Cabinet Resources Committee, and what it plans, from /alerts.
  await page.goto(`${base}/alerts`);
  const form = page.locator('form.alert-form');
  await form.getByLabel('What do you want emails about?').selectOption({ label: 'Cabinet Resources Committee' });
  await form.getByLabel('Email address').fill(RESIDENT);
  await form.getByLabel('As it happens').check();
  await form.getByLabel('Also tell me when a key decision is planned').check();
  await form.getByRole('button', { name: 'Get emails' }).click();
  await expect(page.locator('h1')).toHaveText('Check your email');

  const [confirmation] = await sink.waitFor(1, 60_000);
  expect(confirmation?.subject).toBe('Confirm your emails about Cabinet Resources Committee');
  expect(confirmation?.text).toContain('as it happens, and when a key decision is planned.');
  await page.goto(linkIn(confirmation!.text!, '/alerts/confirm'));
  await expect(page.locator('dl')).toContainText('Key decisions planned');
  await expect(page.locator('dl')).toContainText('Yes, when a key decision is first added to the forward plan');
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.locator('h1')).toHaveText('Your email alerts are on');
  const manageUrl = await page.getByRole('link', { name: 'Manage your emails' }).getAttribute('href');
  await page.goto(`${base}${manageUrl}`);
  await expect(page.getByLabel('Also tell me when a key decision is planned')).toBeChecked();
  expect(await axeViolations(browser, `${base}${manageUrl}`)).toEqual([]);

  // The key decision already in the forward plan is not news: several sender runs, no email.
  await expect.poll(() => (site!.output().match(/alerts: run:/g) ?? []).length, { timeout: 30_000 }).toBeGreaterThanOrEqual(1);
  await page.waitForTimeout(3000);
  expect(sink.mails).toHaveLength(1);

  // Comms staff add a key decision to the meeting's file; the site is deployed again.
  writeFileSync(path.join(site.contentDir, 'meetings', `${MEETING}.md`), meetingText([...ALREADY_PLANNED, ...NEWLY_PLANNED]));
  await site.restart();
  const mails = await sink.waitFor(2, 60_000);
  expect(mails).toHaveLength(2);
  const alert = mails[1]!;
  expect(alert.subject).toBe('Key decision planned: NSCSO contract award');
  expect(alert.text).toContain('The Cabinet Resources Committee plans to take this key decision at its meeting on Wednesday 3 August 2011 at 7pm.');
  expect(alert.text).toContain('First published in the forward plan on 20 June 2011.');
  const itemUrl = `${base}/meetings/${MEETING}#agenda-nscso-contract-award`;
  expect(alert.text).toContain(itemUrl);
  expect(alert.html).toContain(`href="${itemUrl}"`);
  expect(alert.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');

  // Exactly once: more sender runs, and another restart, send nothing more.
  await page.waitForTimeout(3000);
  await site.restart();
  await expect.poll(() => site!.output(), { timeout: 120_000 }).toContain('alerts: on');
  await page.waitForTimeout(3000);
  expect(sink.mails).toHaveLength(2);

  // The link leads to the item, shown as a key decision with its notice date.
  await page.goto(itemUrl);
  const item = page.locator('#agenda-nscso-contract-award');
  await expect(item).toContainText('NSCSO contract award');
  await expect(item).toContainText('Key decision');
  await expect(item).toContainText('This is a key decision, first published in the forward plan on 20 June 2011.');
  await expect(item.getByRole('link', { name: 'key decision' })).toHaveAttribute('href', '/glossary/key-decision');
  expect(await axeViolations(browser, `${base}/meetings/${MEETING}`)).toEqual([]);
});
