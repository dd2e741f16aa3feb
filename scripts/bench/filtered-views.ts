/**
 * Filtered views of the data for the benchmark (issue 17): the kinds of question a journalist
 * asks of a large corpus, each written in its normal query string (lib/filters/vocabulary.ts), so that no
 * request is a redirect. Built from the corpus itself, so every value exists.
 */
import { filterQuery, NO_FILTER, type DecisionFilter } from '../../lib/filters/vocabulary';
import type { SyntheticPost } from './corpus';

/** The most frequent values first, so the views are realistic rather than empty. */
function byCount(values: Iterable<string>): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([v]) => v);
}

export function filteredViews(posts: readonly SyntheticPost[]): string[] {
  const items = posts.flatMap((p) => p.items);
  const committees = byCount(posts.map((p) => p.committee));
  const outcomes = byCount(items.map((i) => i.outcome)) as DecisionFilter['outcome'];
  const stages = byCount(items.map((i) => i.stage)) as DecisionFilter['stage'];
  const projects = byCount(items.flatMap((i) => (i.project ? [i.project] : [])));
  const tags = byCount(posts.flatMap((p) => p.tags));
  const years = byCount(posts.map((p) => p.date.slice(0, 4))).sort();
  const year = years[Math.floor(years.length / 2)] ?? '2011';
  const views: DecisionFilter[] = [
    ...committees.slice(0, 2).map((c) => ({ ...NO_FILTER, committee: [c] })),
    ...outcomes.slice(0, 4).map((o) => ({ ...NO_FILTER, outcome: [o] })),
    ...stages.slice(0, 3).map((s) => ({ ...NO_FILTER, stage: [s] })),
    ...projects.slice(0, 3).map((p) => ({ ...NO_FILTER, project: [p] })),
    ...tags.slice(0, 2).map((t) => ({ ...NO_FILTER, tag: [t] })),
    { ...NO_FILTER, outcome: outcomes.slice(-2) },
    { ...NO_FILTER, from: `${year}-01-01`, to: `${year}-12-31` },
    { ...NO_FILTER, committee: committees.slice(0, 1), outcome: outcomes.slice(0, 1), from: `${year}-01-01`, to: `${year}-12-31` },
    { ...NO_FILTER, stage: stages.slice(0, 1), outcome: outcomes.slice(0, 2) },
  ];
  return [...new Set(views.map(filterQuery))];
}
