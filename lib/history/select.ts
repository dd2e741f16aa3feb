/**
 * The changes a view asks for, in the filter vocabulary (lib/filters/vocabulary.ts): `committee`,
 * `tag` and the item filters (`project`, `stage`, `outcome`) select changes to posts that match
 * them now (a withdrawn post, no longer on the record, matches only the unfiltered view);
 * a change to one item must be to an item that matches; `from` and `to` select changes made
 * on those London dates.
 */
import type { Decision } from '../content/types';
import { londonIsoDate } from '../dates';
import { isFiltered, type DecisionFilter } from '../filters/vocabulary';
import { itemMatches, postMatches } from '../filters/match';
import { changeEvents, changesOfVersion, type ChangeEvent } from './changes';
import type { Change, HistoryFile } from './types';

/** The filter without its dates: those are about the change, not the post. */
function postFilter(filter: DecisionFilter): DecisionFilter {
  const { from: _from, to: _to, ...rest } = filter;
  return rest;
}

function inDates(at: string | Date, filter: DecisionFilter): boolean {
  if (!filter.from && !filter.to) return true;
  const day = londonIsoDate(typeof at === 'string' ? new Date(at) : at);
  return (!filter.from || day >= filter.from) && (!filter.to || day <= filter.to);
}

/** The decision of each post a view can match: the posts published now, by slug. */
export type PostLookup = (slug: string) => Decision | undefined;

function matchesPost(decision: Decision | undefined, filter: DecisionFilter, item: string | null): boolean {
  if (!decision) return false;
  const onPost = postFilter(filter);
  if (!postMatches(decision, onPost)) return false;
  if (item !== null) {
    const found = decision.items.find((i) => i.id === item);
    return found ? itemMatches(found, onPost) : false;
  }
  return decision.items.some((i) => itemMatches(i, onPost));
}

/** The versions (feed entries) of the view, newest first, at most `limit`. */
export function selectEvents(history: Pick<HistoryFile, 'posts'>, now: Date, filter: DecisionFilter, post: PostLookup, limit = Infinity): ChangeEvent[] {
  const all = changeEvents(history, now);
  const wanted = isFiltered(filter)
    ? all.filter((e) => inDates(e.version.at, filter) && (isFiltered(postFilter(filter)) ? matchesPost(post(e.slug), filter, null) : true))
    : all;
  return wanted.slice(0, limit);
}

/** The changed fields (data rows) of the view, newest first. */
export function selectChanges(history: Pick<HistoryFile, 'posts'>, now: Date, filter: DecisionFilter, post: PostLookup): Change[] {
  const rows: Change[] = [];
  const onPost = isFiltered(postFilter(filter));
  for (const event of changeEvents(history, now)) {
    if (!inDates(event.version.at, filter)) continue;
    for (const change of changesOfVersion(event.slug, event.version)) if (!onPost || matchesPost(post(event.slug), filter, change.item)) rows.push(change);
  }
  return rows;
}
