import { OUTCOMES, STAGES, type Outcome, type Stage } from '../content/schemas';
import { outcomeLabels, stageLabels, tagLabel } from '../labels';
import type { SearchSources } from './engine';
import type { KnownFilters } from './query';

export { buildSearchEngine, kindLabels, queryWords, search, searchEngineFor, searchSite } from './engine';
export type { ResultKind, SearchEngine, SearchHit, SearchMode, SearchResponse, SearchSources } from './engine';
export { cleanQuery, hasFilters, MAX_QUERY_LENGTH, parseSearchRequest, searchFilterProblems, searchHref, SEARCH_PAGE_SIZE } from './query';
export type { RawSearchParams, SearchRequest } from './query';
export type { Snippet, SnippetPart } from './snippet';

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
}

/** The choices of the filter controls: every committee and project, the years with decisions, every outcome. */
export function searchFilterOptions(sources: SearchSources): SearchFilterOptions {
  const byLabel = (a: FilterOption, b: FilterOption) => a.label.localeCompare(b.label);
  return {
    committees: [...sources.committees.values()].map((c) => ({ value: c.slug, label: c.name })).sort(byLabel),
    projects: [...sources.projects.values()].map((p) => ({ value: p.slug, label: p.shortName ? `${p.name} (${p.shortName})` : p.name })).sort(byLabel),
    tags: [...sources.indexes.byTag.keys()].map((slug) => ({ value: slug, label: sources.glossary.get(slug)?.term ?? tagLabel(slug) })).sort(byLabel),
    stages: STAGES.map((stage) => ({ value: stage, label: stageLabels[stage] })),
    years: [...sources.indexes.byYear.keys()].sort((a, b) => b - a).map((year) => ({ value: year, label: String(year) })),
    outcomes: OUTCOMES.map((outcome) => ({ value: outcome, label: outcomeLabels[outcome] })),
  };
}

/** The filter values that exist, for parseSearchRequest. */
export function knownFilters(sources: SearchSources): KnownFilters {
  return { committees: sources.committees, projects: sources.projects, tags: sources.indexes.byTag, years: sources.indexes.byYear };
}
