/**
 * The words of the search index: how text is cut into words, which words are left out, and
 * how a word is reduced to its stem so that "weddings" finds "wedding" and "approval" finds
 * "approved". The same functions serve the index, the query and the highlighting of snippets,
 * so a word is highlighted exactly when it is what matched.
 */
import { stemmer } from 'stemmer';
import { boundedLru, stringBytes } from '../server/bounded-lru';

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

/**
 * Nouns in "-ing" that name a thing of their own in council business, not an act of their verb:
 * Porter would make "parking" "park" (so a search for parking found the parks) and "housing"
 * "house". Like Elasticsearch's keyword marker, these words (and their plurals) are kept whole.
 */
const WHOLE_ING_NOUNS = new Set([
  'parking',
  'housing',
  'planning',
  'building',
  'meeting',
  'hearing',
  'training',
  'evening',
  'funding',
  'licensing',
  'lighting',
]);

/**
 * The index stem of a normalised word: Porter's (wooorm's `stemmer`), then two rules Porter
 * applies only in part, so that a noun and its verb meet:
 * - Greek "-sis" nouns: Porter gives "analysi" for analysis but "analys" for analyses and
 *   analysed; a final "si" loses its "i" (crisis, basis, thesis alike);
 * - a final double consonant (not l, s or z) is made single, as Porter does after "-ed" and
 *   "-ing" only: deferral ("deferr") meets deferred ("defer"), staff meets staffing.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const singular = word.endsWith('s') ? word.slice(0, -1) : word;
  if (WHOLE_ING_NOUNS.has(word)) return word;
  if (WHOLE_ING_NOUNS.has(singular)) return singular;
  let s = stemmer(word);
  if (s.length > 4 && s.endsWith('si')) s = s.slice(0, -1);
  if (s.length > 3 && /([^aeiouylsz])\1$/.test(s)) s = s.slice(0, -1);
  return s;
}

const termCache = new Map<string, string[] | null>();
const MAX_TERMS_CACHED = 100_000;

/**
 * The index terms of a word: the word itself (lower case, accents folded) and its stem, or null
 * when the word is left out. The index holds both, so a word found as typed scores above one
 * found by its stem alone, and typo tolerance and prefixes work on the word a resident typed
 * (lib/search/ranking.ts). Remembered: vocabularies are small.
 */
export function processTerm(word: string): string[] | null {
  let terms = termCache.get(word);
  if (terms === undefined) {
    terms = computeTerms(word);
    if (termCache.size >= MAX_TERMS_CACHED) termCache.clear();
    termCache.set(word, terms);
  }
  return terms;
}

function computeTerms(word: string): string[] | null {
  const normalised = normaliseWord(word);
  // Single letters and digits ("s" of "council’s", "2" of "2 March") match too much to help.
  if (normalised.length < 2) return null;
  if (STOP_WORDS.has(normalised)) return null;
  const stemmed = stem(normalised);
  return stemmed === normalised ? [normalised] : [normalised, stemmed];
}

