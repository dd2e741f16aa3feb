/**
 * The decision record's item fields (lib/content/record-schemas.ts): absent unless a post gives
 * them, kept as written when it does, and each mistake a plain-English problem on its field.
 */
import { describe, expect, it } from 'vitest';
import { collect, onlyProblem, post, problemsOf } from './helpers';

const item = (fields: Record<string, unknown> = {}) => ({
  subject: 'New Support and Customer Service Organisation business case',
  project: 'nscso',
  stage: 'contract-award',
  outcome: 'awarded',
  ...fields,
});

const FULL_RECORD = {
  reasons: 'The bid gave the **best value** of the [three bids](https://example.org/bids).',
  alternatives: ['Keep the service in house: rejected as it saves nothing.', 'Delay a year: rejected as the contract ends in March.'],
  interests: [
    { member: 'Councillor A. Example', interest: 'A relative works for a bidder.', dispensation: 'Granted to speak but not to vote.' },
    { member: 'Councillor B. Example', interest: 'Owns shares in a bidder.' },
  ],
  exempt: { paragraph: 3, note: "The bidders' prices." },
  urgency: 'general-exception',
  noticeDate: '2011-06-01',
  value: { amount: 1250000.5, kind: 'spend', period: 'over five years' },
  supplier: 'Example Services Ltd',
  contract: { reference: 'CRC-2011-07', url: 'https://www.contractsfinder.service.gov.uk/notice/1', ocid: 'ocds-b5fd17-0001' },
};

const problemOf = (fields: Record<string, unknown>, postFields: Record<string, unknown> = {}) =>
  onlyProblem(problemsOf(post({ ...postFields, decisions: [item(fields)] })));

describe('the decision record of an item', () => {
  it('is absent unless the post gives it', () => {
    const plain = collect(post()).decisions[0]!.items[0]!;
    for (const key of Object.keys(FULL_RECORD)) expect(plain).not.toHaveProperty(key);
  });

  it('is kept as written when the post gives every field', () => {
    const content = collect(post({ decisions: [item(FULL_RECORD)] }));
    expect(content.problems).toEqual([]);
    expect(content.decisions[0]!.items[0]).toMatchObject(FULL_RECORD);
  });

  it('refuses a negative amount, saying to write it positive and give its kind', () => {
    const p = problemOf({ value: { amount: -5, kind: 'saving' } });
    expect(p).toMatchObject({ field: 'decisions[0].value.amount', severity: 'error' });
    expect(p.message).toContain('An amount cannot be negative');
  });

  it('takes pounds, and pounds and pence, but not fractions of a penny', () => {
    expect(problemsOf(post({ decisions: [item({ value: { amount: 1250.5, kind: 'income' } })] }))).toEqual([]);
    expect(problemsOf(post({ decisions: [item({ value: { amount: 0, kind: 'income' } })] }))).toEqual([]);
    const p = problemOf({ value: { amount: 1250.505, kind: 'income' } });
    expect(p.field).toBe('decisions[0].value.amount');
    expect(p.message).toBe('1250.505 has more than two decimal places: write pounds, or pounds and pence, like 1250000 or 1250.50.');
  });

  it('refuses an amount written as text with a pound sign, saying how to write it', () => {
    const p = problemOf({ value: { amount: '£1,250,000', kind: 'spend' } });
    expect(p.field).toBe('decisions[0].value.amount');
    expect(p.message).toBe("This should be a number, in digits only (no £ sign or commas), but it is the text '£1,250,000'.");
  });

  it('refuses a value kind it does not know, with a did-you-mean', () => {
    const p = problemOf({ value: { amount: 10, kind: 'savings' } });
    expect(p.field).toBe('decisions[0].value.kind');
    expect(p.message).toContain("did you mean 'saving'?");
  });

  it('refuses paragraph 8 of Schedule 12A, which has paragraphs 1 to 7', () => {
    const p = problemOf({ exempt: { paragraph: 8 } });
    expect(p).toMatchObject({ field: 'decisions[0].exempt.paragraph', severity: 'error' });
    expect(p.message).toBe('Schedule 12A has paragraphs 1 to 7: give one of them.');
    expect(problemOf({ exempt: { paragraph: 0 } }).message).toBe('Schedule 12A has paragraphs 1 to 7: give one of them.');
    expect(problemOf({ exempt: { paragraph: 2.5 } }).message).toBe('This should be a whole number, but it is number 2.5.');
  });

  it('refuses a misspelt urgency, with a did-you-mean', () => {
    const p = problemOf({ urgency: 'general-exeption' });
    expect(p.field).toBe('decisions[0].urgency');
    expect(p.message).toBe("'general-exeption' is not an allowed value; did you mean 'general-exception'? Allowed: general-exception, special-urgency.");
    expect(problemOf({ urgency: 'special urgency' }).message).toContain("did you mean 'special-urgency'?");
  });

  it('refuses a notice date after the meeting, and takes one on or before it', () => {
    const p = problemOf({ noticeDate: '2011-07-01' }, { meeting: '2011-06-29' });
    expect(p).toMatchObject({ field: 'decisions[0].noticeDate', severity: 'error' });
    expect(p.message).toBe(
      "The notice date 2011-07-01 is after the meeting (2011-06-29): a key decision's notice is published before it is taken. Is the date right?",
    );
    expect(p.line).toBeGreaterThan(1);
    expect(problemsOf(post({ meeting: '2011-06-29', decisions: [item({ noticeDate: '2011-06-29' })] }))).toEqual([]);
    // Without a meeting date there is nothing to compare with.
    expect(problemsOf(post({ meeting: undefined, decisions: [item({ noticeDate: '2011-07-01' })] }))).toEqual([]);
  });

  it('refuses a notice date that is not a real date', () => {
    expect(problemOf({ noticeDate: '2011-02-31' }).message).toContain("'2011-02-31' is not a real date");
  });

  it('refuses a contract notice that is not an http(s) address, and an unknown contract field with a did-you-mean', () => {
    expect(problemOf({ contract: { url: 'javascript:alert(1)' } }).field).toBe('decisions[0].contract.url');
    const p = problemOf({ contract: { referance: 'X' } });
    expect(p.field).toBe('decisions[0].contract.referance');
    expect(p.message).toContain("did you mean 'reference'?");
  });

  it('refuses an interest without the member who declared it', () => {
    const p = problemOf({ interests: [{ interest: 'Owns shares in a bidder.' }] });
    expect(p.field).toBe('decisions[0].interests[0].member');
    expect(p.message).toContain('This required field is missing');
  });
});
