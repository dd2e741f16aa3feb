import type { z } from 'zod';
import { formatFieldPath, type FieldPath } from './frontmatter';
import { problem, type ContentProblem } from './problems';
import { didYouMean } from './suggest';

function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (value instanceof Date) return 'a date';
  if (typeof value === 'object') return 'a group of fields';
  if (typeof value === 'string') return `the text '${value.slice(0, 40)}'`;
  return `${typeof value} ${String(value)}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  array: 'a list, each item on its own line starting with "- "',
  boolean: 'true or false',
  object: 'a group of fields, each on its own indented line',
  number: 'a number, in digits only (no £ sign or commas)',
  int: 'a whole number',
};

function valueAt(data: unknown, path: FieldPath): unknown {
  let node = data;
  for (const key of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}

function objectKeysAt(schema: z.ZodType, path: FieldPath): string[] {
  // Walk the schema to list the fields allowed where an unknown one was found.
  let node: unknown = schema;
  for (const key of path) {
    node = unwrap(node);
    const def = (node as { def?: { type?: string; shape?: Record<string, unknown>; element?: unknown } }).def;
    if (def?.type === 'object' && typeof key === 'string') node = def.shape?.[key];
    else if (def?.type === 'array' && typeof key === 'number') node = def.element;
    else return [];
  }
  const def = (unwrap(node) as { def?: { type?: string; shape?: Record<string, unknown> } }).def;
  return def?.type === 'object' ? Object.keys(def.shape ?? {}) : [];
}

function unwrap(node: unknown): unknown {
  let current = node as { def?: { type?: string; innerType?: unknown; out?: unknown } } | undefined;
  for (let i = 0; i < 10 && current?.def; i++) {
    const { type } = current.def;
    if (type === 'optional' || type === 'default' || type === 'nullable' || type === 'prefault') current = current.def.innerType as typeof current;
    // A pipe is a preprocess (its output side holds the fields) or a transform of a record
    // (its input side does).
    else if (type === 'pipe') {
      const { in: input, out } = current.def as { in?: { def?: { type?: string } }; out?: { def?: { type?: string } } };
      current = (out?.def?.type === 'transform' ? input : out) as typeof current;
    }
    else break;
  }
  return current;
}

/**
 * Turns zod's issues into problems a comms officer can act on: what is wrong, in words, and
 * what to write instead, at the line where the field stands.
 */
export function zodProblems(
  file: string,
  schema: z.ZodType,
  error: z.ZodError,
  data: unknown,
  lineOf: (path: FieldPath) => number,
): ContentProblem[] {
  const problems: ContentProblem[] = [];
  for (const issue of error.issues) {
    const path = issue.path as FieldPath;
    const value = valueAt(data, path);
    const field = formatFieldPath(path) || 'frontmatter';
    const line = lineOf(path);
    switch (issue.code) {
      case 'invalid_type': {
        if (value === undefined || value === null) {
          const expected = EXPECTED[issue.expected] ?? issue.expected;
          problems.push(problem(file, field, `This required field is missing. Add a line '${String(path.at(-1))}: …' (${expected}).`, line));
        } else {
          problems.push(problem(file, field, `This should be ${EXPECTED[issue.expected] ?? issue.expected}, but it is ${describeValue(value)}.`, line));
        }
        break;
      }
      case 'invalid_value': {
        const allowed = issue.values.map(String);
        if (value === undefined || value === null) {
          problems.push(problem(file, field, `This required field is missing. Add a line '${String(path.at(-1))}: …' with one of: ${allowed.join(', ')}.`, line));
          break;
        }
        const suggestion = didYouMean(String(value), allowed);
        const lead = `'${String(value)}' is not an allowed value${suggestion || '.'}`;
        problems.push(problem(file, field, `${lead} Allowed: ${allowed.join(', ')}.`, line));
        break;
      }
      case 'unrecognized_keys': {
        const allowed = objectKeysAt(schema, path);
        for (const key of issue.keys) {
          const suggestion = didYouMean(key, allowed);
          problems.push(
            problem(
              file,
              formatFieldPath([...path, key]),
              suggestion
                ? `'${key}' is not a field that can be used here${suggestion}`
                : `'${key}' is not a field that can be used here. The fields are: ${allowed.join(', ')}.`,
              lineOf([...path, key]),
            ),
          );
        }
        break;
      }
      case 'too_small':
        problems.push(
          problem(file, field, issue.origin === 'array' && issue.message.startsWith('Too small') ? 'The list is empty: add at least one item.' : issue.message, line),
        );
        break;
      default:
        problems.push(problem(file, field, issue.message, line));
    }
  }
  return problems;
}
