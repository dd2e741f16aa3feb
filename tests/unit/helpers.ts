/**
 * Builders of in-memory content for `collectContent` (lib/content/collect.ts), so that each
 * test starts from a valid set of files and changes one thing.
 */
import { stringify } from 'yaml';
import { collectContent, type ContentFiles, type ContentSet } from '../../lib/content/collect';
import type { ContentProblem } from '../../lib/content/problems';
import type { ContentFile, Decision } from '../../lib/content/types';
import { buildIndexes } from '../../lib/records/indexes';
import { visibleDecisions } from '../../lib/records/published';
import type { SiteRecords } from '../../lib/site';

export const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

export interface TextFile extends ContentFile {
  /** The text the bytes were made from (before any re-encoding a test does). */
  text: string;
}

export function textFile(path: string, text: string): TextFile {
  return { path, text, bytes: encode(text) };
}

export const SITE = {
  councilName: 'London Borough of Barnet',
  siteTitle: 'One Barnet decisions',
  description: 'A public record of decisions taken in the One Barnet programme.',
  baseUrl: 'https://decisions.barnet.example',
  language: 'en-GB',
  contact: { name: 'Communications team', url: 'https://www.barnet.gov.uk/contact-us' },
  licence: { name: 'Open Government Licence v3.0', url: 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/' },
  committeeSite: 'https://barnet.moderngov.co.uk/',
  councilWebsite: 'https://www.barnet.gov.uk/',
  feedEntryLimit: 50,
  pageSize: 10,
};

export const siteFile = (): TextFile => textFile('content/site.json', JSON.stringify(SITE, null, 2));

export const committeeFile = (): TextFile =>
  textFile(
    'content/committees/cabinet-resources-committee.md',
    [
      '---',
      'name: "Cabinet Resources Committee"',
      'shortName: "CRC"',
      'summary: "The Cabinet committee that considers reports of a financial nature."',
      'website: "https://barnet.moderngov.co.uk/"',
      '---',
      '',
      'Cabinet Resources Committee considers reports of a financial nature.',
      '',
    ].join('\n'),
  );

/** NSCSO has a business case; DRS deliberately has none. */
export const projectFiles = (): TextFile[] => [
  textFile(
    'content/projects/nscso.md',
    [
      '---',
      'name: "New Support and Customer Service Organisation"',
      'shortName: "NSCSO"',
      'status: procurement',
      'summary: "A project to find a strategic partner for back office and customer services."',
      'businessCase:',
      '  title: "New Support and Customer Service Organisation business case"',
      '  date: 2011-06-29',
      '---',
      '',
      'The NSCSO project.',
      '',
    ].join('\n'),
  ),
  textFile(
    'content/projects/drs.md',
    [
      '---',
      'name: "Development and Regulatory Services"',
      'shortName: "DRS"',
      'status: procurement',
      'summary: "A project to find an external partner for development and regulatory services."',
      '---',
      '',
      'The DRS project.',
      '',
    ].join('\n'),
  ),
];

export const glossaryFile = (): TextFile =>
  textFile(
    'content/glossary/business-case.md',
    [
      '---',
      'term: "Business case"',
      'aliases: ["business cases"]',
      'summary: "A document that explains why a change is needed and what it will cost."',
      '---',
      '',
      'A business case is written before a big change is made.',
      '',
    ].join('\n'),
  );

export type PostData = Record<string, unknown>;

/** The frontmatter of a valid post, in the order it is written (line numbers follow it). */
export function defaultPostData(): PostData {
  return {
    title: 'Back office and customer service project given the green light',
    date: '2011-06-30',
    summary: 'Cabinet Resources Committee approved the NSCSO business case on 29 June 2011.',
    committee: 'cabinet-resources-committee',
    meeting: '2011-06-29',
    decisions: [
      {
        subject: 'New Support and Customer Service Organisation business case',
        project: 'nscso',
        stage: 'business-case',
        outcome: 'approved',
      },
    ],
    tags: ['one-barnet', 'outsourcing'],
  };
}

export const DEFAULT_BODY = 'Last night (29 June), the business case for the New Support and Customer Service Organisation project was approved.\n';

export interface PostOptions {
  /** The file's slug (name without .md), or a whole path when it contains a slash. */
  name?: string;
  body?: string;
}

export const DEFAULT_POST_PATH = 'content/decisions/2011-06-30-test-post.md';

function postPath(name: string | undefined): string {
  if (!name) return DEFAULT_POST_PATH;
  return name.includes('/') ? name : `content/decisions/${name}.md`;
}

/**
 * A decision post file. With an object, its fields replace the defaults (a field set to
 * `undefined` is removed); with a string, that string is the whole file, as written.
 */
export function post(overrides: PostData | string = {}, options: PostOptions = {}): TextFile {
  const path = postPath(options.name);
  if (typeof overrides === 'string') return textFile(path, overrides);
  const data: PostData = { ...defaultPostData(), ...overrides };
  for (const key of Object.keys(data)) if (data[key] === undefined) delete data[key];
  const yaml = stringify(data, { lineWidth: 0 });
  return textFile(path, `---\n${yaml}---\n\n${options.body ?? DEFAULT_BODY}`);
}

/** The 1-based line of the first line of `text` that contains `needle`. */
export function lineContaining(text: string, needle: string): number {
  const index = text.split(/\r?\n/).findIndex((line) => line.includes(needle));
  if (index < 0) throw new Error(`'${needle}' is not in the text`);
  return index + 1;
}

/** A valid set of content files around the given decision posts. */
export function contentFiles(decisions: ContentFile[] = [post()], extra: Partial<ContentFiles> = {}): ContentFiles {
  return {
    site: siteFile(),
    decisions,
    committees: [committeeFile()],
    projects: projectFiles(),
    glossary: [glossaryFile()],
    ignored: [],
    ...extra,
  };
}

export function collect(...decisions: ContentFile[]): ContentSet {
  return collectContent(contentFiles(decisions.length ? decisions : [post()]));
}

export function problemsOf(...decisions: ContentFile[]): ContentProblem[] {
  return collect(...decisions).problems;
}

export const errorsOf = (...decisions: ContentFile[]) => problemsOf(...decisions).filter((p) => p.severity === 'error');
export const warningsOf = (...decisions: ContentFile[]) => problemsOf(...decisions).filter((p) => p.severity === 'warning');

/** The single problem a test expects; fails with the whole list when there is not exactly one. */
export function onlyProblem(problems: ContentProblem[]): ContentProblem {
  if (problems.length !== 1) throw new Error(`Expected exactly one problem, got ${problems.length}:\n${JSON.stringify(problems, null, 2)}`);
  return problems[0]!;
}

/** A decision record for tests of lib/records/published.ts and lib/records/indexes.ts. */
export function decision(overrides: Partial<Decision> & { slug: string; published: Date }): Decision {
  return {
    file: `content/decisions/${overrides.slug}.md`,
    title: overrides.slug,
    updated: overrides.published,
    summary: `Summary of ${overrides.slug}`,
    committee: 'cabinet-resources-committee',
    items: [{ id: 'something', subject: 'Something', stage: 'other', outcome: 'noted', documents: [] }],
    tags: [],
    draft: false,
    updates: [],
    glossaryLinks: true,
    body: 'Text.',
    ...overrides,
  };
}

/** The content digest of records made here (lib/content/digest.ts digests files as read from a folder). */
export const FIXTURE_DIGEST = 'fixture-records';

/** Long before any post: a Last-Modified is then the content's own date (lastModifiedOf). */
export const READ_LONG_AGO = new Date(0);

/**
 * What getSiteRecords() gives for valid content at a given time: the decisions visible then and
 * their indexes. Throws with every error when the fixture is not valid content.
 */
export function siteRecordsOf(
  content: ContentSet,
  now: Date,
  { decisions = content.decisions, readAt = READ_LONG_AGO }: { decisions?: Decision[]; readAt?: Date } = {},
): SiteRecords {
  const errors = content.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0 || !content.site) throw new Error(`Invalid fixture: ${JSON.stringify(errors, null, 2)}`);
  const visibility = { now, preview: false };
  return {
    ...content,
    site: content.site,
    decisions,
    indexes: buildIndexes(visibleDecisions(decisions, visibility)),
    visibility,
    readAt,
    contentDigest: FIXTURE_DIGEST,
  };
}
