/**
 * One filter vocabulary for every view (the publishing contract, "One filter vocabulary"):
 * `committee`, `project`, `tag`, `stage`, `outcome` and `maker` (each repeatable), `key`
 * (`yes`: key decisions only) and `from`/`to` (London dates, inclusive) mean the same on /search, on the site feeds and on the data files.
 * They are read and checked here, once, by one zod schema; every route asks this module.
 *
 * Within a parameter the values are alternatives (`outcome=approved&outcome=deferred` is
 * either); different parameters must all hold. `committee`, `maker`, `tag`, `from` and `to`
 * are about the post; `project`, `stage`, `outcome` and `key` are about one item, and must hold
 * for the same item. A post matches when at least one of its items does.
 */
import { z } from 'zod';
import { MAKER_KINDS, OUTCOMES, STAGES, type MakerKind, type Outcome, type Stage } from '../content/schemas';
import { parseCalendarDate } from '../dates';
import type { DecisionIndexes } from '../records/indexes';

/** The parameters, in the order a normal query string gives them. */
export const FILTER_PARAMETERS = ['committee', 'project', 'tag', 'stage', 'outcome', 'maker', 'key', 'from', 'to'] as const;

/** `key`'s one value: key decisions only (an item's `keyDecision: true`). */
export const KEY_VALUES = ['yes'] as const;
export type FilterParameter = (typeof FILTER_PARAMETERS)[number];

export interface DecisionFilter {
  committee: string[];
  project: string[];
  tag: string[];
  stage: Stage[];
  outcome: Outcome[];
  /** The kinds of body that decided (a committee file's `kind`). */
  maker: MakerKind[];
  /** `yes`: only key decisions. */
  key?: (typeof KEY_VALUES)[number];
  /** `YYYY-MM-DD`, a London date: posts published on or after it. */
  from?: string;
  /** `YYYY-MM-DD`, a London date: posts published on or before it. */
  to?: string;
}

/** What each parameter means, in words: the /feeds and /data pages and the API description (/data/openapi.json) say it so. */
export const FILTER_MEANINGS: Record<FilterParameter, string> = {
  committee: 'the body that took the decisions, by its permanent name (the end of its address on this site)',
  project: 'a programme project, by its permanent name',
  tag: 'a topic, by its permanent name (the end of its address under /tags)',
  stage: `where in the decision process it stands: ${STAGES.join(', ')}`,
  outcome: `what the body did: ${OUTCOMES.join(', ')}`,
  maker: `what kind of decision maker took the decisions: ${MAKER_KINDS.join(', ')} (an officer or a cabinet member decides alone, without a meeting)`,
  key: `${KEY_VALUES.join(', ')}: key decisions only (significant spending or savings, or an effect on two or more wards)`,
  from: 'published on or after this London date, written YYYY-MM-DD',
  to: 'published on or before this London date, written YYYY-MM-DD',
};

export const NO_FILTER: DecisionFilter = { committee: [], project: [], tag: [], stage: [], outcome: [], maker: [] };
/** The key-decisions view (`?key=yes`), linked from /meetings and /data. */
export const KEY_DECISIONS: DecisionFilter = { ...NO_FILTER, key: 'yes' };

/** The values that exist: committees and projects from the content, topics from the visible posts. */
export interface FilterVocabulary {
  committees: ReadonlyMap<string, unknown>;
  projects: ReadonlyMap<string, unknown>;
  tags: ReadonlyMap<string, unknown>;
}

export function vocabularyOf(records: {
  committees: ReadonlyMap<string, unknown>;
  projects: ReadonlyMap<string, unknown>;
  indexes: DecisionIndexes;
}): FilterVocabulary {
  return { committees: records.committees, projects: records.projects, tags: records.indexes.byTag };
}

export interface FilterProblem {
  parameter: FilterParameter;
  /** One plain sentence that names the parameter and what it accepts. */
  message: string;
}

