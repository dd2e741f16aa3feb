import { describe, expect, it } from 'vitest';
import { collectContent } from '../../lib/content/collect';
import { renderMarkdown } from '../../lib/markdown/render';
import { contentFiles, post } from './helpers';

function bodyProblems(body: string) {
  const file = post({}, { body });
  return collectContent(contentFiles([file])).problems.filter((p) => p.field === 'body' || p.field === 'frontmatter');
}

describe('bodies that would exhaust the renderer are refused with a message', () => {
  it('5,000 nested quotes', () => {
    const [p] = bodyProblems(`${'>'.repeat(5000)} deep\n`);
    expect(p?.message).toContain('levels deep');
    expect(p?.severity).toBe('error');
  });

  it('thousands of emphasis markers', () => {
    const [p] = bodyProblems(`${'*a'.repeat(20_000)}\n`);
    expect(p?.message).toContain('formatting characters');
  });

  it('a frontmatter of 200,000 lines gives a problem, not a crash', () => {
    const frontmatter = Array.from({ length: 200_000 }, (_, i) => `k${i}: 1`).join('\n');
    const files = contentFiles([{ path: 'content/decisions/huge.md', bytes: new TextEncoder().encode(`---\n${frontmatter}\n---\nText.\n`) }]);
    expect(() => collectContent(files)).not.toThrow();
  });

  it('ordinary nesting is fine', () => {
    expect(bodyProblems('> a quote\n\n- a list\n  - nested\n')).toEqual([]);
  });

  it('a body too deep for the renderer, should one get past the check, is shown as escaped text, not an error', () => {
    for (const body of [`${'>'.repeat(20_000)} deep <script>`]) {
      const html = renderMarkdown(body);
      expect(html.startsWith('<p>')).toBe(true);
      expect(html).not.toContain('<script>');
      expect(html).toContain(body.includes('deep') ? 'deep &lt;script&gt;' : '- x');
    }
  });
});
