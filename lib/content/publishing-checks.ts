/**
 * Checks of what is about to go live, beyond what makes a file valid: `npm run content:check`
 * (and so every build, whose first step runs it) asks these; the site's own loader does not, so
 * a running server never refuses content over them.
 *
 * - A post that is not a draft but still holds the `npm run new` template's placeholder text is
 *   an error: it would publish "Replace this paragraph…" to residents.
 * - A post dated more than 60 days ahead is a warning: the post stays hidden until then, and a
 *   year typo (2031 for 2013) would hide it for twenty years.
 */
import { londonIsoDate } from '../dates';
import type { ContentSet } from './assemble';
import type { ContentFiles } from './collect';
import { decodeContentFile } from './decode';
import { problem, type ContentProblem } from './problems';
import { PLACEHOLDER_MARKERS } from './new-post';

export const FAR_AHEAD_DAYS = 60;

/** The 1-based line of the first match of `pattern` in `text`, or undefined. */
function lineOfMatch(text: string, pattern: RegExp): number | undefined {
  const match = pattern.exec(text);
  if (!match) return undefined;
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < match.index; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

export function publishingProblems(content: Pick<ContentSet, 'decisions'>, files: Pick<ContentFiles, 'decisions'>, now: Date): ContentProblem[] {
  const textOf = new Map(files.decisions.map((file) => [file.path, file]));
  const problems: ContentProblem[] = [];
  const farAhead = now.getTime() + FAR_AHEAD_DAYS * 86_400_000;
  for (const decision of content.decisions) {
    // Decoded only for a post with a problem, to find its line: an unchanged content:check of
    // 10,000 posts must not decode every file again.
    const textOfPost = () => {
      const file = textOf.get(decision.file);
      const decoded = file ? decodeContentFile(file.path, file.bytes, file.size) : undefined;
      return decoded?.ok ? decoded.text : '';
    };
    if (!decision.draft) {
      const marker = PLACEHOLDER_MARKERS.find((m) => decision.body.includes(m));
      if (marker) {
        problems.push(
          problem(
            decision.file,
            'body',
            `This post is set to be published (draft: false) but still has the template's text "${marker}…" in it. Replace every paragraph in italics with your own words and delete the note at the top, or keep draft: true until it is ready.`,
            lineOfMatch(textOfPost(), new RegExp(escapeRegExp(marker))),
          ),
        );
      }
    }
    if (decision.published.getTime() > farAhead) {
      problems.push(
        problem(
          decision.file,
          'date',
          `This post is dated ${londonIsoDate(decision.published)}, more than ${FAR_AHEAD_DAYS} days from today (${londonIsoDate(now)}), so it will stay hidden until then. Is the year right?`,
          lineOfMatch(textOfPost(), /^date\s*:/m),
          'warning',
        ),
      );
    }
  }
  return problems;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
