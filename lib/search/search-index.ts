import MiniSearch from 'minisearch';
import type { Committee, Decision, GlossaryTerm, Project } from '../content/types';
import { londonYear } from '../dates';
import { recordSearchText } from '../records/decision-record';
import type { DecisionIndexes } from '../records/indexes';
import { tagLabel } from '../records/labels';
import { PROCESS_STATE, processSingleton } from '../server/process-singleton';
import { paths } from '../urls';
import { compactPostings } from './postings';
import { markdownToPlainText, processTerm, stripMarkdown, tokenize } from './text';

/**
 * The search index over the visible decisions, the committees, the projects and the glossary,
 * with MiniSearch. It is built once per visible set of decisions (see searchEngineFor), extended
 * when scheduled posts go live, and otherwise only read: a search costs a lookup, not a rebuild.
 */

export type ResultKind = 'decision' | 'committee' | 'project' | 'glossary';

/** What the index holds for each record: text fields only. */
export interface SearchDocument {
  id: string;
  title: string;
  subjects: string;
  summary: string;
  body: string;
  names: string;
  tags: string;
}

/** What a result needs to be shown and filtered. */
export interface SearchEntry {
  id: string;
  kind: ResultKind;
  slug: string;
  title: string;
  href: string;
  /**
   * Texts for the snippet, in order of preference, made when a result is shown: kept for every
   * record, a post's words without markup were a second copy of every body (38 MB at 10,000 posts).
   */
  texts: () => string[];
  decision?: Decision;
  year?: number;
  committee?: { slug: string; name: string };
}

export interface SearchSources {
  indexes: DecisionIndexes;
  committees: Map<string, Committee>;
  projects: Map<string, Project>;
  glossary: Map<string, GlossaryTerm>;
}

export interface SearchEngine {
  index: MiniSearch<SearchDocument>;
  /** Every word of the index as written (normalised, unstemmed): a query word in it is taken as meant. */
  vocabulary: Set<string>;
  entries: Map<string, SearchEntry>;
  /** Decisions, newest first, for browsing by filters alone. */
  decisions: SearchEntry[];
  documentCount: number;
  buildMilliseconds: number;
}

const FIELDS = ['title', 'subjects', 'summary', 'body', 'names', 'tags'] as const;

/** Title > subjects > summary > body; the names of committees and projects and the tags in between. */
export const FIELD_BOOSTS: Record<(typeof FIELDS)[number], number> = {
  title: 5,
  subjects: 3,
  summary: 2,
  names: 1.5,
  tags: 1.5,
  body: 1,
};

function withShortName(name: string, shortName?: string): string {
  return shortName ? `${name} ${shortName}` : name;
}

/** A post's body and, searched as the post's own words, its decision record's reasons and rejected alternatives. */
function searchedMarkdown(decision: Decision): string {
  const record = decision.items.map(recordSearchText).filter(Boolean);
  return record.length > 0 ? `${decision.body}\n\n${record.join('\n\n')}` : decision.body;
}

function decisionEntry(decision: Decision, sources: SearchSources): { doc: SearchDocument; entry: SearchEntry } {
  const committee = sources.committees.get(decision.committee);
  const projectNames = new Set<string>();
  for (const item of decision.items) {
    const project = item.project ? sources.projects.get(item.project) : undefined;
    if (project) projectNames.add(withShortName(project.name, project.shortName));
  }
  const subjects = decision.items.map((item) => item.subject).join('. ');
  const id = `decision:${decision.slug}`;
  return {
    doc: {
      id,
      title: decision.title,
      subjects,
      summary: decision.summary,
      // Not remembered: indexed once, and kept by the index only as its words.
      body: stripMarkdown(searchedMarkdown(decision)),
      names: [committee ? withShortName(committee.name, committee.shortName) : '', ...projectNames].join('. '),
      tags: decision.tags.map(tagLabel).join('. '),
    },
    entry: {
      id,
      kind: 'decision',
      slug: decision.slug,
      title: decision.title,
      href: paths.decision(decision.slug),
      texts: () => [decision.summary, markdownToPlainText(searchedMarkdown(decision)), subjects],
      decision,
      year: londonYear(decision.published),
      ...(committee ? { committee: { slug: committee.slug, name: committee.name } } : {}),
    },
  };
}

/** A new index, whose words as written are added to `vocabulary` as it indexes them. */
function newIndex(vocabulary: Set<string>): MiniSearch<SearchDocument> {
  return new MiniSearch<SearchDocument>({
    fields: [...FIELDS],
    idField: 'id',
    tokenize,
    processTerm: (word) => {
      const terms = processTerm(word);
      if (terms) vocabulary.add(terms[0]!);
      return terms;
    },
    // Queries are built term by term (lib/search/ranking.ts): these only weigh the fields.
    searchOptions: { boost: FIELD_BOOSTS },
  });
}

