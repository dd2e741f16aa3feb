/**
 * The records of the content, as the site uses them. Each type is derived from its zod schema
 * (lib/content/schemas.ts), the one definition of every field, plus what the file itself gives:
 * its slug, its path and its Markdown body.
 */
import type { z } from 'zod';
import type { businessCaseSchema, CommitteeFields, DecisionFields, documentSchema, GlossaryFields, MakerKind, MeetingFields, ProjectFields, SiteSettings } from './schemas';

/** What every record read from a Markdown file has besides its frontmatter. */
export interface FileRecord {
  /** The file name without `.md`: the record's permanent address. */
  slug: string;
  /** Path relative to the project root. */
  file: string;
  /**
   * Markdown body, untrusted: render it through lib/markdown only. In the content a process
   * keeps (lib/content/compact-content.ts) each read inflates it again: read it once per use.
   */
  body: string;
}

export type Document = z.output<typeof documentSchema>;
/** A decision item, with its permanent id always set. */
export type DecisionItem = DecisionFields['items'][number];
/** A dated correction, its date made an instant. */
export type Correction = DecisionFields['updates'][number];
export type BusinessCase = z.output<typeof businessCaseSchema>;

export interface Decision extends DecisionFields, FileRecord {
  /**
   * The kind of body that decided: its committee's `kind`, copied when the content is assembled
   * (lib/content/assemble.ts) so that the `maker` filter needs no second lookup. Absent means
   * a committee, the default.
   */
  makerKind?: MakerKind;
}
export interface Committee extends CommitteeFields, FileRecord {}
export interface Project extends ProjectFields, FileRecord {}
export interface GlossaryTerm extends GlossaryFields, FileRecord {}
/** A meeting file (content/meetings): what it adds to the meeting the posts know of, or a meeting no post reports yet. */
export interface MeetingFile extends MeetingFields, FileRecord {}
export type AgendaItem = MeetingFields['agenda'][number];

export type Site = SiteSettings;

export interface ContentFile {
  /** Path relative to the project root, with forward slashes. */
  path: string;
  /** The file's bytes; empty when the file was too large to read (then `size` says how large). */
  bytes: Uint8Array;
  /** The size on disk, when it was larger than a content file may be and so was not read. */
  size?: number;
}
