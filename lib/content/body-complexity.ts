/**
 * Refuses post bodies that would exhaust the Markdown renderer before anything parses them.
 * Each limit is on something measured to cost the renderer (remark-parse with remark-gfm,
 * micromark underneath) more than linear time or stack, on this machine, December 2026:
 *
 * - nesting: thousands of nested quotes or lists overflow its stack;
 * - emphasis and bracket markers (`* _ ~ [ ]`): matched in quadratic time (40 KB of `*a` took
 *   20–37 s; 2,000 `*_` pairs 0.3 s, 4,000 0.9 s);
 * - setext underlines (a line of `=` or `-` under text): 4,000 took 5 s, 2,000 took 0.7 s
 *   (the bundled posts have none);
 * - quoted lines (`>`), whose lazy continuation lines are re-scanned: 8,000 took 7 s;
 * - table rows and cells (`|`): 8,000 rows took 1.2 s, 8,000 cells in a row 2.2 s;
 * - `<` (raw HTML and autolinks) and backticks (code spans), which open a scan for their end;
 * - link and footnote definitions, which every later reference is resolved against;
 * - runs of blank lines, which no post has and which made the old search text cubic.
 *
 * No real post comes near any limit (the bundled posts use a few percent of each); a body
 * within them renders in time proportional to its length (tests/unit/linear-text.test.ts).
 * The check is one pass over the text and cannot itself be slow.
 */
export const MAX_BODY_NESTING = 32;
/** Emphasis markers (`* _ ~`): unmatched ones are matched in quadratic time. */
export const MAX_INLINE_MARKERS = 1_000;
/** Brackets (`[ ]`), two a link: unmatched ones are matched in quadratic time. */
export const MAX_BRACKETS = 2_000;
export const MAX_SETEXT_UNDERLINES = 20;
export const MAX_QUOTED_LINES = 500;
export const MAX_TABLE_ROWS = 500;
export const MAX_PIPES = 5_000;
export const MAX_ANGLE_BRACKETS = 2_000;
export const MAX_BACKTICKS = 2_000;
export const MAX_DEFINITIONS = 200;
export const MAX_BLANK_RUN = 200;

const NESTING_PREFIX = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const DEFINITION = /^ {0,3}\[[^\]\n]{1,999}\]:/;
const BLANK = /^[ \t]*$/;

function count(n: number): string {
  return n.toLocaleString('en-GB');
}

export function bodyComplexityIssue(markdown: string): { line: number; message: string } | undefined {
  let deepest = 0;
  let deepestLine = 1;
  let setext = 0;
  let quoted = 0;
  let tableRows = 0;
  let definitions = 0;
  let blankRun = 0;
  let previousHadText = false;
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const text = lines[index]!;
    const line = index + 1;
    if (BLANK.test(text)) {
      if (++blankRun > MAX_BLANK_RUN) {
        return { line, message: `The text has more than ${MAX_BLANK_RUN} empty lines in a row here; one empty line between paragraphs is enough. Delete the others.` };
      }
      previousHadText = false;
      continue;
    }
    blankRun = 0;
    const prefix = NESTING_PREFIX.exec(text)![0];
    const quotes = prefix.match(/>/g)?.length ?? 0;
    const depth = quotes + Math.floor(prefix.replace(/>/g, '').replace(/\t/g, '    ').length / 2);
    if (depth > deepest) {
      deepest = depth;
      deepestLine = line;
    }
    if (previousHadText && SETEXT_UNDERLINE.test(text) && ++setext > MAX_SETEXT_UNDERLINES) {
      return { line, message: `The text has more than ${MAX_SETEXT_UNDERLINES} headings underlined with = or - ; a post has a few. Write headings as "## Heading" instead.` };
    }
    if (quotes > 0 && ++quoted > MAX_QUOTED_LINES) {
      return { line, message: `The text has more than ${MAX_QUOTED_LINES} quoted lines (starting with >); a post quotes a few. Is the right text in this file?` };
    }
    if (text.includes('|') && ++tableRows > MAX_TABLE_ROWS) {
      return { line, message: `The text has more than ${MAX_TABLE_ROWS} lines with a | (table rows); a post's tables have a few dozen. Split the table, or link to the document instead.` };
    }
    if (DEFINITION.test(text) && ++definitions > MAX_DEFINITIONS) {
      return { line, message: `The text has more than ${MAX_DEFINITIONS} link or footnote definitions ("[name]: …"); a post has a few. Is the right text in this file?` };
    }
    previousHadText = true;
  }
  if (deepest > MAX_BODY_NESTING) {
    return { line: deepestLine, message: `The text is nested ${deepest} levels deep (quotes or lists inside each other); no post needs more than ${MAX_BODY_NESTING}.` };
  }
  const characters: Array<[RegExp, number, string]> = [
    [/[*_~]/g, MAX_INLINE_MARKERS, 'formatting characters (* _ ~)'],
    [/[[\]]/g, MAX_BRACKETS, 'formatting characters ([ ])'],
    [/\|/g, MAX_PIPES, '| characters (table cells)'],
    [/</g, MAX_ANGLE_BRACKETS, '< characters (HTML tags, which are not shown, or <addresses>)'],
    [/`/g, MAX_BACKTICKS, '` characters (code)'],
  ];
  for (const [pattern, limit, what] of characters) {
    const found = markdown.match(pattern)?.length ?? 0;
    if (found > limit) {
      return { line: 1, message: `The text has ${count(found)} ${what}; a post has a few hundred at most. Is it the right file?` };
    }
  }
  return undefined;
}
