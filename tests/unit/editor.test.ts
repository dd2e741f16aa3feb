/**
 * The browser editor's pure half (lib/editor): the form derived from the zod schemas, the round
 * trip of every fixture file through the form, files written as a person would write them, and
 * content:check's problems placed on their fields. Only tests/fixtures/editor is read, never
 * content/.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectContent, type ContentFiles } from '../../lib/content/collect';
import { isError } from '../../lib/content/problems';
import { readContentDir } from '../../lib/content/read-content-dir';
import {
  committeeSchema,
  decisionFieldsSchema,
  glossarySchema,
  meetingFieldsSchema,
  OUTCOMES,
  PROJECT_STATUSES,
  projectSchema,
  STAGES,
} from '../../lib/content/schemas';
import { applyListAction, formEntries, formOf, openFile, readBody, readFields, serialise, type OpenedFile, type Values } from '../../lib/editor/document';
import { collectionFields, EDITOR_COLLECTIONS, type EditorCollection, type Field } from '../../lib/editor/fields';
import { requestProblem } from '../../lib/editor/requests';
import { editorEnabled } from '../../lib/editor/store';
import { problemsByField, readableField } from '../../lib/editor/view';

const FIXTURES = path.join(process.cwd(), 'tests/fixtures/editor');
const COLLECTIONS = Object.keys(EDITOR_COLLECTIONS) as EditorCollection[];

const fieldByKey = (fields: readonly Field[], key: string): Field => fields.find((f) => f.key === key)!;

function fixtureFiles(collection: EditorCollection): Array<{ name: string; text: string }> {
  const dir = path.join(FIXTURES, collection);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => ({ name, text: readFileSync(path.join(dir, name), 'utf8') }));
}

function opened(collection: EditorCollection, name: string, text: string): OpenedFile {
  const result = openFile(`content/${collection}/${name}`, text);
  if (!result.ok) throw new Error(`${name}: ${JSON.stringify(result.problems)}`);
  return result.file;
}

/** What the browser sends back for an unchanged form, with some fields changed. */
function submit(collection: EditorCollection, file: OpenedFile, change: Record<string, string> = {}, body = file.body): string {
  const fields = collectionFields(collection);
  const entries = formEntries(fields, file.data).map(([name, value]): [string, string] => [name, Object.hasOwn(change, name) ? change[name]! : value]);
  // Browsers send a textarea's line breaks as CRLF.
  const form = formOf([...entries, ['body', body.replace(/\n/g, '\r\n')]]);
  return serialise(fields, file, readFields(fields, form), readBody(form));
}

/** The content folder's files with one file's text replaced (or added): what content:check would read. */
function withFile(files: ContentFiles, collection: EditorCollection, name: string, text: string): ContentFiles {
  const display = `content/${collection}/${name}`;
  const list = (files[collection] ?? []).filter((f) => f.path !== display);
  return { ...files, [collection]: [...list, { path: display, bytes: new TextEncoder().encode(text) }] };
}

