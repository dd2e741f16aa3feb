import matter from 'gray-matter';
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';
import { problem, type ContentProblem } from './problems';
import { NOT_SIMPLE, parseSimpleYaml } from './simple-yaml';

/** YAML aliases beyond this are treated as an alias bomb ("billion laughs") and refused. */
const MAX_ALIASES = 50;
/** Frontmatter longer than this is refused before parsing: a post's fields fill about 30 lines. */
const MAX_FRONTMATTER_LINES = 1000;
/** Frontmatter nested deeper than this is refused: no field of ours goes past 4. */
const MAX_DEPTH = 12;
/**
 * Limits checked on the text before gray-matter or `yaml` sees it. `yaml` checks that keys are
 * unique by comparing each with every earlier one of its mapping, so 40,000 keys on one line
 * (430 KB, under the line cap) took 12 s; a post's frontmatter is about 1 KB with about 15 keys
 * (a few more per decision item and document) and a handful of list items.
 */
export const MAX_FRONTMATTER_BYTES = 32 * 1024;
export const MAX_FRONTMATTER_KEYS = 500;
export const MAX_FLOW_ITEMS = 500;

export type FieldPath = ReadonlyArray<string | number>;

export interface Frontmatter {
  data: Record<string, unknown>;
  body: string;
  /** Line of the body's first line in the file. */
  bodyLine: number;
  /** The line where a field stands (or its nearest parent), for messages. */
  lineOf(path: FieldPath): number;
}

export type FrontmatterResult = { ok: true; frontmatter: Frontmatter } | { ok: false; problems: ContentProblem[] };

