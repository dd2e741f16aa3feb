import type { DecisionItem } from '../content/types';
import { formatCalendarDate } from '../dates';

/**
 * The register fields of a decision item (keyDecision, reference, callIn, wards) in plain
 * English, as the decision page, the meeting page and JSON-LD show them. A field that is absent
 * says nothing: no post of 2011 gives them, and "unknown" on every item would be noise.
 */
export interface RegisterFact {
  /** What the row is about: "Key decision", "Reference", "Call-in", "Wards affected". */
  label: string;
  /** The plain-English statement. */
  value: string;
  /** The glossary term that explains the label, where residents may need one. */
  glossary?: string;
}

export const KEY_DECISION_TERM = 'key-decision';
export const CALL_IN_TERM = 'call-in';

export function registerFacts(item: Pick<DecisionItem, 'keyDecision' | 'reference' | 'callIn' | 'wards'>): RegisterFact[] {
  const facts: RegisterFact[] = [];
  if (item.keyDecision !== undefined) {
    facts.push({
      label: 'Key decision',
      value: item.keyDecision ? 'Yes, this is a key decision' : 'No, this is not a key decision',
      glossary: KEY_DECISION_TERM,
    });
  }
  if (item.reference) facts.push({ label: 'Reference', value: `The council’s reference for this decision is ${item.reference}` });
  if (item.callIn) {
    const deadline = formatCalendarDate(item.callIn.deadline, true);
    const outcome =
      item.callIn.outcome === 'called-in'
        ? 'It was called in.'
        : item.callIn.outcome === 'not-called-in'
          ? 'It was not called in.'
          : 'Whether it was called in is not yet recorded here.';
    facts.push({ label: 'Call-in', value: `The decision could be called in until ${deadline}. ${outcome}`, glossary: CALL_IN_TERM });
  }
  if (item.wards && item.wards.length > 0) {
    facts.push({ label: item.wards.length === 1 ? 'Ward affected' : 'Wards affected', value: listInWords(item.wards) });
  }
  return facts;
}

/** "Hendon", "Hendon and Mill Hill", "Hendon, Mill Hill and Edgware". */
export function listInWords(values: readonly string[]): string {
  if (values.length <= 1) return values.join('');
  return `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`;
}
