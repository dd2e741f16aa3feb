import { processTerm, WORD_PATTERN } from './text';

/**
 * A snippet is plain text cut into pieces, some marked as matches. It is data, never HTML:
 * the page renders each piece as a text node (inside <mark> when it matched), so text from
 * a post cannot become markup.
 */
export interface SnippetPart {
  text: string;
  highlight: boolean;
}

export type Snippet = SnippetPart[];

/** About this many words are shown around the first match. */
export const SNIPPET_WORDS = 32;
const WORDS_BEFORE = 8;

interface WordAt {
  start: number;
  end: number;
  terms: string[] | null;
}

function wordsOf(text: string): WordAt[] {
  return [...text.matchAll(WORD_PATTERN)].map((m) => ({ start: m.index, end: m.index + m[0].length, terms: processTerm(m[0]) }));
}

/** Whether any of a word's index terms (the word, its stem) matched. */
function matched(w: WordAt, terms: ReadonlySet<string>): boolean {
  return w.terms !== null && w.terms.some((t) => terms.has(t));
}

function distinctMatches(words: WordAt[], terms: ReadonlySet<string>): number {
  const found = new Set<string>();
  for (const w of words) for (const t of w.terms ?? []) if (terms.has(t)) found.add(w.terms!.at(-1)!); // its stem: forms of one word count once
  return found.size;
}

/** Cuts text[start, end) into parts, marking the words whose term matched. */
function partsOf(text: string, words: WordAt[], terms: ReadonlySet<string>, start: number, end: number): Snippet {
  const parts: Snippet = [];
  let at = start;
  const push = (piece: string, highlight: boolean) => {
    if (!piece) return;
    const last = parts[parts.length - 1];
    if (last && last.highlight === highlight) last.text += piece;
    else parts.push({ text: piece, highlight });
  };
  for (const w of words) {
    if (w.start < start || w.end > end) continue;
    if (matched(w, terms)) {
      push(text.slice(at, w.start), false);
      push(text.slice(w.start, w.end), true);
      at = w.end;
    }
  }
  push(text.slice(at, end), false);
  return parts;
}

/**
 * The best few lines of the given texts (tried in order: summary first) for the matched
 * index terms: the text with the most different matched words wins, and the window starts a
 * few words before its first match. Without matches, the start of the first text.
 */
export function buildSnippet(texts: readonly string[], matchedTerms: Iterable<string>, maxWords = SNIPPET_WORDS): Snippet {
  const terms = new Set(matchedTerms);
  const candidates = texts.filter((t) => t.trim().length > 0);
  if (candidates.length === 0) return [];
  let best = { text: candidates[0]!, words: wordsOf(candidates[0]!), score: -1 };
  for (const text of candidates) {
    const words = wordsOf(text);
    const score = terms.size ? distinctMatches(words, terms) : 0;
    if (score > best.score) best = { text, words, score };
  }
  const { text, words } = best;
  if (words.length === 0) return [{ text: text.slice(0, 300), highlight: false }];
  const first = terms.size ? words.findIndex((w) => matched(w, terms)) : -1;
  let from = first > WORDS_BEFORE ? first - WORDS_BEFORE : 0;
  // Keep the window full near the end of the text.
  from = Math.max(0, Math.min(from, words.length - maxWords));
  const to = Math.min(words.length, from + maxWords);
  const start = from === 0 ? 0 : words[from]!.start;
  const end = to === words.length ? text.length : words[to - 1]!.end;
  const parts = partsOf(text, words, terms, start, end);
  if (start > 0) parts.unshift({ text: '… ', highlight: false });
  if (end < text.length) parts.push({ text: ' …', highlight: false });
  // Merge neighbouring plain parts created by the ellipses.
  return parts.reduce<Snippet>((merged, part) => {
    const last = merged[merged.length - 1];
    if (last && !last.highlight && !part.highlight) last.text += part.text;
    else merged.push({ ...part });
    return merged;
  }, []);
}

/** The snippet as plain text, with the matches in [brackets]: for tests and logs. */
export function snippetToText(snippet: Snippet): string {
  return snippet.map((p) => (p.highlight ? `[${p.text}]` : p.text)).join('');
}
