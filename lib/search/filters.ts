import { MAKER_KINDS, OUTCOMES, STAGES, type MakerKind, type Outcome, type Stage } from '../content/schemas';
import { decisionMatches } from '../filters/match';
import { outcomeLabels, stageLabels, topicName } from '../records/labels';
import { makerKindLabels } from '../records/makers';
import { hasFilters, type KnownFilters, type SearchRequest } from './query';
import type { SearchEntry, SearchSources } from './search-index';

/**
 * The search filters: which records a request's filters let through (the site's one
 * vocabulary, lib/filters/vocabulary.ts, plus the page's year), and the choices offered.
 */

export interface FilterOption<T extends string | number = string> {
  value: T;
  label: string;
}

export interface SearchFilterOptions {
  committees: FilterOption[];
  projects: FilterOption[];
  tags: FilterOption[];
  stages: FilterOption<Stage>[];
  years: FilterOption<number>[];
  outcomes: FilterOption<Outcome>[];
  /** The kinds of decision maker the content has bodies of (a kind with none would match nothing). */
  makers: FilterOption<MakerKind>[];
}

/** The choices of the filter controls: every committee and project, the years with decisions, every outcome. */
export function searchFilterOptions(sources: SearchSources): SearchFilterOptions {
  const byLabel = (a: FilterOption, b: FilterOption) => a.label.localeCompare(b.label);
  return {
    committees: [...sources.committees.values()].map((c) => ({ value: c.slug, label: c.name })).sort(byLabel),
    projects: [...sources.projects.values()].map((p) => ({ value: p.slug, label: p.shortName ? `${p.name} (${p.shortName})` : p.name })).sort(byLabel),
    tags: [...sources.indexes.byTag.keys()].map((slug) => ({ value: slug, label: topicName(slug, sources.glossary) })).sort(byLabel),
    stages: STAGES.map((stage) => ({ value: stage, label: stageLabels[stage] })),
    years: [...sources.indexes.byYear.keys()].sort((a, b) => b - a).map((year) => ({ value: year, label: String(year) })),
    outcomes: OUTCOMES.map((outcome) => ({ value: outcome, label: outcomeLabels[outcome] })),
    makers: MAKER_KINDS.filter((kind) => [...sources.committees.values()].some((c) => c.kind === kind)).map((kind) => ({
      value: kind,
      label: makerKindLabels[kind],
    })),
  };
}

/** The filter values that exist, for parseSearchRequest. */
export function knownFilters(sources: SearchSources): KnownFilters {
  return { committees: sources.committees, projects: sources.projects, tags: sources.indexes.byTag, years: sources.indexes.byYear };
}

/** Whether a record passes the request's filters (with none, every record does). */
export function matchesFilters(entry: SearchEntry, request: SearchRequest): boolean {
  if (!hasFilters(request)) return true;
  const decision = entry.decision;
  if (!decision) return false; // filters are about decisions
  if (request.year && entry.year !== request.year) return false;
  // The site's one vocabulary, matched as the feeds and the data match it (lib/filters/vocabulary.ts).
  return !request.filter || decisionMatches(decision, request.filter);
}
