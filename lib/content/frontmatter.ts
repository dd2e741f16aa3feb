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

/**
 * A quick upper bound of how deeply brackets nest, checked before parsing: the parser
 * recurses, and thousands of levels would exhaust its stack.
 */
function nestingDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (const char of source) {
    if (char === '[' || char === '{') deepest = Math.max(deepest, ++depth);
    else if ((char === ']' || char === '}') && depth > 0) depth--;
    else if (char === '\n' && depth === 0) continue;
  }
  // A loop, not Math.max(...lines): a file of 200,000 lines would overflow the stack.
  let deepestIndent = 0;
  for (const line of source.split('\n')) {
    // Compact block indicators ("- - - x", "? ? x") nest like indentation.
    const indent = /^[ \t]*(?:[-?:][ \t]+)*/.exec(line)![0].length;
    if (indent > deepestIndent) deepestIndent = indent;
  }
  return Math.max(deepest, Math.floor(deepestIndent / 2));
}

function lineFinder(doc: Document, lines: LineCounter): (path: FieldPath) => number {
  return (path) => {
    let node: unknown = doc.contents;
    let line = 1;
    for (const key of path) {
      if (isMap(node)) {
        const pair = node.items.find((p) => isScalar(p.key) && p.key.value === key);
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

/**
 * Splits a text that starts with a `---` line into its YAML source and the content after the
 * closing line, with gray-matter. Passing options bypasses gray-matter's cache, which would
 * otherwise return stale results for repeated content; the YAML "engine" only captures the
 * source, which the `yaml` package then parses with positions.
 */
export function splitFrontmatter(text: string): { yamlSource: string; content: string } {
  let yamlSource = '';
  const file = matter(text, {
    engines: {
      yaml: (source: string) => {
        yamlSource = source;
        return {};
      },
    },
  });
  // gray-matter leaves the rest of the closing line (`--- ` with trailing spaces) at the start
  // of the body; the body begins on the next line. 
  const end = frontmatterEnd(text);
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
  if (yamlSource.split('\n').length > MAX_FRONTMATTER_LINES) {
    return { ok: false, problems: [problem(file, 'frontmatter', `The frontmatter is more than ${MAX_FRONTMATTER_LINES} lines long; a post's fields fill about 30. Is the closing line of three hyphens (---) missing?`, 1)] };
  }
  if (nestingDepth(yamlSource) > MAX_DEPTH) {
    return { ok: false, problems: [problem(file, 'frontmatter', `The frontmatter is nested more than ${MAX_DEPTH} levels deep; no field needs that.`, 1)] };
  }
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
          const match = /^(\s*)([^:#\s][^:#]*?)\s*:/.exec(yamlSource.split('\n')[line - 1] ?? '');
          if (match) field = match[2]!;
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