export type FilterResult = { ok: true; filter: DecisionFilter; query: string } | { ok: false; problems: FilterProblem[] };

/** A query as a route has it: URLSearchParams, or Next.js's `searchParams` object. */
export type RawQuery = URLSearchParams | Record<string, string | string[] | undefined>;

/**
 * Values one parameter may carry. More than every committee, project or topic a real view
 * names; a query with more is refused whole before any work (see overTheCap), since reading
 * and checking 1,851 `tag=` values cost a search fifteen times its normal time.
 */
export const MAX_VALUES = 50;

/**
 * The first parameter given more than MAX_VALUES times (every parameter counts, not only the
 * filters: `q` or `page` repeated a thousand times is no search either), or undefined.
 * Counting is one pass over the query.
 */
export function overTheCap(query: URLSearchParams): { parameter: string; count: number } | undefined {
  const counts = new Map<string, number>();
  for (const name of query.keys()) {
    const count = (counts.get(name) ?? 0) + 1;
    if (count > MAX_VALUES) return { parameter: name.slice(0, 40), count: [...query.keys()].filter((n) => n === name).length };
    counts.set(name, count);
  }
  return undefined;
}

/** Every value of a parameter, trimmed, empty ones dropped, each once, in the order given. */
function valuesOf(raw: RawQuery, name: string): string[] {
  const given = raw instanceof URLSearchParams ? raw.getAll(name) : [raw[name]].flat();
  const values = new Set<string>();
  for (const value of given) {
    if (typeof value !== 'string') continue;
    const trimmed = value.trim();
    if (trimmed !== '') values.add(trimmed);
  }
  return [...values];
}

/** `'nope'`, quoted and cut short: a message must not repeat a whole pasted paragraph. */
function quoted(value: unknown): string {
  const text = String(value);
  return `'${text.length > 60 ? `${text.slice(0, 57)}…` : text}'`;
}

function accepted(values: Iterable<string>, none: string): string {
  const list = [...values].sort();
  return list.length === 0 ? none : `Accepted values: ${list.join(', ')}.`;
}

function oneOf(parameter: FilterParameter, what: string, values: () => Iterable<string>, none: string) {
  const known = () => new Set(values());
  return z
    .array(z.string())
    .max(MAX_VALUES, `${parameter}: at most ${MAX_VALUES} values.`)
    .superRefine((list, ctx) => {
      const set = known();
      for (const value of list)
        if (!set.has(value)) ctx.addIssue({ code: 'custom', message: `${parameter}: ${quoted(value)} is not ${what}. ${accepted(set, none)}` });
    })
    .transform((list) => [...list].sort());
}

/** `key=yes`; any other value is refused, and saying `yes` twice is saying it once. */
const keyValue = z.enum(KEY_VALUES);
const keyField = z
  .array(z.string())
  .superRefine((list, ctx) => {
    for (const value of list)
      if (!keyValue.safeParse(value).success)
        ctx.addIssue({ code: 'custom', message: `key: ${quoted(value)} is not accepted. Accepted values: ${KEY_VALUES.join(', ')} (key decisions only).` });
  })
  .transform((list) => (list.length > 0 ? KEY_VALUES[0] : undefined));

const dateField = (parameter: 'from' | 'to') =>
  z
    .array(z.string())
    .superRefine((list, ctx) => {
      if (list.length > 1) ctx.addIssue({ code: 'custom', message: `${parameter}: give one date, not ${list.length} (${list.map(quoted).join(', ')}).` });
      else if (list.length === 1 && !parseCalendarDate(list[0]!))
        ctx.addIssue({
          code: 'custom',
          message: `${parameter}: ${quoted(list[0])} is not a date. Accepted values: a London date written YYYY-MM-DD, such as 2011-06-30.`,
        });
    })
    .transform((list) => list[0]);

/** The parameters that take a value from a list, and the list each accepts (the dates take any real date). */
export type ListParameter = Exclude<FilterParameter, 'from' | 'to'>;

