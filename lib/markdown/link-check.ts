import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { urlProblem } from '../content/schemas';

export interface BodyIssue {
  /** 1-based line within the Markdown body. */
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

const parser = unified().use(remarkParse).use(remarkGfm);

/**
 * Checks a post's Markdown for links that would not work or are not allowed, and for raw
 * HTML, which is not shown on the site.
 */
export function checkMarkdownBody(markdown: string): BodyIssue[] {
  // Most posts hold no link or HTML at all: skip the parse for them.
  if (!/[[<]|https?:|www\./i.test(markdown)) return [];
  const tree = parser.parse(markdown) as Root;
  const issues: BodyIssue[] = [];
  visit(tree, (node) => {
    const line = node.position?.start.line ?? 1;
    if (node.type === 'link' || node.type === 'definition' || node.type === 'image') {
      const problem = urlProblem(node.url, { allowMailto: node.type !== 'image', allowSitePaths: true });
      if (problem) issues.push({ line, message: `Link ${problem}`, severity: 'error' });
    } else if (node.type === 'html' && !/^<!--[\s\S]*-->$/.test(node.value.trim())) {
      issues.push({ line, message: `HTML is not shown on the site ('${node.value.trim().slice(0, 40)}'). Use Markdown instead.`, severity: 'warning' });
    }
  });
  return issues;
}