export function formatFieldPath(path: FieldPath): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${key}` : key), '');
}

function depthOf(node: unknown, depth = 0): number {
  if (depth > MAX_DEPTH) return depth;
  if (isMap(node) || isSeq(node)) {
    let deepest = depth + 1;
    for (const item of node.items as unknown[]) {
      const value = isMap(node) ? (item as { value: unknown }).value : item;
      deepest = Math.max(deepest, depthOf(value, depth + 1));
      if (deepest > MAX_DEPTH) break;
    }
    return deepest;
  }
  return depth;
}

function lineFinder(doc: Document, lines: LineCounter): (path: FieldPath) => number {
  // Each mapping's keys indexed once, on first use: a search of its items for every message
  // would be quadratic in the number of unknown keys. The first of equal keys wins, as the checker reports.
  const indexes = new WeakMap<object, Map<unknown, { key: unknown; value: unknown }>>();
  const pairOf = (map: { items: Array<{ key: unknown; value: unknown }> }, key: string | number) => {
    let index = indexes.get(map);
    if (!index) {
      index = new Map();
      for (const pair of map.items) if (isScalar(pair.key) && !index.has(pair.key.value)) index.set(pair.key.value, pair);
      indexes.set(map, index);
    }
    return index.get(key);
  };
  return (path) => {
    let node: unknown = doc.contents;
    let line = 1;
    for (const key of path) {
      if (isMap(node)) {
        const pair = pairOf(node, key);
        if (!pair) break;
        const keyRange = (pair.key as Node).range;
        if (keyRange) line = lines.linePos(keyRange[0]).line;
        node = pair.value;
      } else if (isSeq(node) && typeof key === 'number') {
        const item = node.items[key] as Node | undefined;
        if (!item) break;
        if (item.range) line = lines.linePos(item.range[0]).line;
        node = item;
      } else break;
    }
    return line;
  };
}

/** What the pre-parse scan found, and where most of it is. */
interface FrontmatterShape {
  /** An upper bound of how deeply the source nests (see scanFrontmatter). */
  depth: number;
  keys: number;
  flowItems: number;
  /** The top-level field holding the most keys, and the most bracketed items. */
  mostKeys: { field: string; line: number; count: number };
  mostItems: { field: string; line: number; count: number };
}

/**
 * One pass over the YAML source, before anything parses it (it may be up to 512 KB):
 * - how deeply it nests, an upper bound: brackets, and indentation in which compact block
 *   indicators ("- - - x", "? ? x") count like spaces (the length of /^[ \t]*(?:[-?:][ \t]+)*);
 *   the parser recurses, and thousands of levels would exhaust its stack;
 * - an upper bound of its keys (a `:` followed by a space, a line end, the end or a flow
 *   indicator, and every `?`) and of the items of bracketed collections (a `,` inside `[ ]` or
 *   `{ }`), and which top-level field holds most of each. Quotes are not understood, so a
 *   comma in a quoted summary counts too.
 */
function scanFrontmatter(source: string): FrontmatterShape {
  let keys = 0;
  let flowItems = 0;
  let depth = 0;
  let deepest = 0;
  let deepestIndent = 0;
  let line = 1;
  let field = 'frontmatter';
  let fieldLine = 1;
  let fieldKeys = 0;
  let fieldItems = 0;
  const mostKeys = { field, line: 1, count: 0 };
  const mostItems = { field, line: 1, count: 0 };
  const settle = () => {
    if (fieldKeys > mostKeys.count) Object.assign(mostKeys, { field, line: fieldLine, count: fieldKeys });
    if (fieldItems > mostItems.count) Object.assign(mostItems, { field, line: fieldLine, count: fieldItems });
  };
  const length = source.length;
  let i = 0;
  while (i < length) {
    // At the start of a line: its indent, and whether a top-level field starts here.
    let end = i;
    let c = source.charCodeAt(end);
    while (c === 32 || c === 9) c = source.charCodeAt(++end);
    for (;;) {
      if (c !== 45 && c !== 63 && c !== 58) break;
      let after = end + 1;
      let d = source.charCodeAt(after);
      while (d === 32 || d === 9) d = source.charCodeAt(++after);
      if (after === end + 1) break;
      end = after;
      c = d;
    }
    if (end - i > deepestIndent) deepestIndent = end - i;
    const first = source.charCodeAt(i);
    if (depth === 0 && end === i && first !== 10 && first !== 35 /* # */ && first !== 45 /* - */) {
      let lineEnd = source.indexOf('\n', i);
      if (lineEnd === -1) lineEnd = length;
      const colon = source.indexOf(':', i);
      if (colon !== -1 && colon < lineEnd) {
        settle();
        field = source.slice(i, colon).trim().slice(0, 60) || 'frontmatter';
        fieldLine = line;
        fieldKeys = 0;
        fieldItems = 0;
      }
    }
    // The rest of the line.
    for (; i < length; i++) {
      const char = source.charCodeAt(i);
      if (char === 10) {
        line++;
        i++;
        break;
      }
      if (char === 91 || char === 123) {
        if (++depth > deepest) deepest = depth;
      } else if (char === 93 || char === 125) {
        if (depth > 0) depth--;
      } else if (char === 44) {
        if (depth > 0) {
          flowItems++;
          fieldItems++;
        }
      } else if (char === 58 || char === 63) {
        const next = source.charCodeAt(i + 1);
        if (char === 63 || next !== next /* the end */ || next === 32 || next === 9 || next === 10 || next === 44 || next === 93 || next === 125) {
          keys++;
          fieldKeys++;
        }
      }
    }
  }
  settle();
  return { depth: Math.max(deepest, Math.floor(deepestIndent / 2)), keys, flowItems, mostKeys, mostItems };
}

function count(n: number): string {
  return n.toLocaleString('en-GB');
}

/** The line cap, nesting, the key and item counts and the byte cap, in that order (the first says most), before anything parses the text. */
function sizeProblem(file: string, source: string): ContentProblem | undefined {
  let lineCount = 1;
  for (let at = source.indexOf('\n'); at !== -1 && lineCount <= MAX_FRONTMATTER_LINES; at = source.indexOf('\n', at + 1)) lineCount++;
  if (lineCount > MAX_FRONTMATTER_LINES) {
    return problem(file, 'frontmatter', `The frontmatter is more than ${MAX_FRONTMATTER_LINES} lines long; a post's fields fill about 30. Is the closing line of three hyphens (---) missing?`, 1);
  }
  const shape = scanFrontmatter(source);
  if (shape.depth > MAX_DEPTH) {
    return problem(file, 'frontmatter', `The frontmatter is nested more than ${MAX_DEPTH} levels deep; no field needs that.`, 1);
  }
  if (shape.keys > MAX_FRONTMATTER_KEYS) {
    const where = shape.mostKeys;
    return problem(
      file,
      where.field,
      `The frontmatter has ${count(shape.keys)} keys (names followed by a colon)${where.field === 'frontmatter' ? '' : `, ${count(where.count)} of them in '${where.field}'`}; a post has about 15, and more than ${MAX_FRONTMATTER_KEYS} are not read. Keep only the fields a post has.`,
      where.line,
    );
  }
  if (shape.flowItems > MAX_FLOW_ITEMS) {
    const where = shape.mostItems;
    return problem(
      file,
      where.field,
      `The frontmatter has ${count(shape.flowItems)} items in lists or groups written between brackets${where.field === 'frontmatter' ? '' : `, ${count(where.count)} of them in '${where.field}'`}; a post has a few, and more than ${MAX_FLOW_ITEMS} are not read. Is the right text in this field?`,
      where.line,
    );
  }
  const bytes = Buffer.byteLength(source, 'utf8');
  if (bytes > MAX_FRONTMATTER_BYTES) {
    return problem(
      file,
      'frontmatter',
      `The frontmatter is ${count(Math.ceil(bytes / 1024))} KB; a post's fields take about 1 KB, and no more than ${MAX_FRONTMATTER_BYTES / 1024} KB is read. Is the closing line of three hyphens (---) missing?`,
      1,
    );
  }
  return undefined;
}