/**
 * The values each list parameter accepts: what filterSchema checks a request against and what
 * the API description (lib/data/openapi) lists, from this one place.
 */
export function acceptedValues(vocabulary: FilterVocabulary): Record<ListParameter, () => Iterable<string>> {
  return {
    committee: () => vocabulary.committees.keys(),
    project: () => vocabulary.projects.keys(),
    tag: () => vocabulary.tags.keys(),
    stage: () => STAGES,
    outcome: () => OUTCOMES,
    maker: () => MAKER_KINDS,
    key: () => KEY_VALUES,
  };
}

/**
 * The one schema of the vocabulary. It is built for the values that exist (committees, projects
 * and topics come from the content), so an invented value is refused here, before any lookup,
 * render or cache sees it.
 */
export function filterSchema(vocabulary: FilterVocabulary) {
  const values = acceptedValues(vocabulary);
  return z
    .strictObject({
      committee: oneOf('committee', 'a committee of this site', values.committee, 'There are no committees.'),
      project: oneOf('project', 'a project of this site', values.project, 'There are no projects.'),
      tag: oneOf('tag', 'a topic of a published decision', values.tag, 'No published decision has a topic yet.'),
      stage: oneOf('stage', 'a stage', values.stage, ''),
      outcome: oneOf('outcome', 'an outcome', values.outcome, ''),
      maker: oneOf('maker', 'a kind of decision maker', values.maker, ''),
      key: keyField,
      from: dateField('from'),
      to: dateField('to'),
    })
    .superRefine((filter, ctx) => {
      // Only two real dates can be out of order (zod runs this even when a field failed).
      if (filter.from && filter.to && parseCalendarDate(filter.from) && parseCalendarDate(filter.to) && filter.from > filter.to)
        ctx.addIssue({ code: 'custom', path: ['from'], message: `from: ${filter.from} is after to (${filter.to}): no day is in that range.` });
    })
    .transform((filter): DecisionFilter => {
      const { from, to, key, ...lists } = filter;
      return { ...(lists as Omit<DecisionFilter, 'from' | 'to' | 'key'>), ...(key ? { key } : {}), ...(from ? { from } : {}), ...(to ? { to } : {}) };
    });
}

const schemas = new WeakMap<FilterVocabulary['tags'], { vocabulary: FilterVocabulary; schema: ReturnType<typeof filterSchema> }>();

function schemaFor(vocabulary: FilterVocabulary): ReturnType<typeof filterSchema> {
  const hit = schemas.get(vocabulary.tags);
  if (hit && hit.vocabulary.committees === vocabulary.committees && hit.vocabulary.projects === vocabulary.projects) return hit.schema;
  const schema = filterSchema(vocabulary);
  schemas.set(vocabulary.tags, { vocabulary, schema });
  return schema;
}

/**
 * Reads the vocabulary from a query. Other parameters (`q`, `page`, anything else) are not its
 * business and are ignored. A repeated value counts once, an empty one not at all.
 */
export function parseFilter(raw: RawQuery, vocabulary: FilterVocabulary): FilterResult {
  const input = Object.fromEntries(FILTER_PARAMETERS.map((name) => [name, valuesOf(raw, name)]));
  const result = schemaFor(vocabulary).safeParse(input);
  if (result.success) return { ok: true, filter: result.data, query: filterQuery(result.data) };
  const problems = result.error.issues.map((issue) => ({
    parameter: (FILTER_PARAMETERS as readonly string[]).includes(String(issue.path[0])) ? (issue.path[0] as FilterParameter) : 'committee',
    message: issue.message,
  }));
  return { ok: false, problems };
}

export function isFiltered(filter: DecisionFilter): boolean {
  return FILTER_PARAMETERS.some((name) => (name === 'from' || name === 'to' || name === 'key' ? filter[name] !== undefined : filter[name].length > 0));
}

