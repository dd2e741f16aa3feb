import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { decisionRecordPage } from './routes';

/**
 * The decision record on a decision page (the fixture post 2011-07-21-library-self-service-
 * kiosks-contract-awarded, which gives every field of the record and an exempt item): in plain
 * English, accessible and valid HTML, with JavaScript and without (this spec runs in the no-js
 * project too).
 */

const run = promisify(execFile);

/** As accessibility.spec.ts: where JavaScript is off, axe runs in a page whose own scripts are blocked. */
async function pageAsRendered(page: Page, browser: Browser, javaScriptEnabled: boolean): Promise<Page> {
  if (javaScriptEnabled) return page;
  const context = await browser.newContext({ javaScriptEnabled: true, viewport: page.viewportSize() ?? undefined });
  await context.route('**/_next/static/**/*.js', (route) => route.abort());
  return context.newPage();
}

/** The summary-list row of an item with this label. */
const row = (page: Page, item: string, label: string) =>
  page.locator(`#item-${item} .govuk-summary-list__row`).filter({ has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });

test('the decision page gives the whole record in plain English, only where the post gives it', async ({ page }) => {
  await page.goto(decisionRecordPage);
  const kiosks = 'library-kiosks-contract';
  await expect(row(page, kiosks, 'Money').locator('dd')).toHaveText('£1,250,000 spend over five years');
  await expect(row(page, kiosks, 'Supplier').locator('dd')).toHaveText('Example Library Systems Ltd');
  const reasons = row(page, kiosks, 'Reasons').locator('dd');
  await expect(reasons).toContainText('The winning bid gave the best value for money of the three bids');
  await expect(reasons.locator('strong')).toHaveText('best value for money');
  await expect(row(page, kiosks, 'Alternatives considered and rejected').locator('li')).toHaveText([
    'Keep staffed counters only: rejected, as it would not meet the savings target.',
    "Delay the award by a year: rejected, as the current equipment's support ends in March 2012.",
  ]);
  const interests = row(page, kiosks, 'Interests declared').locator('li');
  await expect(interests).toHaveText([
    'Councillor Ada Example: A relative works for one of the bidders. Dispensation: The standards officer allowed her to speak but not to vote.',
    "Councillor Ben Example: He is a trustee of a library friends' group.",
  ]);
  await expect(interests.first().getByRole('link', { name: 'Dispensation' })).toHaveAttribute('href', '/glossary/dispensation');
  const contract = row(page, kiosks, 'Contract');
  await expect(contract.locator('li')).toHaveText(['Contract reference: LIB-2011-007', 'The contract notice', 'Open Contracting id: ocds-b5fd17-0000021']);
  await expect(contract.getByRole('link', { name: 'The contract notice' })).toHaveAttribute(
    'href',
    'https://www.contractsfinder.service.gov.uk/Notice/00000000-0000-0000-0000-000000000021',
  );
  await expect(row(page, kiosks, 'Notice of the key decision').locator('dd')).toHaveText('First published in the forward plan on Friday 8 July 2011.');
  const urgency = row(page, kiosks, 'Urgency');
  await expect(urgency.locator('dd')).toContainText(
    'Taken without the usual 28 clear days’ notice in the forward plan, under the general exception (regulation 10)',
  );
  await expect(urgency.getByRole('link', { name: 'general exception' })).toHaveAttribute('href', '/glossary/general-exception');
  await expect(row(page, kiosks, 'Exempt information')).toHaveCount(0);

  const sale = 'counter-equipment-sale';
  await expect(row(page, sale, 'Money').locator('dd')).toHaveText('£1,250.50 income');
  const exempt = row(page, sale, 'Exempt information').locator('dd');
  await expect(exempt).toHaveText(
    'Part of this decision is not public (The prices offered by the buyers). It is exempt information under paragraph 3 of Part 1 of Schedule 12A to the Local Government Act 1972, which covers information about the financial or business affairs of any particular person, including the council. The rest of the decision is public.',
  );
  await expect(exempt.getByRole('link', { name: 'exempt information' })).toHaveAttribute('href', '/glossary/exempt-information');
  // No noise where the post gives nothing.
  for (const label of ['Reasons', 'Supplier', 'Contract', 'Urgency', 'Interests declared', 'Notice of the key decision'])
    await expect(row(page, sale, label)).toHaveCount(0);
});

test('the glossary explains each new term', async ({ page }) => {
  for (const [slug, term] of [
    ['exempt-information', 'Exempt information'],
    ['dispensation', 'Dispensation'],
    ['general-exception', 'General exception'],
    ['special-urgency', 'Special urgency'],
  ]) {
    await page.goto(`/glossary/${slug}`);
    await expect(page.locator('h1')).toHaveText(new RegExp(`${term}$`));
  }
});

test('the decision page with its record has no axe violations (WCAG 2.2 AA)', async ({ page: testPage, browser, javaScriptEnabled }) => {
  const page = await pageAsRendered(testPage, browser, javaScriptEnabled);
  await page.goto(decisionRecordPage);
  await expect(page.locator('#item-counter-equipment-sale')).toBeVisible();
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
});

test('the decision page with its record is valid HTML (Nu HTML Checker), as served and as the browser holds it', async ({ page, request }) => {
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'vnu-record-'));
  const served = path.join(dir, 'served.html');
  writeFileSync(served, await (await request.get(decisionRecordPage)).text());
  await page.goto(decisionRecordPage);
  const rendered = path.join(dir, 'rendered.html');
  writeFileSync(rendered, await page.content());
  const jar = path.join(process.cwd(), 'node_modules/vnu-jar/build/dist/vnu.jar');
  const output = await run('java', ['-jar', jar, '--errors-only', '--format', 'json', served, rendered], { maxBuffer: 20 * 1024 * 1024 }).then(
    (r) => r.stderr || r.stdout,
    (error: { stderr: string; stdout: string }) => error.stderr || error.stdout,
  );
  const messages = (JSON.parse(output || '{"messages":[]}') as { messages: Array<{ type: string; url: string; message: string; extract?: string }> }).messages;
  expect(messages.filter((m) => m.type === 'error').map((m) => `${path.basename(m.url)}: ${m.message} ${m.extract ?? ''}`)).toEqual([]);
});

test('the open data carries the record: money as a number, its kind, the supplier and the reasons', async ({ request }) => {
  const json = (await (await request.get('/data/decisions.json')).json()) as { decisions: Array<Record<string, unknown>> };
  const kiosks = json.decisions.find((d) => d.id === '2011-07-21-library-self-service-kiosks-contract-awarded/library-kiosks-contract')!;
  expect(kiosks).toMatchObject({
    value_amount: 1250000,
    value_kind: 'spend',
    value_period: 'over five years',
    supplier: 'Example Library Systems Ltd',
    urgency: 'general-exception',
  });
  const sale = json.decisions.find((d) => d.id === '2011-07-21-library-self-service-kiosks-contract-awarded/counter-equipment-sale')!;
  expect(sale).toMatchObject({ value_amount: 1250.5, value_kind: 'income', exempt_paragraph: 3, supplier: null });
  const csv = await (await request.get('/data/decisions.csv')).text();
  const header = csv
    .replace(/^\uFEFF/, '')
    .split('\r\n')[0]!
    .split(',');
  for (const column of ['reasons', 'value_amount', 'value_kind', 'supplier', 'contract_url', 'exempt_paragraph']) expect(header).toContain(column);
});