// ---------------------------------------------------------------------------------------------
// Markdown to plain text, for the index and for snippets. A few regular expressions rather
// than a Markdown parser: remark-parse with remark-gfm took 1.2 ms for a bundled post where
// these take 0.05 ms (measured here, December 2026), and the server builds the index of
// every post at start; exact enough for finding words (the page itself is rendered by
// lib/markdown). Raw HTML tags are dropped; the text between them is kept.
//
// Post text is untrusted, so every expression below is linear in the length of its input:
// - under the `m` flag, white space is `[ \t]`, never `\s`, so no match runs on across
//   line breaks (a `^\s*` there is cubic in a run of blank lines);
// - a scan for a closing character stops at the next opening one (`<\/?[a-z][^<>]*>`,
//   `\[[^[\]\n]*\]`), so each character is scanned from at most one starting point (a bare
//   `[^>]*` rescans the rest of the text from every `<`: 40,000 `<b ` took 4 s);
// - comments are found with indexOf, which gives up at the first unclosed one.
// tests/unit/linear-text.test.ts doubles hostile inputs and checks the time only doubles.

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ndash: '–',
  mdash: '—',
  pound: '£',
  rsquo: '’',
  lsquo: '‘',
  hellip: '…',
};

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]{1,6}|#\d{1,7}|[a-z]{2,8});/gi, (whole, code: string) => {
    if (code[0] === '#') {
      const point = code[1] === 'x' || code[1] === 'X' ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return point > 0 && point <= 0x10ffff && !(point >= 0xd800 && point <= 0xdfff) ? String.fromCodePoint(point) : ' ';
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** Characters and line starts that may be Markdown; prose without them needs no stripping. */
const MAY_BE_MARKUP = /[*_`[\]<>#|&~\\]|^[ \t]*(?:[-+]|\d{1,9}[.)])[ \t]|^ {0,3}(?:=+|-+)[ \t]*$/m;

/** `<!-- … -->` replaced by a space; an unclosed `<!--` stays, as every later one would. */
function dropComments(text: string): string {
  let at = text.indexOf('<!--');
  if (at === -1) return text;
  let out = '';
  let from = 0;
  while (at !== -1) {
    const end = text.indexOf('-->', at + 4);
    if (end === -1) break;
    out += `${text.slice(from, at)} `;
    from = end + 3;
    at = text.indexOf('<!--', from);
  }
  return out + text.slice(from);
}

/**
 * `text` with `pattern` replaced, when `text` holds one of `markers`: a pattern that cannot match
 * without one of them is not tried at every position of a text that has none (most posts have
 * no code fence, image, HTML, quote, table or escape: a fifth of this function's time at 10,000
 * posts). A replacement only removes markup, so it never adds a marker a later pattern needs.
 */
function replaceWhere(text: string, markers: readonly string[], pattern: RegExp, replacement: string): string {
  return markers.some((marker) => text.includes(marker)) ? text.replace(pattern, replacement) : text;
}

/** The words of a Markdown body, without its markup, in one line (not remembered: see markdownToPlainText). */
export function stripMarkdown(markdown: string): string {
  if (!MAY_BE_MARKUP.test(markdown)) return markdown.replace(/\s+/g, ' ').trim();
  let text = dropComments(markdown.replace(/\r\n?/g, '\n'));
  text = replaceWhere(text, ['```', '~~~'], /^ {0,3}(```+|~~~+).*$/gm, ' '); // code fences (their contents stay: they are words)
  text = replaceWhere(text, [']:'], /^ {0,3}\[[^\]\n]+\]:[ \t]*(?:\n[ \t]*)?\S.*$/gm, ' '); // link reference definitions (the address may be on the next line)
  text = replaceWhere(text, ['!['], /!\[([^[\]\n]*)\]\([^)\]\n]*\)/g, '$1'); // images: their alt text
  text = replaceWhere(text, [']('], /\[([^[\]\n]*)\]\([^)\]\n]*\)/g, '$1'); // inline links: their text
  text = replaceWhere(text, [']['], /\[([^[\]\n]*)\]\[[^[\]\n]*\]/g, '$1'); // reference links: their text
  text = replaceWhere(text, ['<'], /<(https?:\/\/|mailto:)[^<>\s]*>/gi, ' '); // autolinks
  text = replaceWhere(text, ['<'], /<\/?[a-z][^<>]*>/gi, ' '); // raw HTML tags
  text = replaceWhere(text, ['#'], /^ {0,3}#{1,6}(?:[ \t]+|$)/gm, ''); // ATX headings
  text = text
    .replace(/^ {0,3}(=+|-+)[ \t]*$/gm, ' ') // setext underlines and thematic breaks
    .replace(/^ {0,3}([*_-])(?:[ \t]*\1){2,}[ \t]*$/gm, ' '); // thematic breaks
  text = replaceWhere(text, ['>'], /^[ \t]*>[ \t]?/gm, ''); // block quotes
  text = text.replace(/^[ \t]*(?:[-+*]|\d{1,9}[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, ''); // list markers and task boxes
  text = replaceWhere(text, ['|'], /^[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$/gm, ' '); // table delimiter rows
  text = replaceWhere(text, ['|'], /\|/g, ' '); // table cells
  // Each of the next two is tried at every position of the text (the second with a lookbehind
  // over Unicode classes): on 10,000 posts they were half this function's time, most of it on
  // text without a single marker. So each runs only when its marker is there.
  text = replaceWhere(text, ['*', '~', '`'], /(\*\*|\*|~~|`+)(?=\S)|(?<=\S)(\*\*|\*|~~|`+)/g, ''); // emphasis and code spans
  text = replaceWhere(text, ['_'], /(?<![\p{L}\p{N}])(__?)(?=\S)|(?<=\S)(__?)(?![\p{L}\p{N}])/gu, ''); // _emphasis_, not snake_case
  text = replaceWhere(text, ['\\'], /\\([\\`*_{}[\]()#+\-.!|~<>])/g, '$1'); // backslash escapes
  return decodeEntities(text).replace(/\s+/g, ' ').trim();
}

/**
 * For snippets: the few bodies of the results being shown, again and again for a popular search.
 * Not for the index or the data, which strip each body once (stripMarkdown): remembering those
 * kept a second copy of every body in memory.
 */
const plainTextCache = boundedLru<string>({ entries: 1_000, bytes: 8 * 1024 * 1024 }, stringBytes);

/** The words of a Markdown body, without its markup, in one line; remembered per body. */
export function markdownToPlainText(markdown: string): string {
  const cached = plainTextCache.get(markdown);
  if (cached !== undefined) return cached;
  const text = stripMarkdown(markdown);
  plainTextCache.set(markdown, text);
  return text;
}
