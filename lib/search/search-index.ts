import MiniSearch from 'minisearch';
import type { Committee, Decision, GlossaryTerm, Project } from '../content/types';
import { londonYear } from '../dates';
import type { DecisionIndexes } from '../indexes';
import { tagLabel } from '../labels';
import { paths } from '../urls';
import { markdownToPlainText, processTerm, tokenize } from './text';

/**
 * The search index over the visible decisions, the committees, the projects and the glossary,
 * with MiniSearch. It is built once per visible set of decisions (see searchEngineFor) and then
 * only read, so a search costs a lookup, not a rebuild.
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
  /** Texts for the snippet, in order of preference. */
  texts: string[];
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

const searchOptions = {
  boost: FIELD_BOOSTS,
  // Prefixes for words of four letters or more ("catal" finds Catalyst); typos too ("businesss").
  prefix: (term: string) => term.length >= 4,
  fuzzy: (term: string) => (term.length > 3 ? 0.2 : false),
  maxFuzzy: 3,
};

function withShortName(name: string, shortName?: string): string {
  return shortName ? `${name} ${shortName}` : name;
}

function decisionEntry(decision: Decision, sources: SearchSources): { doc: SearchDocument; entry: SearchEntry } {
  const committee = sources.committees.get(decision.committee);
  const projectNames = new Set<string>();
  for (const item of decision.items) {
    const project = item.project ? sources.projects.get(item.project) : undefined;
    if (project) projectNames.add(withShortName(project.name, project.shortName));
  }
  const subjects = decision.items.map((item) => item.subject).join('. ');
  const body = markdownToPlainText(decision.body);
  const id = `decision:${decision.slug}`;
  return {
    doc: {
      id,
      title: decision.title,
      subjects,
      summary: decision.summary,
      body,
      names: [committee ? withShortName(committee.name, committee.shortName) : '', ...projectNames].join('. '),
      tags: decision.tags.map(tagLabel).join('. '),
    },
    entry: {
      id,
      kind: 'decision',
      slug: decision.slug,
      title: decision.title,
      href: paths.decision(decision.slug),
      texts: [decision.summary, body, subjects],
      decision,
      year: londonYear(decision.published),
      ...(committee ? { committee: { slug: committee.slug, name: committee.name } } : {}),
    },
  };
}

/** Builds the index; searchEngineFor remembers it per visible set. */
export function buildSearchEngine(sources: SearchSources): SearchEngine {
  const started = performance.now();
  const index = new MiniSearch<SearchDocument>({
    fields: [...FIELDS],
    idField: 'id',
    tokenize,
    processTerm,
    searchOptions: { ...searchOptions, tokenize, processTerm },
  });
  const docs: SearchDocument[] = [];
  const entries = new Map<string, SearchEntry>();
  const decisions: SearchEntry[] = [];
  const add = (doc: SearchDocument, entry: SearchEntry) => {
    docs.push(doc);
    entries.set(entry.id, entry);
  };
  for (const decision of sources.indexes.all) {
    const { doc, entry } = decisionEntry(decision, sources);
    add(doc, entry);
    decisions.push(entry);
  }
  for (const committee of sources.committees.values()) {
    const body = markdownToPlainText(committee.body);
    const id = `committee:${committee.slug}`;
    add(
      { id, title: withShortName(committee.name, committee.shortName), subjects: '', summary: committee.summary, body, names: '', tags: '' },
      { id, kind: 'committee', slug: committee.slug, title: committee.name, href: paths.committee(committee.slug), texts: [committee.summary, body] },
    );
  }
  for (const project of sources.projects.values()) {
    const body = markdownToPlainText(project.body);
    const id = `project:${project.slug}`;
    add(
      {
        id,
        title: withShortName(project.name, project.shortName),
        subjects: project.businessCase?.title ?? '',
        summary: project.summary,
        body,
        names: project.programme,
        tags: '',
      },
      {
        id,
        kind: 'project',
        slug: project.slug,
        title: project.shortName ? `${project.name} (${project.shortName})` : project.name,
        href: paths.project(project.slug),
        texts: [project.summary, body],
      },
    );
  }
  for (const term of sources.glossary.values()) {
    const body = markdownToPlainText(term.body);
    const id = `glossary:${term.slug}`;
    add(
      { id, title: term.term, subjects: term.aliases.join('. '), summary: term.summary, body, names: '', tags: '' },
      { id, kind: 'glossary', slug: term.slug, title: term.term, href: paths.glossaryTerm(term.slug), texts: [term.summary, body] },
    );
  }
  index.addAll(docs);
  return { index, entries, decisions, documentCount: docs.length, buildMilliseconds: performance.now() - started };
}

/** Shared by every copy of this module in the process (Next.js bundles one per layer), so the index is built once. */
const ENGINES_KEY = Symbol.for('barnet-decisions.search-engines');
const engines = (((globalThis as Record<symbol, unknown>)[ENGINES_KEY] as WeakMap<DecisionIndexes, SearchEngine> | undefined) ??
  new WeakMap<DecisionIndexes, SearchEngine>()) as WeakMap<DecisionIndexes, SearchEngine>;
(globalThis as Record<symbol, unknown>)[ENGINES_KEY] = engines;

/**
 * The engine for a visible set. lib/site.ts builds one DecisionIndexes per visible set and
 * keeps it, so keying on it builds the index once per set: again only when a scheduled post
 * goes live (or, in the local preview, when the content is read again).
 */
export function searchEngineFor(sources: SearchSources): SearchEngine {
  let engine = engines.get(sources.indexes);
  if (!engine) {
    engine = buildSearchEngine(sources);
    engines.set(sources.indexes, engine);
  }
  return engine;
}