function yamlErrorMessage(code: string, message: string): string {
  const first = message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'This field appears more than once. Keep one and delete the others.';
    case 'TAB_AS_INDENT':
      return 'A tab is used for indenting. Indent with spaces only.';
    case 'MISSING_CHAR':
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return `The frontmatter is not valid YAML here (${first}). Check for a missing colon after the field name, a missing closing quote, or wrong indentation.`;
    case 'BAD_INDENT':
      return `The indentation here is wrong (${first}). Items of a list start with "- " indented under their field.`;
    default:
      return `The frontmatter is not valid YAML here (${first}). Check for a missing colon, an unclosed quote, or wrong indentation; text with a colon in it must be in quotes.`;
  }
}

/** The key a line starts with (`  title : x` → `title`), without a regular expression that could backtrack. */
function keyOfLine(text: string): string | undefined {
  const rest = text.trimStart();
  let end = 0;
  while (end < rest.length && rest[end] !== ':' && rest[end] !== '#') end++;
  if (end === 0 || rest[end] !== ':') return undefined;
  return rest.slice(0, end).trimEnd();
}

/**
 * Splits a text that starts with a `---` line into its YAML source and the content after the
 * closing line, with gray-matter. Passing options bypasses gray-matter's cache, which would
 * otherwise return stale results for repeated content; the YAML "engine" only captures the
 * source, which the `yaml` package then parses with positions.
 */
export function splitFrontmatter(text: string): { yamlSource: string; content: string } {
  let yamlSource = '';
  const end = frontmatterEnd(text);
  // gray-matter is given only the frontmatter block when the closing line is known: it looks
  // its whole input up in its cache (a string-keyed object) even when bypassing it, which for
  // 10,000 whole posts was a tenth of a cold content:check.
  const file = matter(end.kind === 'closed' ? text.slice(0, end.bodyStart) : text, {
    engines: {
      yaml: (source: string) => {
        yamlSource = source;
        return {};
      },
    },
  });
  // The body begins on the line after the closing line: gray-matter would leave any spaces
  // after its three hyphens at the start of the body, one line too early for messages.
  return { yamlSource, content: end.kind === 'closed' ? text.slice(end.bodyStart) : file.content };
}

/**
 * Where the frontmatter ends. gray-matter ends it at the first line that merely starts with
 * `---` (`----`, `--- x`), where the contract ends it at a line of exactly three hyphens (spaces
 * after them allowed). A file where the two differ is refused (`lookalike`, with its 1-based
 * line), so every file that is read is split as the contract says.
 */
function frontmatterEnd(text: string): { kind: 'closed'; bodyStart: number } | { kind: 'lookalike'; line: number } | { kind: 'unclosed' } {
  let line = 1;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) {
    line++;
    if (!text.startsWith('---', at + 1)) continue;
    let end = text.indexOf('\n', at + 1);
    if (end < 0) end = text.length;
    for (let i = at + 4; i < end; i++) if (text[i] !== ' ' && text[i] !== '\t' && text[i] !== '\r') return { kind: 'lookalike', line };
    return { kind: 'closed', bodyStart: Math.min(end + 1, text.length) };
  }
  return { kind: 'unclosed' };
}

