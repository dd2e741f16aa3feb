import { z } from 'zod';
import { committeeSchema, decisionSchema, glossarySchema, projectSchema, siteSchema } from './schemas';
import { MAX_SLUG_LENGTH, SLUG_PATTERN } from './slug';

/**
 * JSON Schemas of the content files, generated from the zod schemas in ./schemas.ts so that
 * editors (VS Code with the YAML extension, for one) can autocomplete and check frontmatter
 * while it is typed. `npm run content:schema` writes them to schemas/*.json.
 *
 * zod's checks that JSON Schema cannot express (a real date, a slug, a web address) are
 * written as string patterns here, so the schema stays useful: it catches the common
 * mistakes as you type. `npm run content:check` stays the authority: it also knows that
 * 2011-02-31 is not a real date and that a committee must exist.
 *
 * Pure: no file is read or written here.
 */

export type JsonSchema = Record<string, unknown>;

/** Draft-07 is the draft every editor and validator understands. */
export const JSON_SCHEMA_TARGET = 'draft-7' as const;

/** `YYYY-MM-DD`, month 01–12, day 01–31 (the checker also rejects 2011-02-31). */
export const CALENDAR_DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

/** `YYYY-MM-DD`, or a date-time `YYYY-MM-DDTHH:MM[:SS]` with an optional `Z`/`±hh:mm` (London time when none). */
export const PUBLICATION_DATE_PATTERN =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])([T ]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';

/** An http(s) address. The checker's own test (a real address with a domain) is stricter. */
export const HTTP_URL_PATTERN = '^https?://\\S';

export interface ContentSchemaSpec {
  /** The file name under schemas/, e.g. `decision.schema.json`. */
  file: string;
  /** The files it describes, as a glob relative to the project root. */
  appliesTo: string;
  title: string;
  schema: z.ZodType;
}

export const CONTENT_SCHEMAS = {
  decision: { file: 'decision.schema.json', appliesTo: 'content/decisions/*.md', title: 'Decision post (frontmatter)', schema: decisionSchema },
  committee: { file: 'committee.schema.json', appliesTo: 'content/committees/*.md', title: 'Committee (frontmatter)', schema: committeeSchema },
  project: { file: 'project.schema.json', appliesTo: 'content/projects/*.md', title: 'Project (frontmatter)', schema: projectSchema },
  glossary: { file: 'glossary.schema.json', appliesTo: 'content/glossary/*.md', title: 'Glossary term (frontmatter)', schema: glossarySchema },
  site: { file: 'site.schema.json', appliesTo: 'content/site.json', title: "The site's settings", schema: siteSchema },
} satisfies Record<string, ContentSchemaSpec>;

export type ContentSchemaName = keyof typeof CONTENT_SCHEMAS;

type StringKind = 'slug' | 'calendar-date' | 'publication-date' | 'http-url';

interface ZodInternals {
  _zod: { def: { type: string; checks?: Array<{ _zod: { def: { check: string } } }>; defaultValue?: unknown } };
}

/**
 * What a refined string field holds, found by asking the field's own zod schema about sample
 * values, so a field added to schemas.ts later is described without touching this file.
 */
function stringKind(schema: z.ZodType): StringKind | undefined {
  const accepts = (value: string) => schema.safeParse(value).success;
  if (accepts('cabinet-resources-committee') && !accepts('Cabinet Resources') && !accepts('cabinet--resources')) return 'slug';
  if (accepts('2011-06-30') && !accepts('2011-02-31') && !accepts('30/06/2011') && !accepts('cabinet')) {
    return accepts('2011-06-30T09:00') ? 'publication-date' : 'calendar-date';
  }
  if (accepts('https://www.barnet.gov.uk/') && accepts('http://www.barnet.gov.uk/') && !accepts('javascript:alert(1)') && !accepts('www.barnet.gov.uk')) {
    return 'http-url';
  }
  return undefined;
}

function describeKind(kind: StringKind, json: JsonSchema): void {
  switch (kind) {
    case 'slug':
      json.pattern = SLUG_PATTERN.source;
      json.maxLength = MAX_SLUG_LENGTH;
      json.description ??= 'A slug: lowercase letters, digits and single hyphens, like "adult-social-care"';
      break;
    case 'calendar-date':
      json.pattern = CALENDAR_DATE_PATTERN;
      json.examples = ['2011-06-30'];
      break;
    case 'publication-date':
      json.pattern = PUBLICATION_DATE_PATTERN;
      json.examples = ['2011-06-30', '2011-06-30T09:00'];
      break;
    case 'http-url':
      json.pattern = HTTP_URL_PATTERN;
      json.examples = ['https://www.barnet.gov.uk/'];
      break;
  }
}

/** The JSON Schema of one kind of content file, with a title and a do-not-edit note. */
export function contentJsonSchema(name: ContentSchemaName): JsonSchema {
  const spec: ContentSchemaSpec = CONTENT_SCHEMAS[name];
  const generated = z.toJSONSchema(spec.schema, {
    target: JSON_SCHEMA_TARGET,
    // What a writer types, not what the site makes of it: fields with a default are optional.
    io: 'input',
    unrepresentable: 'any',
    override(ctx) {
      const internals = ctx.zodSchema as unknown as ZodInternals;
      const def = internals._zod.def;
      const json = ctx.jsonSchema as JsonSchema;
      if (def.type === 'string' && def.checks?.some((check) => check._zod.def.check === 'custom')) {
        const kind = stringKind(ctx.zodSchema as unknown as z.ZodType);
        if (kind) describeKind(kind, json);
      }
      if (def.type === 'default' && json.default === undefined) {
        const value = def.defaultValue;
        if (value !== undefined) json.default = structuredClone(value);
      }
    },
  }) as JsonSchema;

  const { $schema, ...rest } = generated;
  return {
    $schema,
    $comment: `Generated from lib/content/schemas.ts by "npm run content:schema". Do not edit by hand: change the zod schema and run the command again. Describes ${spec.appliesTo}.`,
    title: spec.title,
    ...rest,
  };
}

/** Every content schema, by the file name it is written to. */
export function allContentJsonSchemas(): Array<{ name: ContentSchemaName; file: string; appliesTo: string; schema: JsonSchema }> {
  return (Object.keys(CONTENT_SCHEMAS) as ContentSchemaName[]).map((name) => ({
    name,
    file: CONTENT_SCHEMAS[name].file,
    appliesTo: CONTENT_SCHEMAS[name].appliesTo,
    schema: contentJsonSchema(name),
  }));
}

/** The text written to disk: stable, two-space indented, ending in a newline. */
export function jsonSchemaFileText(schema: JsonSchema): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
