/**
 * Decision makers of every kind, in words: the headings of /committees, the search form's
 * choices, and "Decided by …" as the decision page, the feeds, the JSON-LD and the alert emails
 * say it. The kinds themselves are defined once, in lib/content/schemas.ts (MAKER_KINDS).
 */
import { makerMeets } from '../content/makers';
import { MAKER_KINDS, type MakerKind } from '../content/schemas';
import type { Committee } from '../content/types';
import { formatCalendarDate } from '../dates';

export { makerMeets };

/** The glossary term that explains an officer's decision. */
export const DELEGATED_POWERS_TERM = 'delegated-powers';

/** One of a kind, for a filter's checkbox and the open data's explanation. */
export const makerKindLabels: Record<MakerKind, string> = {
  committee: 'A committee',
  executive: 'The Cabinet (the executive)',
  'cabinet-member': 'A cabinet member, alone',
  officer: 'An officer, under delegated powers',
  'full-council': 'Full Council',
};

/** The kind in a sentence about a filter: "decisions decided by officers or cabinet members". */
export const makerKindPlurals: Record<MakerKind, string> = {
  committee: 'committees',
  executive: 'the Cabinet',
  'cabinet-member': 'cabinet members',
  officer: 'officers',
  'full-council': 'full Council',
};

/** Every body of a kind, as the heading of its group on /committees. */
export const makerKindHeadings: Record<MakerKind, string> = {
  committee: 'Committees',
  executive: 'The Cabinet',
  'cabinet-member': 'Cabinet members',
  officer: 'Officers acting under delegated powers',
  'full-council': 'Full Council',
};

/** The order of the groups on /committees: the executive first, then its members, committees, officers, full Council. */
export const MAKER_KIND_ORDER: readonly MakerKind[] = ['full-council', 'executive', 'cabinet-member', 'committee', 'officer'];

/** The bodies grouped by kind, in MAKER_KIND_ORDER, each group by name; only kinds that have bodies. */
export function makersByKind<T extends Pick<Committee, 'kind' | 'name'>>(bodies: Iterable<T>): { kind: MakerKind; bodies: T[] }[] {
  const groups = new Map<MakerKind, T[]>(MAKER_KIND_ORDER.map((kind) => [kind, []]));
  for (const body of bodies) groups.get(body.kind ?? 'committee')!.push(body);
  return MAKER_KIND_ORDER.filter((kind) => groups.get(kind)!.length > 0).map((kind) => ({
    kind,
    bodies: groups.get(kind)!.sort((a, b) => a.name.localeCompare(b.name)),
  }));
}

/** Every kind is in the order exactly once (a test asks; a new kind must be placed). */
export const everyKindOrdered = (): boolean => MAKER_KIND_ORDER.length === MAKER_KINDS.length && MAKER_KINDS.every((k) => MAKER_KIND_ORDER.includes(k));

/**
 * A post-holder's or portfolio's name as a sentence needs it: "the Director of Commercial
 * Services", "the Cabinet Member for Resources". A committee's name stands alone
 * ("Cabinet Resources Committee"), as the council writes it.
 */
export function makerName(body: Pick<Committee, 'kind' | 'name'>): string {
  const alone = !makerMeets(body.kind);
  return alone && !/^the\s/i.test(body.name) ? `the ${body.name}` : body.name;
}

/** What follows an officer's or a cabinet member's name: how they came to decide. */
export function makerRole(kind: MakerKind | undefined): string | undefined {
  if (kind === 'officer') return 'an officer acting under delegated powers';
  return undefined;
}

/**
 * "Decided by the Director of Commercial Services, an officer acting under delegated powers";
 * "Decided by the Cabinet Member for Resources"; "Decided by Cabinet Resources Committee at its
 * meeting on 29 June 2011". A meeting date is said only of a body that meets.
 */
export function decidedBy(body: Pick<Committee, 'kind' | 'name'>, meeting?: string): string {
  const role = makerRole(body.kind);
  const at = meeting && makerMeets(body.kind) ? ` at its meeting on ${formatCalendarDate(meeting)}` : '';
  return `Decided by ${makerName(body)}${role ? `, ${role}` : ''}${at}`;
}