/**
 * The normal query string of a filter: parameters in FILTER_PARAMETERS order, values sorted,
 * each once, without escapes (slugs, enum values and dates need none). Every link the site
 * writes uses it, and it keys every cache, so `?outcome=x&committee=y` and its reverse are one entry.
 */
export function filterQuery(filter: DecisionFilter): string {
  const pairs: string[] = [];
  for (const name of FILTER_PARAMETERS) {
    const value = filter[name];
    if (value === undefined) continue;
    for (const v of Array.isArray(value) ? [...value].sort() : [value]) pairs.push(`${name}=${v}`);
  }
  return pairs.join('&');
}

/** `?committee=…` or '' for no filter: the suffix for an address. */
export function filterSuffix(filter: DecisionFilter): string {
  const query = filterQuery(filter);
  return query ? `?${query}` : '';
}

/**
 * The vocabulary's part of a raw query string, as it was written (escapes and all): when it
 * differs from `filterQuery`, the request spelled a view another way, and a feed or data route
 * answers with a redirect to the normal spelling, so that a cache holds one copy of each view.
 */
export function writtenFilterQuery(search: string): string {
  const text = search.startsWith('?') ? search.slice(1) : search;
  if (text === '') return '';
  return text
    .split('&')
    .filter((pair) => (FILTER_PARAMETERS as readonly string[]).includes(pair.split('=', 1)[0]!))
    .join('&');
}

const stageOrOutcome = (value: string) => value.replace(/-/g, ' ');

/** The filter in words, for a feed's title and a page: "by cabinet, with the outcome approved or deferred". */
export function describeFilter(
  filter: DecisionFilter,
  names: {
    committee: (slug: string) => string;
    project: (slug: string) => string;
    tag: (slug: string) => string;
    stage?: (stage: Stage) => string;
    outcome?: (outcome: Outcome) => string;
    maker?: (kind: MakerKind) => string;
  },
): string {
  const or = (values: string[]) => (values.length <= 1 ? values.join('') : `${values.slice(0, -1).join(', ')} or ${values[values.length - 1]}`);
  const parts: string[] = [];
  if (filter.committee.length > 0) parts.push(`by ${or(filter.committee.map(names.committee))}`);
  if (filter.project.length > 0) parts.push(`about ${or(filter.project.map(names.project))}`);
  if (filter.tag.length > 0) parts.push(`on ${or(filter.tag.map(names.tag))}`);
  if (filter.stage.length > 0) parts.push(`at the stage ${or(filter.stage.map(names.stage ?? stageOrOutcome))}`);
  if (filter.outcome.length > 0) parts.push(`with the outcome ${or(filter.outcome.map(names.outcome ?? stageOrOutcome))}`);
  if (filter.maker.length > 0) parts.push(`decided by ${or(filter.maker.map(names.maker ?? stageOrOutcome))}`);
  if (filter.key) parts.push('key decisions only');
  if (filter.from && filter.to) parts.push(`published ${filter.from} to ${filter.to}`);
  else if (filter.from) parts.push(`published on or after ${filter.from}`);
  else if (filter.to) parts.push(`published on or before ${filter.to}`);
  return parts.join(', ');
}

/** The same view in every format the site offers, for "this view as…" links. */
export function viewFormats(filter: DecisionFilter): { label: string; kind: 'feed' | 'data'; path: string; type: string }[] {
  const suffix = filterSuffix(filter);
  return [
    { label: 'RSS', kind: 'feed', path: `/feed.xml${suffix}`, type: 'application/rss+xml' },
    { label: 'Atom', kind: 'feed', path: `/atom.xml${suffix}`, type: 'application/atom+xml' },
    { label: 'JSON Feed', kind: 'feed', path: `/feed.json${suffix}`, type: 'application/feed+json' },
    { label: 'CSV', kind: 'data', path: `/data/decisions.csv${suffix}`, type: 'text/csv' },
    { label: 'JSON', kind: 'data', path: `/data/decisions.json${suffix}`, type: 'application/json' },
  ];
}
