/**
 * Email alerts end to end, in Chromium without JavaScript, against the production build:
 * subscribe on the home page, read the confirmation email from a real SMTP server, confirm;
 * a scheduled post goes live (the server restarted with a later SITE_NOW, as the clock would
 * move) and exactly one alert arrives; one-click unsubscribe (RFC 8058); nothing after that.
 *
 * This spec runs its own servers (ports from E2E_PORT + 1…) because they need the alerts'
 * environment: the shared web server of playwright.config.ts has none.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { linkIn, SECRET, startSink, type Sink } from '../support/alerts';
import { startServer, type Server } from '../support/server';

const port = Number(process.env.E2E_PORT ?? 3000) + 2;
const smtpPort = Number(process.env.ALERTS_E2E_SMTP_PORT ?? 2527);
const base = `http://127.0.0.1:${port}`;
const BEFORE = '2011-06-01T12:00:00Z'; // three posts visible; 2011-06-30's is still to come
const AFTER = '2011-07-01T12:00:00Z';

test.describe.configure({ mode: 'serial' });

/** axe needs scripts: the same address opened in a context with JavaScript but the site's own scripts blocked. */
async function axeViolations(browser: Browser, url: string): Promise<string[]> {
  const context = await browser.newContext({ javaScriptEnabled: true });
  await context.route('**/_next/static/**/*.js', (route) => route.abort());
  const page: Page = await context.newPage();
  await page.goto(url);
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  await context.close();
  return results.violations.map((v) => `${url}: ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
test.use({ javaScriptEnabled: false });

let sink: Sink;
let server: Server | undefined;
let dataDir: string;

function env(siteNow: string) {
  return {
    ALERTS_SECRET: SECRET,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    ALERTS_DATA_DIR: path.join(dataDir, 'db'),
    ALERTS_BASE_URL: base,
    ALERTS_INTERVAL_MS: '500',
    SITE_NOW: siteNow,
    // A fixed clock in a production server must be acknowledged (lib/server/runtime.ts).
    SITE_NOW_FOR_TESTS: '1',
  };
}

test.beforeAll(async ({}, testInfo) => {
  test.skip(testInfo.project.name !== 'no-js', 'one flow, without JavaScript');
  dataDir = mkdtempSync(path.join(tmpdir(), 'alerts-e2e-'));
  sink = await startSink(smtpPort);
});

test.afterAll(async () => {
  await server?.stop();
  await sink?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

test('subscribe, confirm, get one alert when a post goes live, unsubscribe in one click, then nothing', async ({ page, request, browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'no-js', 'one flow, without JavaScript');
  test.setTimeout(180_000);
  server = await startServer(port, env(BEFORE));

  // A malformed address: the error summary and the message beside the field, no email.
  await page.goto(`${base}/`);
  const form = page.locator('form.alert-form');
  await form.getByLabel('Email address').fill('not-an-address');
  await form.getByRole('button', { name: 'Get emails' }).click();
  await expect(page.locator('.govuk-error-summary')).toContainText('Enter an email address in the correct format');
  await expect(page.locator('#alerts-email-error')).toContainText('Enter an email address in the correct format');
  await expect(page.getByLabel('Email address')).toHaveValue('not-an-address');

  // Subscribe to everything, as it happens.
  await page.goto(`${base}/`);
  await form.getByLabel('Email address').fill('resident@example.test');
  await form.getByLabel('As it happens').check();
  await form.getByRole('button', { name: 'Get emails' }).click();
  await expect(page).toHaveURL(`${base}/alerts/check-your-email`);
  await expect(page.locator('h1')).toHaveText('Check your email');

  const [confirmation] = await sink.waitFor(1);
  expect(confirmation?.subject).toBe('Confirm your emails about every decision');
  // Opening the link (as a scanner would) changes nothing; the button confirms.
  const confirmUrl = linkIn(confirmation!.text!, '/alerts/confirm');
  await page.goto(confirmUrl);
  await expect(page.locator('h1')).toHaveText('Confirm your email alerts');
  expect(await axeViolations(browser, confirmUrl)).toEqual([]);
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page.locator('h1')).toHaveText('Your email alerts are on');
  const manageUrl = await page.getByRole('link', { name: 'Manage your emails' }).getAttribute('href');
  expect(manageUrl).toMatch(/^\/alerts\/manage\?token=/);

  // The clock moves past 30 June 2011: the scheduled post goes live, and one alert arrives.
  await server.stop();
  server = await startServer(port, env(AFTER));
  const mails = await sink.waitFor(2, 30_000);
  expect(mails).toHaveLength(2);
  const alert = mails[1]!;
  expect(alert.subject).toBe('Back office and customer service project given the green light');
  expect(alert.text).toContain('Cabinet Resources Committee');
  expect(alert.text).toContain(`${base}/decisions/2011-06-30-back-office-and-customer-service-project-given-the-green-light`);
  // Several more sender runs (every 500 ms) send nothing more.
  await expect.poll(() => (server!.output().match(/alerts: run:/g) ?? []).length, { timeout: 20_000 }).toBeGreaterThanOrEqual(1);
  await page.waitForTimeout(3000);
  expect(sink.mails).toHaveLength(2);

  // The manage page lists the subscription.
  await page.goto(`${base}${manageUrl}`);
  await expect(page.locator('h1')).toHaveText('Manage your emails');
  await expect(page.getByRole('heading', { name: 'Emails about every decision' })).toBeVisible();
  expect(await axeViolations(browser, `${base}${manageUrl}`)).toEqual([]);
  // On a phone its two buttons stack, with GOV.UK's gap between them (issue 23: they touched).
  await page.setViewportSize({ width: 390, height: 844 });
  const save = (await page.getByRole('button', { name: /^Save changes/ }).boundingBox())!;
  const stop = (await page.getByRole('button', { name: /^Stop these emails/ }).boundingBox())!;
  expect(stop.y, 'stacked').toBeGreaterThan(save.y);
  expect(stop.y - (save.y + save.height), 'the gap between the buttons').toBeGreaterThanOrEqual(10);

  // RFC 8058: a GET shows a button and changes nothing; a POST unsubscribes and answers 200.
  const line = alert.headerLines.find((h) => h.key === 'list-unsubscribe')!.line.replace(/\s+/g, ' ');
  const unsubscribeUrl = /<(http[^>]+)>/.exec(line)![1]!;
  expect(alert.headerLines.find((h) => h.key === 'list-unsubscribe-post')?.line).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  await page.goto(unsubscribeUrl);
  await expect(page.getByRole('button', { name: 'Unsubscribe' })).toBeVisible();
  expect(await axeViolations(browser, unsubscribeUrl)).toEqual([]);
  await page.goto(`${base}${manageUrl}`);
  await expect(page.locator('h1')).toHaveText('Manage your emails');
  const oneClick = await request.post(unsubscribeUrl, { form: { 'List-Unsubscribe': 'One-Click' } });
  expect(oneClick.status()).toBe(200);
  // Ending the last subscription deleted the address: the manage link names nobody now.
  await page.goto(`${base}${manageUrl}`);
  await expect(page.locator('h1')).toHaveText('This link no longer works');

  // Nothing after: another restart and several sender runs later, still two emails.
  await server.stop();
  server = await startServer(port, env('2011-07-02T12:00:00Z'));
  await page.waitForTimeout(3000);
  expect(sink.mails).toHaveLength(2);
});

test('too many requests from one client get a 429 and a plain page, whatever forwarding headers it invents', async ({ request }, testInfo) => {
  test.skip(testInfo.project.name !== 'no-js', 'one flow, without JavaScript');
  // A server of its own: the flow above left one whose limiter has already counted its forms.
  await server?.stop();
  server = await startServer(port, env(AFTER));
  const statuses: number[] = [];
  for (let i = 0; i < 12; i++) {
    const response = await request
      .post(`${base}/alerts/subscribe`, {
        form: { email: `flood${i}@example.test`, follow: 'all', frequency: 'daily' },
        // No TRUSTED_PROXIES here: the socket is the client, and these are its own words.
        headers: { 'X-Forwarded-For': `198.51.100.${i}`, 'X-Real-IP': `203.0.113.${i}`, 'X-Decisions-Peer-Address': `192.0.2.${i}` },
        maxRedirects: 0,
      })
      .catch((error: Error) => {
        // What the server said, beside the broken request: otherwise lost with the server.
        throw new Error(`request ${i + 1} failed: ${error.message}\nThe server's output:\n${server?.output() ?? ''}`);
      });
    statuses.push(response.status());
    if (response.status() === 429) expect(await response.text()).toContain('Too many requests');
  }
  expect(statuses.slice(0, 10)).toEqual(Array(10).fill(303));
  expect(statuses.slice(10)).toEqual([429, 429]);
});
