/**
 * The JSON Schemas generated from the zod schemas (lib/content/json-schema.ts) for editors:
 * the right fields are required, the enums match, and every real content file validates.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { allContentJsonSchemas, contentJsonSchema, jsonSchemaFileText, type ContentSchemaName } from '../../lib/content/json-schema';
import { OUTCOMES, PROJECT_STATUSES, STAGES } from '../../lib/content/schemas';
import { FIXTURE_CONTENT } from '../support/content';

const ROOT = path.resolve(__dirname, '../..');

type Props = Record<string, Record<string, unknown>>;

function validator(name: ContentSchemaName) {
  const ajv = new Ajv({ allErrors: true, strict: true });
  addFormats(ajv);
  return ajv.compile(contentJsonSchema(name));
}

async function frontmatters(folder: string): Promise<Array<{ file: string; data: unknown }>> {
  const dir = path.join(FIXTURE_CONTENT, folder);
  const names = (await readdir(dir)).filter((n) => n.endsWith('.md')).sort();
  return Promise.all(
    names.map(async (name) => {
      const text = (await readFile(path.join(dir, name), 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      const match = /^---\n([\s\S]*?)\n---(\n|$)/.exec(text);
      if (!match) throw new Error(`${name} has no frontmatter`);
      return { file: `${folder}/${name}`, data: parseYaml(match[1]!) };
    }),
  );
}

const decision = contentJsonSchema('decision');
const decisionProps = decision.properties as Props;
const itemProps = (decisionProps.decisions!.items as { properties: Props }).properties;

describe('the decision post schema', () => {
  it('requires title, date, summary, committee and decisions, and nothing else', () => {
    expect([...(decision.required as string[])].sort()).toEqual(['committee', 'date', 'decisions', 'summary', 'title']);
    expect(decision.additionalProperties).toBe(false);
    expect(decision.$schema).toBe('http://json-schema.org/draft-07/schema#');
  });

  it('lists the stages and outcomes of the contract as enums', () => {
    expect(itemProps.stage!.enum).toEqual([...STAGES]);
    expect(itemProps.outcome!.enum).toEqual([...OUTCOMES]);
    expect((contentJsonSchema('project').properties as Props).status!.enum).toEqual([...PROJECT_STATUSES]);
  });

  it('describes dates, slugs and links with patterns, and fields with their descriptions', () => {
    expect(decisionProps.date!.type).toBe('string');
    expect(decisionProps.date!.pattern).toMatch(/^\^\\d\{4\}/);
    expect(decisionProps.meeting!.pattern).toBe('^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$');
    expect(decisionProps.committee!.pattern).toBe('^[a-z0-9]+(?:-[a-z0-9]+)*$');
    expect(itemProps.project!.pattern).toBe('^[a-z0-9]+(?:-[a-z0-9]+)*$');
    expect((decisionProps.tags!.items as Record<string, unknown>).pattern).toBe('^[a-z0-9]+(?:-[a-z0-9]+)*$');
    expect(decisionProps.title!.description).toMatch(/headline/);
    expect(decisionProps.draft).toMatchObject({ type: 'boolean', default: false });
  });

  it('validates the real posts', async () => {
    const validate = validator('decision');
    const posts = await frontmatters('decisions');
    expect(posts.length).toBeGreaterThanOrEqual(4);
    for (const post of posts) {
      const valid = validate(post.data);
      expect({ file: post.file, errors: validate.errors ?? null }).toEqual({ file: post.file, errors: null });
      expect(valid).toBe(true);
    }
  });

  it('rejects the mistakes a writer is likely to make', async () => {
    const validate = validator('decision');
    const [hendon] = await frontmatters('decisions');
    const good = hendon!.data as Record<string, unknown>;
    const item = (good.decisions as Array<Record<string, unknown>>)[0]!;
    const bad: Array<Record<string, unknown>> = [
      { ...good, title: undefined },
      { ...good, date: '30/06/2011' },
      { ...good, date: '2011-13-01' },
      { ...good, meeting: '2 March 2011' },
      { ...good, committee: 'Cabinet Resources Committee' },
      { ...good, tags: ['Adult Social Care'] },
      { ...good, decisions: [] },
      { ...good, decisions: [{ ...item, stage: 'buisness-case' }] },
      { ...good, decisions: [{ ...item, outcome: 'passed' }] },
      { ...good, decisions: [{ ...item, documents: [{ title: 'Paper', url: 'javascript:alert(1)' }] }] },
      { ...good, draft: 'yes' },
      { ...good, comittee: 'cabinet' },
    ].map((data) => JSON.parse(JSON.stringify(data)));
    for (const data of bad) expect(validate(data)).toBe(false);
    expect(
      validate({ ...good, date: '2011-06-30T09:00', decisions: [{ ...item, documents: [{ title: 'Paper', url: 'https://barnet.moderngov.co.uk/x' }] }] }),
    ).toBe(true);
  });
});

describe('the committee, project, glossary and meeting schemas', () => {
  it.each([
    ['committee', 'committees'],
    ['project', 'projects'],
    ['glossary', 'glossary'],
    ['meeting', 'meetings'],
  ] as const)('the %s schema validates every file in content/%s', async (name, folder) => {
    const validate = validator(name);
    for (const file of await frontmatters(folder)) {
      validate(file.data);
      expect({ file: file.file, errors: validate.errors ?? null }).toEqual({ file: file.file, errors: null });
    }
  });

  it('the site schema validates content/site.json', async () => {
    const validate = validator('site');
    const data = JSON.parse(await readFile(path.join(FIXTURE_CONTENT, 'site.json'), 'utf8'));
    validate(data);
    expect(validate.errors ?? null).toBeNull();
  });
});

describe('the files in schemas/', () => {
  it('are up to date with the zod schemas (run npm run content:schema if not)', async () => {
    for (const { file, schema } of allContentJsonSchemas()) {
      const written = await readFile(path.join(ROOT, 'schemas', file), 'utf8').catch(() => '(missing)');
      expect({ file, text: written }).toEqual({ file, text: jsonSchemaFileText(schema) });
    }
  });

  it('include the four content schemas the editor settings point to', async () => {
    const names = await readdir(path.join(ROOT, 'schemas'));
    expect(names).toEqual(expect.arrayContaining(['decision.schema.json', 'committee.schema.json', 'project.schema.json', 'glossary.schema.json']));
  });
});
