import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { alertPages, pageTypes } from './routes';

const run = promisify(execFile);

/** Pages beyond the foundation's; each is checked when the build serves it. */
const morePages = ['/search?q=business+case', '/feeds', '/data', '/archive', '/archive/2011', '/tags', '/tags/one-barnet', '/page/1'];

test('every page type is valid HTML (Nu HTML Checker)', async ({ request }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'the HTML is the same for every browser project');
  test.setTimeout(120_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'vnu-'));
  const files: string[] = [];
  for (const [i, url] of [...pageTypes.map((p) => p.path), ...alertPages.map((p) => p.path), ...morePages].entries()) {
    const response = await request.get(url);
    if (morePages.includes(url) && response.status() === 404) continue;
    const file = path.join(dir, `page-${i}.html`);
    writeFileSync(file, await response.text());
    files.push(file);
  }
  expect(files.length).toBeGreaterThanOrEqual(pageTypes.length);
  const jar = path.join(process.cwd(), 'node_modules/vnu-jar/build/dist/vnu.jar');
  const output = await run('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { maxBuffer: 20 * 1024 * 1024 }).then(
    (r) => r.stderr || r.stdout,
    (error: { stderr: string; stdout: string }) => error.stderr || error.stdout,
  );
  const messages = (JSON.parse(output || '{"messages":[]}') as { messages: Array<{ type: string; url: string; message: string; extract?: string }> }).messages;
  const errors = messages.filter((m) => m.type === 'error').map((m) => `${path.basename(m.url)}: ${m.message} ${m.extract ?? ''}`);
  expect(errors).toEqual([]);
});