/** The committees, projects and glossary terms: the records that do not come and go with the clock. */
function fixedRecords(sources: SearchSources): { doc: SearchDocument; entry: SearchEntry }[] {
  const records: { doc: SearchDocument; entry: SearchEntry }[] = [];
  for (const committee of sources.committees.values()) {
    const body = markdownToPlainText(committee.body);
    const id = `committee:${committee.slug}`;
    records.push({
      doc: { id, title: withShortName(committee.name, committee.shortName), subjects: '', summary: committee.summary, body, names: '', tags: '' },
      entry: {
        id,
        kind: 'committee',
        slug: committee.slug,
        title: committee.name,
        href: paths.committee(committee.slug),
        texts: () => [committee.summary, body],
      },
    });
  }
  for (const project of sources.projects.values()) {
    const body = markdownToPlainText(project.body);
    const id = `project:${project.slug}`;
    records.push({
      doc: {
        id,
        title: withShortName(project.name, project.shortName),
        subjects: project.businessCase?.title ?? '',
        summary: project.summary,
        body,
        names: project.programme,
        tags: '',
      },
      entry: {
        id,
        kind: 'project',
        slug: project.slug,
        title: project.shortName ? `${project.name} (${project.shortName})` : project.name,
        href: paths.project(project.slug),
        texts: () => [project.summary, body],
      },
    });
  }
  for (const term of sources.glossary.values()) {
    const body = markdownToPlainText(term.body);
    const id = `glossary:${term.slug}`;
    records.push({
      doc: { id, title: term.term, subjects: term.aliases.join('. '), summary: term.summary, body, names: '', tags: '' },
      entry: { id, kind: 'glossary', slug: term.slug, title: term.term, href: paths.glossaryTerm(term.slug), texts: () => [term.summary, body] },
    });
  }
  return records;
}

/**
 * Adds decisions to an index, oldest first, and returns their entries. A full build adds the
 * fixed records and then every decision, oldest first; a scheduled post going live is newer
 * than every post already visible, so adding it later gives the very index (documents, ids
 * and statistics, in the same order) that a full build of the new set would.
 */
function addDecisions(index: MiniSearch<SearchDocument>, entries: Map<string, SearchEntry>, newestFirst: readonly Decision[], sources: SearchSources): void {
  for (let i = newestFirst.length - 1; i >= 0; i--) {
    const { doc, entry } = decisionEntry(newestFirst[i]!, sources);
    index.add(doc);
    entries.set(entry.id, entry);
  }
}

/** The decisions' entries, newest first, as the visible set lists them. */
function decisionEntries(entries: Map<string, SearchEntry>, newestFirst: readonly Decision[]): SearchEntry[] {
  return newestFirst.map((decision) => entries.get(`decision:${decision.slug}`)!);
}

/** Builds the index of a visible set from nothing; searchEngineFor remembers it. */
export function buildSearchEngine(sources: SearchSources): SearchEngine {
  const started = performance.now();
  const vocabulary = new Set<string>();
  const index = newIndex(vocabulary);
  const entries = new Map<string, SearchEntry>();
  const fixed = fixedRecords(sources);
  index.addAll(fixed.map(({ doc }) => doc));
  for (const { entry } of fixed) entries.set(entry.id, entry);
  addDecisions(index, entries, sources.indexes.all, sources);
  compactPostings(index);
  const decisions = decisionEntries(entries, sources.indexes.all);
  return { index, vocabulary, entries, decisions, documentCount: index.documentCount, buildMilliseconds: performance.now() - started };
}

/**
 * How many posts `next` has in front of `previous`, when it is `previous` with newer posts
 * added (the same objects, in the same order, after them); undefined otherwise.
 */
function newerPostsAdded(previous: readonly Decision[], next: readonly Decision[]): number | undefined {
  const added = next.length - previous.length;
  if (added < 0) return undefined;
  for (let i = 0; i < previous.length; i++) if (next[added + i] !== previous[i]) return undefined;
  return added;
}

/**
 * The engine of a newer visible set, made from the engine of the set before it by adding the
 * posts that went live (MiniSearch `add`) rather than indexing every record again. The
 * earlier engine shares its MiniSearch index and is superseded: it still answers only with its
 * own records (ranking keeps only results it has an entry for), but searchEngineFor no longer
 * gives it out.
 */
function extendSearchEngine(engine: SearchEngine, sources: SearchSources, added: number): SearchEngine {
  const started = performance.now();
  const entries = new Map(engine.entries);
  addDecisions(engine.index, entries, sources.indexes.all.slice(0, added), sources);
  // A word's list that has grown past the threshold with these posts.
  compactPostings(engine.index);
  const decisions = decisionEntries(entries, sources.indexes.all);
  return {
    index: engine.index,
    vocabulary: engine.vocabulary,
    entries,
    decisions,
    documentCount: engine.index.documentCount,
    buildMilliseconds: performance.now() - started,
  };
}

/**
 * The engine of the visible set last asked for, shared by every layer's copy of this module
 * (lib/server/process-singleton.ts). Only that one is kept: lib/site.ts keeps one DecisionIndexes per
 * visible set, so keying on it builds the index once per set, and a scheduled post going live
 * extends it instead of building it again.
 */
interface EngineState {
  current?: { sources: SearchSources; engine: SearchEngine };
}
const state = processSingleton<EngineState>(PROCESS_STATE.searchEngine, () => ({}));

/**
 * The engine for a visible set: the one kept, the one kept extended by newly live posts, or
 * (for other content, in the local preview, or a set that is not a later one) a new build.
 */
export function searchEngineFor(sources: SearchSources): SearchEngine {
  const current = state.current;
  const sameRecords =
    current !== undefined &&
    current.sources.committees === sources.committees &&
    current.sources.projects === sources.projects &&
    current.sources.glossary === sources.glossary;
  if (sameRecords && current.sources.indexes === sources.indexes) return current.engine;
  const added = sameRecords ? newerPostsAdded(current.sources.indexes.all, sources.indexes.all) : undefined;
  const engine = current && added !== undefined ? extendSearchEngine(current.engine, sources, added) : buildSearchEngine(sources);
  // Only what the engine was made from, not the whole records object a page passes in.
  state.current = { sources: { indexes: sources.indexes, committees: sources.committees, projects: sources.projects, glossary: sources.glossary }, engine };
  return engine;
}
