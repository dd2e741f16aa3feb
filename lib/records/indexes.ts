import type { Decision, DecisionItem } from '../content/types';
import { londonYear } from '../dates';

/**
 * Committee, topic and year pages list this many decisions a page: a list of every decision on
 * one page would run to a megabyte of HTML at 10,000 posts, each pre-rendered at build.
 */
export const LIST_PAGE_SIZE = 20;

/** How many pages a committee's, topic's or year's list of `count` decisions fills (at least one). */
export function listPageCount(count: number): number {
  return Math.max(1, Math.ceil(count / LIST_PAGE_SIZE));
}

export interface ProjectTimelineEntry {
  decision: Decision;
  item: DecisionItem;
}

/**
 * Lookups over the visible decisions, built once per visible set so that no page has to scan
 * the whole corpus for its links or counts.
 */
export interface DecisionIndexes {
  /** Newest first. */
  all: Decision[];
  bySlug: Map<string, Decision>;
  positionOf: Map<string, number>;
  byCommittee: Map<string, Decision[]>;
  /** Oldest first: a project's story reads forwards. */
  byProject: Map<string, ProjectTimelineEntry[]>;
  byTag: Map<string, Decision[]>;
  byYear: Map<number, Decision[]>;
  /** The latest publication or correction, for Last-Modified. */
  lastModified: Date;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildIndexes(visible: readonly Decision[]): DecisionIndexes {
  const indexes: DecisionIndexes = {
    all: [...visible],
    bySlug: new Map(),
    positionOf: new Map(),
    byCommittee: new Map(),
    byProject: new Map(),
    byTag: new Map(),
    byYear: new Map(),
    lastModified: new Date(0),
  };
  visible.forEach((decision, position) => {
    indexes.bySlug.set(decision.slug, decision);
    indexes.positionOf.set(decision.slug, position);
    push(indexes.byCommittee, decision.committee, decision);
    for (const tag of decision.tags) push(indexes.byTag, tag, decision);
    push(indexes.byYear, londonYear(decision.published), decision);
    for (const item of decision.items) if (item.project) push(indexes.byProject, item.project, { decision, item });
    if (decision.updated > indexes.lastModified) indexes.lastModified = decision.updated;
  });
  for (const entries of indexes.byProject.values()) entries.reverse();
  return indexes;
}

/** The newer and older neighbours of a decision in the visible list. */
export function neighbours(indexes: DecisionIndexes, slug: string): { newer?: Decision; older?: Decision } {
  const position = indexes.positionOf.get(slug);
  if (position === undefined) return {};
  const newer = indexes.all[position - 1];
  const older = indexes.all[position + 1];
  return { ...(newer ? { newer } : {}), ...(older ? { older } : {}) };
}

/** Decisions about the same projects or by the same committee, nearest in time first. */
export function relatedDecisions(indexes: DecisionIndexes, decision: Decision, limit = 3): Decision[] {
  const candidates = new Set<Decision>();
  for (const item of decision.items) {
    if (item.project) for (const entry of indexes.byProject.get(item.project) ?? []) candidates.add(entry.decision);
  }
  candidates.delete(decision);
  const byProximity = (a: Decision, b: Decision) =>
    Math.abs(a.published.getTime() - decision.published.getTime()) - Math.abs(b.published.getTime() - decision.published.getTime());
  const related = [...candidates].sort(byProximity).slice(0, limit);
  if (related.length < limit) {
    // Only the committee's neighbours in time are looked at: its list can be very long.
    const sameCommittee = indexes.byCommittee.get(decision.committee) ?? [];
    const at = sameCommittee.indexOf(decision);
    const nearby = sameCommittee.slice(Math.max(0, at - limit), at + limit + 1).filter((d) => d !== decision && !related.includes(d));
    related.push(...nearby.sort(byProximity).slice(0, limit - related.length));
  }
  return related;
}

export interface Page<T> {
  items: T[];
  page: number;
  pageCount: number;
  total: number;
}

/** Page `page` (1-based) of a list; undefined when that page does not exist. */
export function paginate<T>(list: readonly T[], page: number, pageSize: number): Page<T> | undefined {
  const pageCount = Math.max(1, Math.ceil(list.length / pageSize));
  if (!Number.isInteger(page) || page < 1 || page > pageCount) return undefined;
  return { items: list.slice((page - 1) * pageSize, page * pageSize), page, pageCount, total: list.length };
}