describe('the form comes from the zod schemas', () => {
  it('has one field for each key of each collection’s schema, in the schema’s order', () => {
    const schemas = {
      decisions: decisionFieldsSchema,
      meetings: meetingFieldsSchema,
      committees: committeeSchema,
      projects: projectSchema,
      glossary: glossarySchema,
    };
    for (const collection of COLLECTIONS) {
      expect(collectionFields(collection).map((f) => f.key)).toEqual(Object.keys(schemas[collection].shape));
    }
  });

  it('makes enums selects with the schema’s values, and references pickers over the real records', () => {
    const fields = collectionFields('decisions');
    const items = fieldByKey(fields, 'decisions');
    expect(items).toMatchObject({ kind: 'group', repeatable: true, minItems: 1, itemLabel: 'Decision item', required: true });
    if (items.kind !== 'group') throw new Error('not a group');
    expect(fieldByKey(items.fields, 'stage')).toMatchObject({ kind: 'enum', options: [...STAGES], required: true });
    expect(fieldByKey(items.fields, 'outcome')).toMatchObject({ kind: 'enum', options: [...OUTCOMES] });
    expect(fieldByKey(items.fields, 'project')).toMatchObject({ kind: 'slug', reference: 'projects', required: false });
    expect(fieldByKey(items.fields, 'documents')).toMatchObject({ kind: 'group', repeatable: true, minItems: 0 });
    expect(fieldByKey(items.fields, 'callIn')).toMatchObject({ kind: 'group', repeatable: false });
    expect(fieldByKey(items.fields, 'keyDecision')).toMatchObject({ kind: 'boolean', required: false });
    expect(fieldByKey(items.fields, 'wards')).toMatchObject({ kind: 'textList' });
    expect(fieldByKey(fields, 'committee')).toMatchObject({ kind: 'slug', reference: 'committees', required: true });
    expect(fieldByKey(fields, 'tags')).toMatchObject({ kind: 'slugList', defaultValue: [] });
    expect(fieldByKey(collectionFields('projects'), 'status')).toMatchObject({ kind: 'enum', options: [...PROJECT_STATUSES] });
  });

  it('knows dates, text, defaults and hints from the schema', () => {
    const fields = collectionFields('decisions');
    expect(fieldByKey(fields, 'date')).toMatchObject({ kind: 'date', required: true, examples: ['2011-06-30', '2011-06-30T09:00'] });
    expect(fieldByKey(fields, 'meeting')).toMatchObject({ kind: 'date', required: false, examples: ['2011-06-30'] });
    expect(fieldByKey(fields, 'title')).toMatchObject({ kind: 'text', maxLength: 200, multiline: false, hint: decisionFieldsSchema.shape.title.description });
    expect(fieldByKey(fields, 'summary')).toMatchObject({ kind: 'text', maxLength: 300, multiline: true });
    expect(fieldByKey(fields, 'draft')).toMatchObject({ kind: 'boolean', defaultValue: false, required: false });
    expect(fieldByKey(fields, 'glossaryLinks')).toMatchObject({ kind: 'boolean', defaultValue: true });
    expect(fieldByKey(collectionFields('meetings'), 'date')).toMatchObject({ kind: 'date', examples: ['2011-07-20', '2011-07-20T19:00'] });
    expect(fieldByKey(collectionFields('committees'), 'website')).toMatchObject({ kind: 'url', required: false });
  });
});

