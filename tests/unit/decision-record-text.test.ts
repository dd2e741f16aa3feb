/**
 * The decision record in plain English (lib/records/decision-record.ts): money exact and en-GB,
 * every paragraph of Schedule 12A, urgency and the order of the facts.
 */
import { describe, expect, it } from 'vitest';
import { exemptStatement, formatMoney, formatPounds, recordFacts, SCHEDULE_12A, segmentsText, urgencyStatement } from '../../lib/records/decision-record';

describe('money', () => {
  it('is en-GB, exact, with pence only where given', () => {
    expect(formatMoney({ amount: 1250000, kind: 'spend', period: 'over five years' })).toBe('£1,250,000 spend over five years');
    expect(formatMoney({ amount: 84000, kind: 'saving', period: 'a year' })).toBe('£84,000 saving a year');
    expect(formatMoney({ amount: 1250.5, kind: 'income' })).toBe('£1,250.50 income');
    expect(formatPounds(0)).toBe('£0');
    expect(formatPounds(0.01)).toBe('£0.01');
    expect(formatPounds(999999999999.99)).toBe('£999,999,999,999.99');
    expect(formatPounds(1000000000000)).toBe('£1,000,000,000,000');
  });

  it('never rounds an amount the schema allows', () => {
    for (const pence of [1, 5, 9, 10, 49, 50, 51, 99]) {
      const amount = 1234567 + pence / 100;
      expect(formatPounds(amount)).toBe(`£1,234,567.${String(pence).padStart(2, '0')}`);
    }
  });
});

describe('exempt information', () => {
  it('explains every paragraph of Part 1 of Schedule 12A, and only those', () => {
    expect(Object.keys(SCHEDULE_12A).map(Number)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    const expected: Record<number, string> = {
      1: 'information about any individual',
      2: 'information likely to reveal who an individual is',
      3: 'information about the financial or business affairs of any particular person, including the council',
      4: 'labour relations matter',
      5: 'legal professional privilege',
      6: 'order or direction under any law',
      7: 'prevent, investigate or prosecute crime',
    };
    for (let paragraph = 1; paragraph <= 7; paragraph++) {
      const text = segmentsText(exemptStatement({ paragraph }));
      expect(text).toContain(`under paragraph ${paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972, which covers`);
      expect(text).toContain(expected[paragraph]!);
      expect(text).toMatch(/The rest of the decision is public\.$/);
    }
  });

  it('says what was withheld, and links the term exempt information', () => {
    const segments = exemptStatement({ paragraph: 3, note: "The bidders' prices." });
    expect(segmentsText(segments)).toMatch(/^Part of this decision is not public \(The bidders' prices\)\. It is exempt information under paragraph 3/);
    expect(segments).toContainEqual({ text: 'exempt information', glossary: 'exempt-information' });
  });
});

describe('urgency', () => {
  it('says plainly that the usual notice was not given, and under which rule', () => {
    expect(segmentsText(urgencyStatement('general-exception'))).toMatch(
      /^Taken without the usual 28 clear days’ notice in the forward plan, under the general exception \(regulation 10\)/,
    );
    expect(segmentsText(urgencyStatement('special-urgency'))).toMatch(/under the special urgency rules \(regulation 11\)/);
    expect(urgencyStatement('special-urgency')).toContainEqual({ text: 'special urgency', glossary: 'special-urgency' });
  });
});

describe('the facts of a record', () => {
  it('are none for an item without a record', () => {
    expect(recordFacts({})).toEqual([]);
  });

  it('say each field the item gives, in order, with no noise for what it does not', () => {
    const facts = recordFacts({
      reasons: 'Best *value*.',
      alternatives: ['Keep it in house.'],
      interests: [
        { member: 'Cllr A', interest: 'Shares.', dispensation: 'To speak.' },
        { member: 'Cllr B', interest: 'A relative.' },
      ],
      value: { amount: 84000, kind: 'saving', period: 'a year' },
      supplier: 'Example Ltd',
      contract: { url: 'https://example.org/notice' },
      noticeDate: '2011-06-01',
      urgency: 'special-urgency',
    });
    expect(facts.map((f) => f.label)).toEqual([
      'Reasons',
      'Alternatives considered and rejected',
      'Interests declared',
      'Money',
      'Supplier',
      'Contract',
      'Notice of the key decision',
      'Urgency',
    ]);
    expect(facts[0]!.markdown).toBe('Best *value*.');
    expect(facts[2]!.items!.map(segmentsText)).toEqual(['Cllr A: Shares. Dispensation: To speak.', 'Cllr B: A relative.']);
    expect(facts[3]!.value).toEqual(['£84,000 saving a year']);
    expect(facts[5]!.items).toEqual([[{ text: 'The contract notice', href: 'https://example.org/notice' }]]);
    expect(segmentsText(facts[6]!.value!)).toBe('First published in the forward plan on Wednesday 1 June 2011.');
  });
});
