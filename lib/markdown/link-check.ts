import type { Root } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { urlProblem } from '../link-targets';

/**
 * The check of a post's Markdown body, before it is published: links that would not work or
 * are not allowed (errors), and raw HTML, which is not shown on the site (warnings). One
 * contract, checkBodyLinks, with one fast path in front of the parse; `content:check` and the
 * build ask it through lib/content/parse-collections.ts. This folder imports nothing from
 * lib/content (tests/unit/module-boundaries.test.ts).
 */

export interface BodyIssue {
  /** 1-based line within the Markdown body. */
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

const parser = unified().use(remarkParse).use(remarkGfm);

/** What may hold a link or HTML: a body without any of these has nothing to check. */
const MAY_HAVE_LINKS = /[[<]|https?:|www\./i;
/** What can make one block's meaning depend on another across a blank line. */
const NEEDS_WHOLE_DOCUMENT = /[<\r]|```|~~~/;
const BLANK = /^[ \t]*$/;
/**
 * Once the body may hold a link, what makes one block worth parsing: the same, or an `xmpp:`
 * address, which GFM also turns into a link (and which is not allowed).
 */
const BLOCK_MAY_HAVE_LINKS = /[[<]|https?:|www\.|xmpp:/i;
/** An inline link's destination: no space, parenthesis, quote, angle bracket, backslash or character reference. */
const DESTINATION = /\]\(([^\s()<>"'\\&]+)\)/y;
const BARE_ADDRESS = /https?:|www\.|xmpp:/gi;

/** Parses `markdown` as one document and reports every disallowed link and raw HTML in it. */
function checkWholeDocument(markdown: string): BodyIssue[] {
  // Most posts hold no link or HTML at all: skip the parse for them.
  if (!MAY_HAVE_LINKS.test(markdown)) return [];
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

/**
 * True when parsing `block` could not find a problem: every `](` opens a plain destination
 * that is an allowed link (checked as strictly as an image's), no `]:` (definitions,
 * footnotes), and every address-like text lies inside one of those destinations (no bare
 * address for GFM to autolink). Anything else is parsed.
 */
function plainlyFine(block: string): boolean {
  if (block.includes(']:')) return false;
  const spans: Array<[number, number]> = [];
  for (let at = block.indexOf(']('); at !== -1; at = block.indexOf('](', at + 2)) {
    DESTINATION.lastIndex = at;
    const match = DESTINATION.exec(block);
    if (!match || urlProblem(match[1]!, { allowMailto: false, allowSitePaths: true }) !== undefined) return false;
    spans.push([at + 2, at + 2 + match[1]!.length]);
  }
  // Spans and addresses both come in text order: one walk over each, not a search of every
  // span for every address (quadratic in a block of thousands of links).
  let span = 0;
  for (const match of block.matchAll(BARE_ADDRESS)) {
    const index = match.index;
    while (span < spans.length && spans[span]![1] <= index) span++;
    if (span === spans.length || index < spans[span]![0]) return false;
  }
  return true;
}

/**
 * Checks a post's Markdown for links that would not work or are not allowed, and for raw
 * HTML. The issues are those of parsing the whole body as one document (`wholeDocument`: the
 * reference the fast path is tested against), in the same order with the same lines; but by
 * default only the blocks that may hold a link are parsed. A typical post has one or two such
 * paragraphs in ~600 words; parsing the whole body with micromark was most of `content:check`'s
 * time.
 *
 * Blocks separated by a blank line are parsed independently by CommonMark, except where a
 * construct spans blank lines: fenced code and HTML blocks (the body has ``` ~~~ or <), and
 * indented continuations (code, list items, footnotes: a block starting with a space or tab).
 * Any of those, or a carriage return, and the whole body is parsed at once. A block whose
 * links are plainly fine (see plainlyFine) is not parsed at all.
 */
export function checkBodyLinks(markdown: string, { wholeDocument = false } = {}): BodyIssue[] {
  if (wholeDocument) return checkWholeDocument(markdown);
  if (!MAY_HAVE_LINKS.test(markdown)) return [];
  if (NEEDS_WHOLE_DOCUMENT.test(markdown)) return checkWholeDocument(markdown);
  const lines = markdown.split('\n');
  const blocks: Array<{ start: number; text: string }> = [];
  let start = -1;
  for (let i = 0; i <= lines.length; i++) {
    const line = lines[i];
    if (line === undefined || BLANK.test(line)) {
      if (start >= 0) blocks.push({ start, text: lines.slice(start, i).join('\n') });
      start = -1;
    } else if (start < 0) {
      if (line.charCodeAt(0) === 32 || line.charCodeAt(0) === 9) return checkWholeDocument(markdown);
      start = i;
    }
  }
  const issues: BodyIssue[] = [];
  for (const block of blocks) {
    if (!BLOCK_MAY_HAVE_LINKS.test(block.text) || plainlyFine(block.text)) continue;
    for (const issue of checkWholeDocument(block.text)) issues.push({ ...issue, line: issue.line + block.start });
  }
  return issues;
}