/**
 * Splits a file into frontmatter and Markdown body (the rules of gray-matter, see
 * splitFrontmatter) and parses the YAML with the `yaml` package, which knows where each field
 * stands so messages can name the line.
 */
export function parseFrontmatter(file: string, text: string): FrontmatterResult {
  if (!/^---[ \t]*\n/.test(text)) {
    return {
      ok: false,
      problems: [problem(file, 'frontmatter', 'The file must begin with a line of three hyphens (---), then the fields, then another line of three hyphens.', 1)],
    };
  }
  if (!/\n---[ \t]*(\n|$)/.test(text.slice(3))) {
    return {
      ok: false,
      problems: [problem(file, 'frontmatter', 'The frontmatter that starts on line 1 is never closed. Add a line of three hyphens (---) after the last field, before the text of the post.', 1)],
    };
  }
  // gray-matter ends the frontmatter at the first "\n---" after the opening line: measure that
  // much before gray-matter or `yaml` sees any of it.
  const close = text.indexOf('\n---', 3);
  const tooBig = sizeProblem(file, text.slice(3, close === -1 ? text.length : close));
  if (tooBig) return { ok: false, problems: [tooBig] };
  const end = frontmatterEnd(text);
  if (end.kind === 'lookalike') {
    return {
      ok: false,
      problems: [
        problem(file, 'frontmatter', `Line ${end.line} starts with three hyphens but has more after them. The fields end at a line of exactly three hyphens (---): put anything else on a line of its own.`, end.line),
      ],
    };
  }
  const split = splitFrontmatter(text);
  const yamlSource = split.yamlSource;
  const bodyLine = text.slice(0, text.length - split.content.length).split('\n').length;

  // Most frontmatter is simple: read it fast, and build the positioned document only when a
  // message needs a line number. Anything else goes through `yaml` as below.
  const simple = parseSimpleYaml(yamlSource);
  if (simple !== NOT_SIMPLE) {
    let finder: ((path: FieldPath) => number) | undefined;
    const lazyLineOf = (path: FieldPath) => {
      if (!finder) {
        const lineCounter = new LineCounter();
        finder = lineFinder(parseDocument(yamlSource, { lineCounter, uniqueKeys: true, prettyErrors: false, strict: true }), lineCounter);
      }
      return finder(path);
    };
    return { ok: true, frontmatter: { data: (simple ?? {}) as Record<string, unknown>, body: split.content, bodyLine, lineOf: lazyLineOf } };
  }

  // The YAML source starts with the rest of line 1, so its line numbers are the file's.
  const lines = new LineCounter();
  const doc = parseDocument(yamlSource, { lineCounter: lines, uniqueKeys: true, prettyErrors: false, strict: true });
  const lineOf = lineFinder(doc, lines);

  if (doc.errors.length > 0) {
    // One mistake often confuses the parser into several errors: report the first cause only
    // (a tab, when there is one, is the cause of everything after it).
    const tab = doc.errors.find((error) => error.code === 'TAB_AS_INDENT');
    const causes = tab ? [tab] : doc.errors.slice(0, 1);
    return {
      ok: false,
      problems: causes.map((error) => {
        const line = lines.linePos(error.pos[0]).line;
        let field = 'frontmatter';
        if (error.code === 'DUPLICATE_KEY') {
          const name = keyOfLine(yamlSource.split('\n')[line - 1] ?? '');
          if (name) field = name;
        }
        return problem(file, field, yamlErrorMessage(error.code, error.message), line);
      }),
    };
  }

  if (depthOf(doc.contents) > MAX_DEPTH) {
    return { ok: false, problems: [problem(file, 'frontmatter', `The frontmatter is nested more than ${MAX_DEPTH} levels deep; no field needs that.`, 1)] };
  }

  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch {
    return {
      ok: false,
      problems: [
        problem(file, 'frontmatter', 'The frontmatter repeats YAML aliases (*name) so many times that it could exhaust the server (a "YAML bomb"). Write the values out instead of using aliases.', 1),
      ],
    };
  }
  if (data === null || data === undefined) data = {};
  if (typeof data !== 'object' || Array.isArray(data)) {
    return {
      ok: false,
      problems: [problem(file, 'frontmatter', 'The frontmatter must be a list of fields, one a line, written as "name: value".', 2)],
    };
  }
  return { ok: true, frontmatter: { data: data as Record<string, unknown>, body: split.content, bodyLine, lineOf } };
}
