import type { Urgency, ValueKind } from '../content/record-schemas';
import type { DecisionItem } from '../content/types';
import { formatCalendarDate } from '../dates';

/**
 * The decision record of an item (reasons, alternatives, interests, exempt information, urgency,
 * notice, money, supplier, contract) in plain English, as the decision page shows it and the
 * feeds, alerts and JSON-LD say it. A field the post does not give says nothing.
 */

/** A run of a sentence: text, a glossary term's words (linked where the glossary has it), or a link. */
export type Segment = string | { text: string; glossary: string } | { text: string; href: string };

export interface RecordFact {
  label: string;
  /** The glossary term that explains the label, where the glossary has one. */
  glossary?: string;
  /** One statement… */
  value?: Segment[];
  /** …or a list of them… */
  items?: Segment[][];
  /** …or Markdown (the reasons), to render through the sanitising renderer. */
  markdown?: string;
}

export const EXEMPT_INFORMATION_TERM = 'exempt-information';
export const DISPENSATION_TERM = 'dispensation';
export const URGENCY_TERMS: Record<Urgency, string> = { 'general-exception': 'general-exception', 'special-urgency': 'special-urgency' };

const pounds = (pence: boolean) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'GBP', minimumFractionDigits: pence ? 2 : 0, maximumFractionDigits: pence ? 2 : 0 });
const WHOLE_POUNDS = pounds(false);
const WITH_PENCE = pounds(true);

/**
 * An amount as money, exactly: "£1,250,000", "£1,250.50". Pence only where the amount has them;
 * the schema allows at most two decimal places, so nothing is rounded.
 */
export function formatPounds(amount: number): string {
  return (Number.isInteger(amount) ? WHOLE_POUNDS : WITH_PENCE).format(amount);
}

/** "£1,250,000 spend over five years", "£84,000 saving a year", "£1,250.50 income". */
export function formatMoney(value: { amount: number; kind: ValueKind; period?: string }): string {
  return [formatPounds(value.amount), value.kind, value.period].filter(Boolean).join(' ');
}

/**
 * What each paragraph of Part 1 of Schedule 12A to the Local Government Act 1972 covers, in its
 * own words made plain ("the authority" is the council).
 */
export const SCHEDULE_12A: Readonly<Record<number, string>> = {
  1: 'information about any individual',
  2: 'information likely to reveal who an individual is',
  3: 'information about the financial or business affairs of any particular person, including the council',
  4: 'information about consultations or negotiations, or planned ones, on a labour relations matter between the council (or a government minister) and the council’s employees or office holders',
  5: 'information covered by legal professional privilege: legal advice that could be kept confidential in court',
  6: 'information revealing that the council proposes to give a notice under any law that places requirements on a person, or to make an order or direction under any law',
  7: 'information about action taken or to be taken to prevent, investigate or prosecute crime',
};

/** A note without its closing full stop, to sit inside brackets (a loop, not a regex: post text stays linear). */
function withoutFullStop(note: string): string {
  let end = note.length;
  while (end > 0 && (note[end - 1] === '.' || note[end - 1] === ' ')) end--;
  return note.slice(0, end);
}

/** The plain-English statement of an exempt item: what was withheld, under which paragraph, and that the rest is public. */
export function exemptStatement(exempt: { paragraph: number; note?: string }): Segment[] {
  const withheld = exempt.note ? `Part of this decision is not public (${withoutFullStop(exempt.note)}). ` : 'Part of this decision is not public. ';
  return [
    withheld,
    'It is ',
    { text: 'exempt information', glossary: EXEMPT_INFORMATION_TERM },
    ` under paragraph ${exempt.paragraph} of Part 1 of Schedule 12A to the Local Government Act 1972, which covers ${SCHEDULE_12A[exempt.paragraph]}. The rest of the decision is public.`,
  ];
}

/** The urgency rule a key decision was taken under, said plainly. */
export function urgencyStatement(urgency: Urgency): Segment[] {
  const lead = 'Taken without the usual 28 clear days’ notice in the forward plan, under the ';
  return urgency === 'general-exception'
    ? [
        lead,
        { text: 'general exception', glossary: URGENCY_TERMS[urgency] },
        ' (regulation 10): the chair of the scrutiny committee was told, and a notice was published at least 5 clear days before.',
      ]
    : [
        lead,
        { text: 'special urgency', glossary: URGENCY_TERMS[urgency] },
        ' rules (regulation 11): the chair of the scrutiny committee agreed that the decision was urgent and could not reasonably wait.',
      ];
}

type RecordItem = Pick<DecisionItem, 'reasons' | 'alternatives' | 'interests' | 'exempt' | 'urgency' | 'noticeDate' | 'value' | 'supplier' | 'contract'>;

/** The record's facts, in the order the page shows them; only those the post gives. */
export function recordFacts(item: RecordItem): RecordFact[] {
  const facts: RecordFact[] = [];
  if (item.reasons) facts.push({ label: 'Reasons', markdown: item.reasons });
  if (item.alternatives && item.alternatives.length > 0) {
    facts.push({ label: 'Alternatives considered and rejected', items: item.alternatives.map((text) => [text]) });
  }
  if (item.interests && item.interests.length > 0) {
    facts.push({
      label: 'Interests declared',
      items: item.interests.map(({ member, interest, dispensation }) =>
        dispensation ? [`${member}: ${interest} `, { text: 'Dispensation', glossary: DISPENSATION_TERM }, `: ${dispensation}`] : [`${member}: ${interest}`],
      ),
    });
  }
  if (item.value) facts.push({ label: 'Money', value: [formatMoney(item.value)] });
  if (item.supplier) facts.push({ label: 'Supplier', value: [item.supplier] });
  if (item.contract) {
    const { reference, url, ocid } = item.contract;
    const items: Segment[][] = [];
    if (reference) items.push([`Contract reference: ${reference}`]);
    if (url) items.push([{ text: 'The contract notice', href: url }]);
    if (ocid) items.push([`Open Contracting id: ${ocid}`]);
    if (items.length > 0) facts.push({ label: 'Contract', items });
  }
  if (item.exempt) facts.push({ label: 'Exempt information', value: exemptStatement(item.exempt) });
  if (item.noticeDate)
    facts.push({ label: 'Notice of the key decision', value: [`First published in the forward plan on ${formatCalendarDate(item.noticeDate, true)}.`] });
  if (item.urgency) facts.push({ label: 'Urgency', value: urgencyStatement(item.urgency) });
  return facts;
}

/**
 * An item's money and supplier in a line, for feeds and alert emails: "£1,250,000 spend over
 * five years; supplier: Example Ltd". Undefined where the item gives neither.
 */
export function moneyLine(item: Pick<RecordItem, 'value' | 'supplier'>): string | undefined {
  const parts = [item.value ? formatMoney(item.value) : undefined, item.supplier ? `supplier: ${item.supplier}` : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** A statement as plain text, for feeds and emails. */
export function segmentsText(segments: readonly Segment[]): string {
  return segments.map((s) => (typeof s === 'string' ? s : s.text)).join('');
}

/** The record's words a search should find: the reasons, each alternative, the supplier. */
export function recordSearchText(item: Pick<RecordItem, 'reasons' | 'alternatives' | 'supplier'>): string {
  return [item.reasons, ...(item.alternatives ?? []), item.supplier].filter(Boolean).join('\n');
}
