/**
 * Refuses post bodies that would exhaust the Markdown renderer before anything parses them:
 * thousands of nested quotes or lists overflow its stack, and thousands of emphasis or bracket
 * markers make it take minutes (micromark matches them in quadratic time). No real post comes
 * near either limit.
 */
export const MAX_BODY_NESTING = 32;
export const MAX_INLINE_MARKERS = 5_000;

export function bodyComplexityIssue(markdown: string): { line: number; message: string } | undefined {
  let deepest = 0;
  let deepestLine = 1;
  const lines = markdown.split('\n');
  for (let index = 0; index < lines.length; index++) {
    const prefix = /^[ \t>]*(?:(?:[-*+]|\d{1,9}[.)])[ \t]+[ \t>]*)*/.exec(lines[index]!)![0];
    const quotes = prefix.match(/>/g)?.length ?? 0;
    const depth = quotes + Math.floor(prefix.replace(/>/g, '').replace(/\t/g, '    ').length / 2);
    if (depth > deepest) {
      deepest = depth;
      deepestLine = index + 1;
    }
  }
  if (deepest > MAX_BODY_NESTING) {
    return { line: deepestLine, message: `The text is nested ${deepest} levels deep (quotes or lists inside each other); no post needs more than ${MAX_BODY_NESTING}.` };
  }
  const markers = markdown.match(/[*_~[\]]/g)?.length ?? 0;
  if (markers > MAX_INLINE_MARKERS) {
    return { line: 1, message: `The text has ${markers} formatting characters (* _ ~ [ ]); a post has a few hundred at most. Is it the right file?` };
  }
  return undefined;
}
