import { z } from 'zod';
import { committeeSchema, decisionSchema, glossarySchema, meetingSchema, projectSchema, siteSchema } from './schemas';

/**
 * JSON Schemas of the content files, generated from the zod schemas in ./schemas.ts so that
 * editors (VS Code with the YAML extension, for one) can autocomplete and check frontmatter
 * while it is typed. `npm run content:schema` writes them to schemas/*.json.
 *
 * zod's checks that JSON Schema cannot express (a real date, a slug, a web address) declare a
 * string pattern beside them in schemas.ts (`.meta()`), so the schema stays useful: it catches
 * the common mistakes as you type. `npm run content:check` stays the authority: it also knows that
 * 2011-02-31 is not a real date and that a committee must exist.
 *
 * Pure: no file is read or written here.
 */

export type JsonSchema = Record<string, unknown>;

/** Draft-07 is the draft every editor and validator understands. */
export const JSON_SCHEMA_TARGET = 'draft-7' as const;

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
  meeting: { file: 'meeting.schema.json', appliesTo: 'content/meetings/*.md', title: 'Meeting (frontmatter)', schema: meetingSchema },
  site: { file: 'site.schema.json', appliesTo: 'content/site.json', title: "The site's settings", schema: siteSchema },
} satisfies Record<string, ContentSchemaSpec>;

export type ContentSchemaName = keyof typeof CONTENT_SCHEMAS;

interface ZodInternals {
  _zod: { def: { type: string; defaultValue?: unknown } };
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
      const def = (ctx.zodSchema as unknown as ZodInternals)._zod.def;
      const json = ctx.jsonSchema as JsonSchema;
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
