import type { Nodes, Parents } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

/**
 * The words of the search index: how text is cut into words, which words are left out, and
 * how a word is reduced to its stem so that "weddings" finds "wedding" and "approved" finds
 * "approve". The same functions serve the index, the query and the highlighting of snippets,
 * so a word is highlighted exactly when it is what matched.
 */

/** Words too common to help: left out of the index and the query. */
const STOP_WORDS = new Set(
  'a an and are as at be been but by for from had has have he her his i if in into is it its me my of on or our she so that the their them then there these they this those to was we were what when which who will with you your'.split(
    ' ',
  ),
);

/** Letters and digits; an apostrophe inside a word ("council’s", "don't") stays with it. */
export const WORD_PATTERN = /[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu;

/** Lower case, accents folded ("café" → "cafe"), possessive "’s" dropped. */
export function normaliseWord(word: string): string {
  return word
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/['’]s$/, '')
    .replace(/['’]/g, '');
}

/** Splits text into words for MiniSearch (each word is then passed to processTerm). */
export function tokenize(text: string): string[] {
  return text.match(WORD_PATTERN) ?? [];
}

const VOWEL = /[aeiouy]/;

function undouble(stem: string): string {
  // "wedd" → "wed", "plann" → "plan"; "ll", "ss", "zz" stay ("bill", "pass").
  const last = stem.charAt(stem.length - 1);
  return stem.length > 2 && last === stem.charAt(stem.length - 2) && !/[aeiouylsz]/.test(last) ? stem.slice(0, -1) : stem;
}

/**
 * A small suffix-stripping English stemmer. It need not give dictionary words, only the same
 * stem for the forms a resident is likely to type: plurals, -ing, -ed and a final e
 * ("charge", "charges", "charging", "charged" → "charg").
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/.test(w)) return w;
  // Plurals.
  if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  // -ing and -ed, when a vowel is left in the stem ("bring" and "red" stay).
  if (w.endsWith('ing') && w.length > 5 && VOWEL.test(w.slice(0, -3))) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length > 4 && VOWEL.test(w.slice(0, -2))) w = undouble(w.slice(0, -2));
  // A final e: "case" and "cases" both become "cas".
  if (w.endsWith('e') && w.length > 3) w = w.slice(0, -1);
  // "payments"/"payment" and "policy"/"policies" already agree; so do "services"/"service".
  return w;
}

/** The index term for a word, or null when the word is left out. */
export function processTerm(word: string): string | null {
  const normalised = normaliseWord(word);
  if (normalised.length === 0) return null;
  if (normalised.length === 1 && !/\d/.test(normalised)) return null;
  if (STOP_WORDS.has(normalised)) return null;
  return stem(normalised);
}

// ---------------------------------------------------------------------------------------------
// Markdown to plain text, for the index and for snippets.

const parser = unified().use(remarkParse).use(remarkGfm);

/** Elements whose children run together as one line of text. */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell']);

function textOf(node: Nodes): string {
  switch (node.type) {
    case 'text':
    case 'inlineCode':
    case 'code':
      return node.value;
    case 'image':
    case 'imageReference':
      return node.alt ?? '';
    case 'break':
      return ' ';
    case 'html': // raw HTML never reaches a page, so it is not searched either
    case 'definition':
    case 'footnoteDefinition':
      return '';
    default:
      if ('children' in node) {
        const parent = node as Parents;
        return parent.children.map((child) => textOf(child as Nodes)).join(PHRASING_PARENTS.has(parent.type) ? '' : ' ');
      }
      return '';
  }
}

const plainTextCache = new Map<string, string>();
const MAX_CACHED = 20_000;

/** The words of a Markdown body, without its markup, in one line. */
export function markdownToPlainText(markdown: string): string {
  const cached = plainTextCache.get(markdown);
  if (cached !== undefined) return cached;
  const text = textOf(parser.parse(markdown) as Nodes)
    .replace(/\s+/g, ' ')
    .trim();
  if (plainTextCache.size >= MAX_CACHED) plainTextCache.delete(plainTextCache.keys().next().value!);
  plainTextCache.set(markdown, text);
  return text;
}
