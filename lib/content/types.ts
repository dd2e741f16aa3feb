import type { Outcome, ProjectStatus, SiteSettings, Stage } from './schemas';

export interface Document {
  title: string;
  url: string;
}

export interface DecisionItem {
  subject: string;
  /** Project slug, resolved against the projects collection. */
  project?: string;
  stage: Stage;
  outcome: Outcome;
  documents: Document[];
}

export interface Correction {
  date: Date;
  note: string;
}

export interface Decision {
  slug: string;
  /** Path relative to the project root. */
  file: string;
  title: string;
  /** When the post is (or will be) published. */
  published: Date;
  /** The latest of `published` and every correction. */
  updated: Date;
  summary: string;
  /** Committee slug, resolved against the committees collection. */
  committee: string;
  /** `YYYY-MM-DD`, when the post gives it. */
  meeting?: string;
  items: DecisionItem[];
  tags: string[];
  author?: string;
  draft: boolean;
  updates: Correction[];
  glossaryLinks: boolean;
  /** Markdown body, untrusted: render it through lib/markdown only. */
  body: string;
}

export interface Committee {
  slug: string;
  file: string;
  name: string;
  shortName?: string;
  summary: string;
  website?: string;
  body: string;
}

export interface BusinessCase {
  title: string;
  url?: string;
  date?: string;
}

export interface Project {
  slug: string;
  file: string;
  name: string;
  shortName?: string;
  programme: string;
  summary: string;
  status: ProjectStatus;
  businessCase?: BusinessCase;
  body: string;
}

export interface GlossaryTerm {
  slug: string;
  file: string;
  term: string;
  aliases: string[];
  summary: string;
  body: string;
}

export type Site = SiteSettings;

export interface ContentFile {
  /** Path relative to the project root, with forward slashes. */
  path: string;
  /** The file's bytes; empty when the file was too large to read (then `size` says how large). */
  bytes: Uint8Array;
  /** The size on disk, when it was larger than a content file may be and so was not read. */
  size?: number;
}
