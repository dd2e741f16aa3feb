/**
 * Word-by-word differences of a text (a summary, the body of a post), with jsdiff (`diff`).
 * jsdiff's Myers algorithm costs O(N·D) (D, the number of edits): bounded here by
 * MAX_EDIT_LENGTH, beyond which the text is shown as removed whole and added whole, so a
 * rewritten post costs linear time, not quadratic.
 */
import { diffWordsWithSpace } from 'diff';

/** A run of text: kept, added or removed. */
export interface WordPart {
  kind: 'same' | 'added' | 'removed';
  text: string;
}

/** More edits than this and the texts are treated as rewritten. */
export const MAX_EDIT_LENGTH = 400;

/** Texts longer than this (characters) are not compared word by word: shown as replaced. */
export const MAX_DIFF_CHARS = 64 * 1024;

function replaced(before: string, after: string): WordPart[] {
  return [...(before ? [{ kind: 'removed' as const, text: before }] : []), ...(after ? [{ kind: 'added' as const, text: after }] : [])];
}

/** The word-by-word difference from `before` to `after` (either may be null: absent). */
export function wordDiff(before: string | null, after: string | null): WordPart[] {
  const a = before ?? '';
  const b = after ?? '';
  if (a === b) return a ? [{ kind: 'same', text: a }] : [];
  if (a === '' || b === '' || a.length > MAX_DIFF_CHARS || b.length > MAX_DIFF_CHARS) return replaced(a, b);
  const parts = diffWordsWithSpace(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (!parts) return replaced(a, b);
  return parts.map((part) => ({ kind: part.added ? 'added' : part.removed ? 'removed' : 'same', text: part.value }));
}

/**
 * Long runs of unchanged text cut to a few words either side of each change, so a one-word
 * correction in a 600-word post shows its sentence, not the whole post. `context` is characters.
 */
export function withContext(parts: readonly WordPart[], context = 120): WordPart[] {
  return parts.map((part, index) => {
    if (part.kind !== 'same' || part.text.length <= context * 2 + 1) return part;
    if (index === 0) return { kind: 'same', text: `… ${part.text.slice(-context)}` };
    if (index === parts.length - 1) return { kind: 'same', text: `${part.text.slice(0, context)} …` };
    return { kind: 'same', text: `${part.text.slice(0, context)} … ${part.text.slice(-context)}` };
  });
}
