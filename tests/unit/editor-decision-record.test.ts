/**
 * The editor offers the decision record's fields (lib/content/record-schemas.ts) with no second
 * definition: groups, lists of groups and numbers come from the schema, a saved amount is a
 * number in the file, and a mistake lands on its own field in content:check's words.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectContent } from '../../lib/content/collect';
import { readContentDir } from '../../lib/content/read-content-dir';
import { formEntries, formOf, openFile, readBody, readFields, serialise, type OpenedFile } from '../../lib/editor/document';
import { collectionFields, type Field } from '../../lib/editor/fields';
import { problemsByField } from '../../lib/editor/view';

const FIXTURES = path.join(process.cwd(), 'tests/fixtures/editor');
const NAME = '2011-07-21-library-self-service-kiosks-contract-awarded.md';
const TEXT = readFileSync(path.join(FIXTURES, 'decisions', NAME), 'utf8');
const fields = collectionFields('decisions');
const itemFields = (fields.find((f) => f.key === 'decisions') as Extract<Field, { kind: 'group' }>).fields;
const byKey = (list: readonly Field[], key: string) => list.find((f) => f.key === key)!;

function opened(): OpenedFile {
  const result = openFile(`content/decisions/${NAME}`, TEXT);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.file;
}

function submit(change: Record<string, string>): { text: string; values: ReturnType<typeof readFields> } {
  const file = opened();
  const entries = formEntries(fields, file.data).map(([name, value]): [string, string] => [name, Object.hasOwn(change, name) ? change[name]! : value]);
  const form = formOf([...entries, ['body', file.body]]);
  const values = readFields(fields, form);
  return { text: serialise(fields, file, values, readBody(form)), values };
}

const DISPLAY = `content/decisions/${NAME}`;

/** The editor fixtures with this post's text replaced: what content:check would read. */
async function withText(text: string) {
  const files = await readContentDir(FIXTURES, 'content');
  return { ...files, decisions: [...files.decisions.filter((f) => f.path !== DISPLAY), { path: DISPLAY, bytes: new TextEncoder().encode(text) }] };
}

async function problemsOf(text: string) {
  return collectContent(await withText(text)).problems.filter((p) => p.file === DISPLAY);
}

describe('the decision record in the editor', () => {
  it('offers every field of the record, each of the kind its schema says', () => {
    expect(byKey(itemFields, 'reasons')).toMatchObject({ kind: 'text', multiline: true, required: false });
    expect(byKey(itemFields, 'alternatives')).toMatchObject({ kind: 'textList', label: 'Alternatives considered and rejected' });
    expect(byKey(itemFields, 'interests')).toMatchObject({ kind: 'group', repeatable: true, itemLabel: 'Interest' });
    expect(byKey(itemFields, 'urgency')).toMatchObject({ kind: 'enum', options: ['general-exception', 'special-urgency'] });
    expect(byKey(itemFields, 'noticeDate')).toMatchObject({ kind: 'date' });
    expect(byKey(itemFields, 'supplier')).toMatchObject({ kind: 'text' });
    const exempt = byKey(itemFields, 'exempt') as Extract<Field, { kind: 'group' }>;
    expect(exempt).toMatchObject({ repeatable: false, label: 'Exempt information' });
    expect(byKey(exempt.fields, 'paragraph')).toMatchObject({ kind: 'number', integer: true, minimum: 1, maximum: 7, required: true });
    const value = byKey(itemFields, 'value') as Extract<Field, { kind: 'group' }>;
    expect(byKey(value.fields, 'amount')).toMatchObject({ kind: 'number', integer: false, minimum: 0 });
    expect(byKey(value.fields, 'kind')).toMatchObject({ kind: 'enum', options: ['spend', 'saving', 'income'] });
    const contract = byKey(itemFields, 'contract') as Extract<Field, { kind: 'group' }>;
    expect(contract.fields.map((f) => [f.key, f.kind])).toEqual([
      ['reference', 'text'],
      ['url', 'url'],
      ['ocid', 'text'],
    ]);
  });

  it('saves a changed amount as a number and a changed interest in place, touching only those lines', async () => {
    const { text } = submit({ 'decisions[0].value.amount': '1300000.25', 'decisions[0].interests[1].dispensation': 'None was needed.' });
    expect(text).toContain('      amount: 1300000.25\n');
    expect(text).toContain('        dispensation: "None was needed."\n');
    const [before, after] = [TEXT.split('\n'), text.split('\n')];
    expect(after.length).toBe(before.length + 1);
    expect(await problemsOf(text)).toEqual([]);
    const decision = collectContent(await withText(text)).decisions.find((d) => d.slug === NAME.slice(0, -3))!;
    expect(decision.items[0]!.value).toEqual({ amount: 1300000.25, kind: 'spend', period: 'over five years' });
  });

  it('adds a whole group the file did not have, and removes one left blank', async () => {
    const added = submit({ 'decisions[1].contract.reference': 'SALE-2011-1' }).text;
    expect(added).toContain('    contract:\n      reference: "SALE-2011-1"\n');
    expect(await problemsOf(added)).toEqual([]);
    const removed = submit({ 'decisions[1].exempt.paragraph': '', 'decisions[1].exempt.note': '' }).text;
    expect(removed).not.toContain('exempt:');
    expect(await problemsOf(removed)).toEqual([]);
  });

  it('puts a paragraph 8, an amount written with a pound sign and a misspelt urgency on their own fields', async () => {
    const { text, values } = submit({
      'decisions[1].exempt.paragraph': '8',
      'decisions[1].value.amount': '£1,250.50',
      'decisions[0].urgency': 'general-exeption',
    });
    const byField = problemsByField(fields, values, await problemsOf(text));
    expect(byField.get('decisions[1].exempt.paragraph')).toEqual(['Schedule 12A has paragraphs 1 to 7: give one of them.']);
    expect(byField.get('decisions[1].value.amount')![0]).toContain(
      "This should be a number, in digits only (no £ sign or commas), but it is the text '£1,250.50'",
    );
    expect(byField.get('decisions[0].urgency')![0]).toContain("did you mean 'general-exception'?");
  });
});
