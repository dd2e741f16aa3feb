/**
 * The API description (document.ts) in words, for the reference page at /data/api: the page
 * is rendered from the same object as /data/openapi.json, so the two cannot disagree. Pure.
 */
import type { JsonSchema } from '../fields';
import type { OpenApiDocument, Operation, Parameter, Response } from './document';

export interface OperationInWords {
  id: string;
  path: string;
  summary: string;
  description: string;
  /** True where the operation takes the filter parameters (listed once on the page). */
  filtered: boolean;
  /** Its own parameters (a path's slug). */
  parameters: { name: string; where: string; accepts: string; description: string }[];
  responses: { status: string; description: string; types: string[] }[];
}

const refName = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

/** How a value of this schema is written, in words. */
export function schemaInWords(schema: JsonSchema | undefined): string {
  if (!schema) return 'anything';
  if (typeof schema.$ref === 'string') return `a ${refName(schema.$ref)} (below)`;
  if (Array.isArray(schema.enum))
    return schema.enum.length === 0
      ? 'nothing yet'
      : `one of: ${schema.enum.filter((v) => v !== null).join(', ')}${schema.enum.includes(null) ? ', or null' : ''}`;
  if (Array.isArray(schema.anyOf)) return (schema.anyOf as JsonSchema[]).map(schemaInWords).join(', or ');
  const types = ([] as unknown[]).concat(schema.type ?? []);
  const nullable = types.includes('null') ? ', or null' : '';
  const type = types.find((t) => t !== 'null');
  if (type === 'array') return `a list, each ${schemaInWords(schema.items as JsonSchema | undefined)}${nullable}`;
  if (schema.format === 'date') return `a date, YYYY-MM-DD${nullable}`;
  if (schema.format === 'date-time') return `a date and time with its offset (ISO 8601)${nullable}`;
  if (schema.format === 'uri') return `a web address${nullable}`;
  if (type === 'boolean') return `true or false${nullable}`;
  if (type === 'integer') return `a whole number${nullable}`;
  if (type === 'number') return `a number${nullable}`;
  if (type === 'object') return `an object${nullable}`;
  if (type === 'string') return `text${nullable}`;
  return 'anything';
}

function parameterOf(document: OpenApiDocument, p: Parameter | { $ref: string }): Parameter {
  return '$ref' in p ? document.components.parameters[refName(p.$ref)]! : p;
}

function responseOf(document: OpenApiDocument, r: Response | { $ref: string }): Response {
  return '$ref' in r ? (document.components.responses[refName(r.$ref)] as Response) : r;
}

export function parameterInWords(p: Parameter): { name: string; where: string; accepts: string; description: string } {
  return { name: p.name, where: p.in === 'path' ? 'in the address' : 'query', accepts: schemaInWords(p.schema), description: p.description };
}

/** Every operation, grouped by its tag in the document's order of tags. */
export function operationsInWords(document: OpenApiDocument): { tag: string; description: string; operations: OperationInWords[] }[] {
  const filterRefs = new Set(Object.keys(document.components.parameters).map((name) => `#/components/parameters/${name}`));
  const groups = document.tags.map((tag) => ({ tag: tag.name, description: tag.description, operations: [] as OperationInWords[] }));
  for (const [path, item] of Object.entries(document.paths)) {
    const op: Operation = item.get;
    const own = [...(item.parameters ?? []), ...(op.parameters ?? []).filter((p) => !('$ref' in p && filterRefs.has(p.$ref)))];
    groups
      .find((g) => g.tag === op.tags[0])
      ?.operations.push({
        id: op.operationId,
        path,
        summary: op.summary,
        description: op.description,
        filtered: (op.parameters ?? []).some((p) => '$ref' in p && filterRefs.has(p.$ref)),
        parameters: own.map((p) => parameterInWords(parameterOf(document, p))),
        responses: Object.entries(op.responses).map(([status, r]) => {
          const response = responseOf(document, r);
          return { status, description: response.description, types: Object.keys(response.content ?? {}) };
        }),
      });
  }
  return groups.filter((g) => g.operations.length > 0);
}

/** The record schemas: each property's name, how it is written and what it holds. */
export function schemasInWords(
  document: OpenApiDocument,
): { name: string; description: string; properties: { name: string; type: string; description: string; required: boolean }[] }[] {
  return Object.entries(document.components.schemas).map(([name, schema]) => {
    const required = new Set((schema.required as string[] | undefined) ?? []);
    const properties = Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>).map(([key, value]) => ({
      name: key,
      type: schemaInWords(value),
      description: typeof value.description === 'string' ? value.description : '',
      required: required.has(key),
    }));
    return { name, description: typeof schema.description === 'string' ? schema.description : '', properties };
  });
}
