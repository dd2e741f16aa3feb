import { expect, test } from '@playwright/test';
import { collectContent } from '../../lib/content/collect';
import { readContentDir } from '../../lib/content/read-content-dir';
import { MAX_ANGLE_BRACKETS, MAX_BLANK_RUN } from '../../lib/content/body-complexity';
import { startFixtureSite, type FixtureSite } from './fixture-site';
import { FIXTURE_CONTENT } from '../support/content';

/**
 * Hostile input costs the site nothing: a server whose content holds posts as awkward as the
 * content check lets through (the most blank lines, `<b ` and `<!--` it accepts, many times
 * over) starts, reads them, builds its search index and answers a search. Issue 13 found such
 * posts making the server take minutes to start; the test's own time limit is the check, and no
 * absolute time is asserted.
 */
const post = (slug: string, body: string) => ({
  slug,
  text: [
    '---',
    `title: "Awkward post ${slug}"`,
    'date: 2011-07-01',
    'summary: "A post as awkward as the check allows."',
    'committee: cabinet-resources-committee',
    'decisions:',
    '  - subject: "Something"',
    '    stage: other',
    '    outcome: noted',
    '---',
    '',
    body,
    '',
  ].join('\n'),
});

const AWKWARD = [
  // Runs of blank lines around table pipes, each run as long as allowed, a hundred times.
  post('2011-07-01-blank-lines', Array.from({ length: 100 }, () => `|${'\n'.repeat(MAX_BLANK_RUN - 1)}`).join('') + 'end'),
  post('2011-07-01-open-tags', `${'<b '.repeat(MAX_ANGLE_BRACKETS - 10)}words`),
  post('2011-07-01-open-comments', `words ${'<!--'.repeat(MAX_ANGLE_BRACKETS - 10)}`),
];

test.describe('a server on the most awkward content the check accepts', () => {
  test.skip(({ javaScriptEnabled }) => !javaScriptEnabled, 'a server start does not depend on the browser');
  test.describe.configure({ timeout: 120_000 });
  let site: FixtureSite | undefined;

  test.beforeAll(async () => {
    // Copying the standalone build and starting it takes far more than the default 30 s on a busy machine.
    test.setTimeout(120_000);
    const bundled = await readContentDir(FIXTURE_CONTENT);
    const checked = collectContent({
      ...bundled,
      decisions: [...bundled.decisions, ...AWKWARD.map((p) => ({ path: `content/decisions/${p.slug}.md`, bytes: new TextEncoder().encode(p.text) }))],
    });
    // The posts are as awkward as can still be published: each is accepted.
    expect(checked.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(checked.decisions.length).toBe(bundled.decisions.length + AWKWARD.length);
    site = await startFixtureSite(AWKWARD);
  });

  test.afterAll(async () => {
    await site?.stop();
  });

  test('starts and answers a search, and the awkward posts are pages', async () => {
    const search = await fetch(`${site!.baseURL}/search?q=awkward`);
    expect(search.status).toBe(200);
    const html = await search.text();
    for (const { slug } of AWKWARD) expect(html).toContain(`/decisions/${slug}`);
    for (const { slug } of AWKWARD) expect((await fetch(`${site!.baseURL}/decisions/${slug}`)).status).toBe(200);
  });
});
