import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import * as sass from 'sass';
import { describe, expect, it } from 'vitest';

const root = path.resolve(__dirname, '../..');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(tsx?|mjs)$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * app/globals.scss takes only some of GOV.UK Frontend's override classes (`govuk-!-…`); a page
 * using one the stylesheet leaves out would silently lose its spacing or weight.
 */
describe('the stylesheet', () => {
  const css = sass.compile(path.join(root, 'app/globals.scss'), {
    loadPaths: [path.join(root, 'node_modules')],
    quietDeps: true,
    silenceDeprecations: ['import', 'global-builtin', 'slash-div', 'if-function'],
  }).css;

  it('defines every GOV.UK override class the pages use', () => {
    const used = new Set<string>();
    for (const file of ['app', 'components', 'lib'].flatMap(sourceFiles)) {
      for (const match of readFileSync(file, 'utf8').matchAll(/govuk-!-[a-z0-9-]+/g)) used.add(match[0]);
    }
    expect(used.size).toBeGreaterThan(5);
    const missing = [...used].filter((name) => !css.includes(`.${name.replace('!', '\\!')} {`) && !css.includes(`.${name.replace('!', '\\!')},`));
    expect(missing).toEqual([]);
  });

  // The whole of GOV.UK Frontend compiles to about 163 KB (expanded); the site takes the
  // components it uses, plus its own rules, and stays well under that.
  it('stays small: GOV.UK Frontend in part, not whole', () => {
    expect(css.length).toBeLessThan(112 * 1024);
    expect(css).not.toContain('govuk-\\!-padding-');
  });
});