describe('round trip over every fixture file', () => {
  for (const collection of COLLECTIONS) {
    for (const { name, text } of fixtureFiles(collection)) {
      it(`${collection}/${name}: opening and saving unchanged writes the same bytes`, () => {
        expect(submit(collection, opened(collection, name, text))).toBe(text);
      });
    }
  }

  it('covers every kind of file the fixtures hold: a GFM table, a comment, flow lists, CRLF with a byte-order mark', () => {
    const all = COLLECTIONS.flatMap((c) => fixtureFiles(c).map((f) => f.text));
    expect(all.some((t) => /\n\| :-+ \|/.test(t))).toBe(true);
    expect(all.some((t) => t.includes('# change to false'))).toBe(true);
    expect(all.some((t) => /tags: \[/.test(t))).toBe(true);
    expect(all.some((t) => t.startsWith('\uFEFF') && t.includes('\r\n'))).toBe(true);
  });

  for (const collection of COLLECTIONS.filter((c) => fieldByKey(collectionFields(c), 'summary'))) {
    it(`${collection}: a changed summary changes that line only, and the records stay the same but for it`, async () => {
      const files = await readContentDir(FIXTURES, 'content');
      const before = collectContent(files);
      for (const { name, text } of fixtureFiles(collection)) {
        const file = opened(collection, name, text);
        const out = submit(collection, file, { summary: 'A new summary: with a colon, "quotes" and a # sign.' });
        const eol = file.crlf ? '\r\n' : '\n';
        const [a, b] = [text.split(eol), out.split(eol)];
        expect(b.length).toBe(a.length);
        const changed = a.flatMap((line, i) => (line === b[i] ? [] : [i]));
        expect(changed).toHaveLength(1);
        expect(b[changed[0]!]).toBe('summary: "A new summary: with a colon, \\"quotes\\" and a # sign."');
        const after = collectContent(withFile(files, collection, name, out));
        expect(after.problems.filter(isError)).toEqual([]);
        const slug = name.replace(/\.md$/, '');
        const pick = (set: ReturnType<typeof collectContent>) =>
          collection === 'decisions' ? set.decisions.find((d) => d.slug === slug) : (set[collection] as Map<string, unknown>).get(slug);
        expect(pick(after)).toEqual({ ...(pick(before) as object), summary: 'A new summary: with a colon, "quotes" and a # sign.' });
      }
    });
  }

  it('keeps a line’s comment and style when its value changes (draft: true # …)', () => {
    const name = '2011-07-01-fees-and-charges-table.md';
    const text = fixtureFiles('decisions').find((f) => f.name === name)!.text;
    const file = opened('decisions', name, text);
    const fields = collectionFields('decisions');
    const entries = formEntries(fields, file.data).filter(([key]) => key !== 'draft');
    const out = serialise(fields, file, readFields(fields, formOf(entries)), file.body);
    expect(out).toBe(text.replace('draft: true # change', 'draft: false # change'));
  });

  it('keeps a body with a GFM table byte for byte when only a field changes', () => {
    const name = '2011-07-01-fees-and-charges-table.md';
    const text = fixtureFiles('decisions').find((f) => f.name === name)!.text;
    const out = submit('decisions', opened('decisions', name, text), { title: 'Fees and charges, 2011/12' });
    expect(out.slice(out.indexOf('\n---\n'))).toBe(text.slice(text.indexOf('\n---\n')));
  });
});

describe('a new file', () => {
  const fields = collectionFields('decisions');
  const entries: Array<[string, string]> = [
    ['title', 'Council tax: "what changes"'],
    ['date', '2011-07-04'],
    ['summary', 'Two decisions.'],
    ['committee', 'cabinet'],
    ['decisions#count', '2'],
    ['decisions[0].subject', 'First item'],
    ['decisions[0].stage', 'policy'],
    ['decisions[0].outcome', 'approved'],
    ['decisions[0].documents#count', '0'],
    ['decisions[1].subject', 'Second item'],
    ['decisions[1].project', 'nscso'],
    ['decisions[1].stage', 'business-case'],
    ['decisions[1].outcome', 'deferred'],
    ['decisions[1].documents#count', '0'],
    ['tags', 'one-barnet'],
    ['tags#new', 'council-tax, budget'],
    ['draft', 'true'],
    ['glossaryLinks', 'true'],
    ['updates#count', '0'],
  ];

  it('is written as `npm run new` writes one: text quoted, defaults left out, draft stated', () => {
    const text = serialise(fields, undefined, readFields(fields, formOf(entries)), 'The post.\r\n');
    expect(text).toBe(
      [
        '---',
        'title: "Council tax: \\"what changes\\""',
        'date: 2011-07-04',
        'summary: "Two decisions."',
        'committee: cabinet',
        'decisions:',
        '  - subject: "First item"',
        '    stage: policy',
        '    outcome: approved',
        '  - subject: "Second item"',
        '    project: nscso',
        '    stage: business-case',
        '    outcome: deferred',
        'tags:',
        '  - one-barnet',
        '  - council-tax',
        '  - budget',
        'draft: true',
        '---',
        '',
        'The post.',
        '',
      ].join('\n'),
    );
  });

  it('passes content:check beside the fixtures; an impossible date is named on its field, in content:check’s words', async () => {
    const files = await readContentDir(FIXTURES, 'content');
    const good = serialise(fields, undefined, readFields(fields, formOf(entries)), 'The post.');
    const valid = collectContent(withFile(files, 'decisions', '2011-07-04-council-tax-what-changes.md', good));
    expect(valid.problems.filter((p) => p.file.endsWith('council-tax-what-changes.md'))).toEqual([]);

    const values = readFields(fields, formOf(entries.map(([k, v]): [string, string] => [k, k === 'date' ? '2011-02-31' : v])));
    const bad = serialise(fields, undefined, values, 'The post.');
    const problems = collectContent(withFile(files, 'decisions', 'x.md', bad)).problems.filter((p) => p.file === 'content/decisions/x.md');
    const byField = problemsByField(fields, values, problems);
    expect(byField.get('date')).toEqual([
      "'2011-02-31' is not a real date. Write it as YYYY-MM-DD (2011-06-30), or with a London time as YYYY-MM-DDTHH:MM (2011-06-30T09:00).",
    ]);
    expect(readableField(fields, 'decisions[1].outcome')).toBe('Decision item 2: Outcome');
  });

  it('puts a problem inside an item on that item’s field, and one on a tag on the tags', () => {
    const values: Values = { decisions: [{ subject: 'a' }, { subject: 'b' }], tags: ['ok', 'Not A Slug'] };
    const byField = problemsByField(fields, values, [
      { file: 'f', field: 'decisions[1].outcome', message: 'm1', severity: 'error' },
      { file: 'f', field: 'tags[1]', message: 'm2', severity: 'error' },
      { file: 'f', field: 'frontmatter', message: 'm3', severity: 'error' },
      { file: 'f', field: 'date', message: 'a warning', severity: 'warning' },
    ]);
    expect(Object.fromEntries(byField)).toEqual({ 'decisions[1].outcome': ['m1'], tags: ['m2'], '': ['m3'] });
  });
});

describe('lists grow and shrink through the form’s own buttons', () => {
  const fields = collectionFields('decisions');
  it('adds an empty item and removes a chosen one, nested lists included', () => {
    const values: Values = { decisions: [{ subject: 'a' }, { subject: 'b' }] };
    expect(applyListAction(fields, values, 'add:decisions')).toBe('decisions[2]');
    expect(values.decisions).toEqual([{ subject: 'a' }, { subject: 'b' }, {}]);
    expect(applyListAction(fields, values, 'remove:decisions[0]')).toBe('decisions');
    expect(values.decisions).toEqual([{ subject: 'b' }, {}]);
    expect(applyListAction(fields, values, 'add:decisions[0].documents')).toBe('decisions[0].documents[0]');
    expect(values.decisions).toEqual([{ subject: 'b', documents: [{}] }, {}]);
  });

  it('ignores an action naming anything but a list of the form', () => {
    const values: Values = { title: 'x' };
    expect(applyListAction(fields, values, 'add:title')).toBeUndefined();
    expect(applyListAction(fields, values, 'add:__proto__')).toBeUndefined();
    expect(applyListAction(fields, values, 'remove:decisions')).toBeUndefined();
    expect(values).toEqual({ title: 'x' });
  });
});

describe('where the editor runs', () => {
  it('is on only in a development server started with BARNET_EDITOR=local', () => {
    expect(editorEnabled({ NODE_ENV: 'development', BARNET_EDITOR: 'local' })).toBe(true);
    expect(editorEnabled({ NODE_ENV: 'production', BARNET_EDITOR: 'local' })).toBe(false);
    expect(editorEnabled({ NODE_ENV: 'development' })).toBe(false);
    expect(editorEnabled({ NODE_ENV: 'test', BARNET_EDITOR: 'local' })).toBe(false);
  });

  it('refuses a form sent from another site, and a request for another host name (DNS rebinding)', () => {
    const post = (headers: Record<string, string>) => requestProblem(new Request('http://127.0.0.1:3000/editor/save', { method: 'POST', headers }));
    expect(post({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000', 'sec-fetch-site': 'same-origin' })).toBeUndefined();
    expect(post({ host: 'localhost:3000' })).toBeUndefined();
    expect(post({ host: '127.0.0.1:3000', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' })).toMatch(/another site/);
    expect(post({ host: '127.0.0.1:3000', origin: 'https://evil.example' })).toMatch(/another site/);
    expect(post({ host: 'evil.example:3000', origin: 'http://evil.example:3000', 'sec-fetch-site': 'same-origin' })).toMatch(/127\.0\.0\.1/);
  });
});
