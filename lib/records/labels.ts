import type { Outcome, ProjectStatus, Stage } from '../content/schemas';
import type { GlossaryTerm } from '../content/types';

/** Plain-English labels for the contract's values. */
export const stageLabels: Record<Stage, string> = {
  'options-appraisal': 'Options appraisal',
  'business-case': 'Business case',
  procurement: 'Procurement',
  'contract-award': 'Contract award',
  'fees-and-charges': 'Fees and charges',
  policy: 'Policy',
  other: 'Other',
};

export const outcomeLabels: Record<Outcome, string> = {
  approved: 'Approved',
  accepted: 'Accepted',
  agreed: 'Agreed',
  rejected: 'Rejected',
  deferred: 'Deferred',
  noted: 'Noted',
  awarded: 'Awarded',
  considered: 'Considered',
};

/** What each outcome means, for the tag's explanation and the data page. */
export const outcomeMeanings: Record<Outcome, string> = {
  approved: 'the body gave its approval',
  accepted: 'the body accepted the recommendations',
  agreed: 'the body agreed',
  rejected: 'the body said no',
  deferred: 'the decision was put off to a later meeting',
  noted: 'the body took note of a report without deciding anything',
  awarded: 'a contract was awarded',
  considered: 'a paper was taken, but the post does not say what became of it',
};

/** The glossary term (content/glossary/outcome-<outcome>.md) that explains an outcome. */
export function outcomeGlossarySlug(outcome: Outcome): string {
  return `outcome-${outcome}`;
}

export const projectStatusLabels: Record<ProjectStatus, string> = {
  'options-appraisal': 'Options appraisal',
  'business-case': 'Business case approved',
  procurement: 'Procurement',
  'contract-award': 'Contract award',
  'in-delivery': 'In delivery',
  closed: 'Closed',
};

/** GOV.UK tag colours; each pairs with text, never colour alone. */
export const outcomeColours: Record<Outcome, string> = {
  approved: 'green',
  accepted: 'green',
  agreed: 'green',
  awarded: 'turquoise',
  rejected: 'red',
  deferred: 'orange',
  noted: 'grey',
  considered: 'grey',
};

export function tagLabel(slug: string): string {
  const words = slug.replace(/-/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/**
 * A topic's name, for pages and feeds alike. Where a glossary term has the topic's slug, its
 * own spelling is used ("One Barnet", not "One barnet") and the topic page can link to its
 * explanation.
 */
export function topicName(slug: string, glossary: ReadonlyMap<string, GlossaryTerm>): string {
  return glossary.get(slug)?.term ?? tagLabel(slug);
}
