/**
 * Which posts and items a filter of the vocabulary (./vocabulary.ts) selects. Post-level
 * parameters (committee, maker, tag, from, to) hold for the post; item-level ones (project,
 * stage, outcome, key) must hold for the same item; a post matches when one of its items does.
 */
import type { Decision, DecisionItem } from '../content/types';
import { londonIsoDate } from '../dates';
import type { DecisionIndexes } from '../records/indexes';
import { isFiltered, type DecisionFilter } from './vocabulary';

/** True where the item meets the item-level filters (project, stage, outcome, key). */
export function itemMatches(item: DecisionItem, filter: DecisionFilter): boolean {
  if (filter.key && item.keyDecision !== true) return false;
  if (filter.project.length > 0 && !(item.project && filter.project.includes(item.project))) return false;
  if (filter.stage.length > 0 && !filter.stage.includes(item.stage)) return false;
  if (filter.outcome.length > 0 && !filter.outcome.includes(item.outcome)) return false;
  return true;
}

/** True where the post meets the post-level filters (committee, maker, tag, from, to). */
export function postMatches(decision: Decision, filter: DecisionFilter): boolean {
  if (filter.committee.length > 0 && !filter.committee.includes(decision.committee)) return false;
  if (filter.maker.length > 0 && !filter.maker.includes(decision.makerKind ?? 'committee')) return false;
  if (filter.tag.length > 0 && !decision.tags.some((tag) => filter.tag.includes(tag))) return false;
  if (filter.from || filter.to) {
    const day = londonIsoDate(decision.published);
    if (filter.from && day < filter.from) return false;
    if (filter.to && day > filter.to) return false;
  }
  return true;
}

/** A post's matching items, in the post's order; none when the post does not match. */
export function matchingItems(decision: Decision, filter: DecisionFilter): DecisionItem[] {
  if (!postMatches(decision, filter)) return [];
  return decision.items.filter((item) => itemMatches(item, filter));
}

export function decisionMatches(decision: Decision, filter: DecisionFilter): boolean {
  return postMatches(decision, filter) && decision.items.some((item) => itemMatches(item, filter));
}

/**
 * Candidate posts for a filter, newest first: the shortest of the lists the indexes already
 * keep (a committee's posts, a topic's, a project's) rather than every post, so a narrow view at
 * 10,000 posts costs about its own size. Each candidate is then checked in full.
 */
function candidates(indexes: DecisionIndexes, filter: DecisionFilter): readonly Decision[] {
  const unions: (() => Decision[])[] = [];
  const sizes: number[] = [];
  const consider = (lists: (readonly Decision[] | undefined)[]) => {
    sizes.push(lists.reduce((n, list) => n + (list?.length ?? 0), 0));
    unions.push(() => {
      if (lists.length === 1) return [...(lists[0] ?? [])];
      const set = new Set<Decision>();
      for (const list of lists) for (const d of list ?? []) set.add(d);
      return [...set].sort((a, b) => indexes.positionOf.get(a.slug)! - indexes.positionOf.get(b.slug)!);
    });
  };
  if (filter.committee.length > 0) consider(filter.committee.map((c) => indexes.byCommittee.get(c)));
  if (filter.tag.length > 0) consider(filter.tag.map((t) => indexes.byTag.get(t)));
  if (filter.project.length > 0) consider(filter.project.map((p) => [...new Set((indexes.byProject.get(p) ?? []).map((e) => e.decision))].reverse()));
  if (filter.from || filter.to) {
    const range = dateRange(indexes.all, filter);
    consider([range]);
  }
  if (unions.length === 0) return indexes.all;
  let best = 0;
  for (let i = 1; i < sizes.length; i++) if (sizes[i]! < sizes[best]!) best = i;
  return unions[best]!();
}

/** The slice of `all` (newest first) published from … to, found by binary search. */
function dateRange(all: readonly Decision[], filter: DecisionFilter): Decision[] {
  // First index whose London day is <= to (the list runs newest first, so days fall).
  const firstAtOrBefore = (day: string) => {
    let lo = 0;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (londonIsoDate(all[mid]!.published) > day) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const start = filter.to ? firstAtOrBefore(filter.to) : 0;
  let end = all.length;
  if (filter.from) {
    let lo = start;
    let hi = all.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (londonIsoDate(all[mid]!.published) >= filter.from) lo = mid + 1;
      else hi = mid;
    }
    end = lo;
  }
  return all.slice(start, end);
}

/** The visible posts with at least one matching item, newest first. */
export function matchingDecisions(indexes: DecisionIndexes, filter: DecisionFilter, limit = Infinity): Decision[] {
  if (!isFiltered(filter)) return indexes.all.slice(0, limit);
  const found: Decision[] = [];
  for (const decision of candidates(indexes, filter)) {
    if (found.length >= limit) break;
    if (decisionMatches(decision, filter)) found.push(decision);
  }
  return found;
}
