/**
 * A fast path for the frontmatter most posts have: `key: value` lines, nested block mappings
 * and block sequences, with quoted or plain one-line scalars. For such text it returns exactly
 * what the `yaml` package's parseDocument(...).toJS() returns (YAML 1.2 core schema); for
 * anything else (comments, flow collections, block scalars, anchors, numbers other than plain decimals, multi-line
 * scalars, odd characters, duplicate keys…) it returns NOT_SIMPLE and the caller uses `yaml`,
 * which also gives the line numbers and messages of any problem.
 *
 * It exists for speed alone: `yaml` builds a full syntax tree with positions, which was a
 * large part of `content:check` and of the server's first request at 10,000 posts.
 */

export const NOT_SIMPLE: unique symbol = Symbol('not simple YAML');

interface Line {
  indent: number;
  text: string;
}

const MAX_DEPTH = 10;
/** Characters the fast path leaves to `yaml`: controls, BOM, non-characters, Unicode line breaks, lone surrogates. */
const AWKWARD = /[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const KEY = /^([A-Za-z_][A-Za-z0-9_]*):(?:[ ]+(.*))?$/;
const RESERVED_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
const JSON_STRING = /^"(?:[^"\\\x00-\x1f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"/;
const SINGLE_QUOTED = /^'((?:[^']|'')*)'(?!')/;
const TRAILING_COMMENT = /^ +#/;
/** Plain text that YAML's core schema can only read as a string (it starts with a letter, holds no indicator). */
const PLAIN_TEXT = /^\p{L}[\p{L}\p{N} _.,()/@&+'’–—-]*$/u;
/** An unquoted date or date-time: a string in YAML 1.2. */
const PLAIN_DATE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?$/;
/**
 * A plain decimal number, as an amount of money or a paragraph is written (`1250000`, `1250.50`):
 * a number in YAML 1.2, read exactly as `yaml` reads it. Leading zeros, exponents, `+`, `.5`
 * and more than 15 digits either side are left to `yaml`.
 */
const PLAIN_NUMBER = /^-?(?:0|[1-9]\d{0,14})(?:\.\d{1,15})?$/;

class NotSimple extends Error {}

/** A value's text without a trailing comment (` # …`). */
function withoutComment(text: string, quotedLength: number): string {
  const rest = text.slice(quotedLength);
  if (rest === '') return text;
  if (!TRAILING_COMMENT.test(rest)) throw new NotSimple();
  return text.slice(0, quotedLength);
}

function scalar(raw: string): unknown {
  const first = raw.charAt(0);
  if (first === '"') {
    const match = JSON_STRING.exec(raw);
    if (!match) throw new NotSimple();
    return JSON.parse(withoutComment(raw, match[0].length)) as string;
  }
  if (first === "'") {
    const match = SINGLE_QUOTED.exec(raw);
    if (!match) throw new NotSimple();
    withoutComment(raw, match[0].length);
    return match[1]!.replace(/''/g, "'");
  }
  const comment = raw.indexOf(' #');
  const text = comment === -1 ? raw : raw.slice(0, comment).replace(/ +$/, '');
  switch (text) {
    case 'null':
    case 'Null':
    case 'NULL':
      return null;
    case 'true':
    case 'True':
    case 'TRUE':
      return true;
    case 'false':
    case 'False':
    case 'FALSE':
      return false;
  }
  if (PLAIN_TEXT.test(text) || PLAIN_DATE.test(text)) return text;
  if (PLAIN_NUMBER.test(text)) return Number(text);
  throw new NotSimple();
}

class Parser {
  private pos = 0;
  constructor(private readonly lines: Line[]) {}

  parse(): unknown {
    if (this.lines.length === 0) return null;
    if (this.lines[0]!.indent !== 0) throw new NotSimple();
    const value = this.mapping(0, 1);
    if (this.pos < this.lines.length) throw new NotSimple();
    return value;
  }

  private isItem(line: Line): boolean {
    return line.text === '-' || line.text.startsWith('- ');
  }

  /** The value after `key:` with nothing on its line: a nested block, or null. */
  private nested(indent: number, depth: number): unknown {
    const next = this.lines[this.pos];
    if (!next) return null;
    if (next.indent > indent) return this.isItem(next) ? this.sequence(next.indent, depth + 1) : this.mapping(next.indent, depth + 1);
    if (next.indent === indent && this.isItem(next)) return this.sequence(indent, depth + 1);
    return null;
  }

  private mapping(indent: number, depth: number): Record<string, unknown> {
    if (depth > MAX_DEPTH) throw new NotSimple();
    const result: Record<string, unknown> = {};
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos]!;
      if (line.indent < indent) break;
      if (line.indent > indent || this.isItem(line)) throw new NotSimple();
      const match = KEY.exec(line.text);
      if (!match) throw new NotSimple();
      const key = match[1]!;
      if (RESERVED_KEY.test(key) || key === '__proto__' || Object.prototype.hasOwnProperty.call(result, key)) throw new NotSimple();
      this.pos++;
      const rest = match[2];
      result[key] = rest === undefined || rest === '' || rest.startsWith('#') ? this.nested(indent, depth) : scalar(rest);
    }
    return result;
  }

  private sequence(indent: number, depth: number): unknown[] {
    if (depth > MAX_DEPTH) throw new NotSimple();
    const result: unknown[] = [];
    while (this.pos < this.lines.length) {
      const line = this.lines[this.pos]!;
      if (line.indent < indent) break;
      if (line.indent > indent) throw new NotSimple();
      if (!this.isItem(line)) break;
      if (line.text === '-') throw new NotSimple();
      const rest = line.text.slice(2).replace(/^ +/, '');
      if (rest === '') throw new NotSimple();
      if (KEY.test(rest)) {
        // `- key: value` opens a mapping whose keys stand where `key` stands.
        const column = indent + (line.text.length - rest.length);
        this.lines[this.pos] = { indent: column, text: rest };
        result.push(this.mapping(column, depth + 1));
      } else {
        this.pos++;
        result.push(scalar(rest));
      }
    }
    return result;
  }
}

/** The frontmatter's value as `yaml` would give it, or NOT_SIMPLE when the fast path does not apply. */
export function parseSimpleYaml(source: string): unknown {
  if (AWKWARD.test(source)) return NOT_SIMPLE;
  const lines: Line[] = [];
  for (const raw of source.split('\n')) {
    const text = raw.replace(/ +$/, '');
    if (text === '' || /^ *#/.test(text)) continue;
    const body = text.replace(/^ +/, '');
    lines.push({ indent: text.length - body.length, text: body });
  }
  try {
    return new Parser(lines).parse();
  } catch (error) {
    if (error instanceof NotSimple) return NOT_SIMPLE;
    throw error;
  }
}
