import { isSlug } from './content/slug';
import { meetingsOf } from './meetings';
import { getSiteRecords } from './site';

/**
 * Finds a record by the slug from a URL. A slug that is not a valid slug is not looked up at
 * all: it answers "not found" before touching anything, so odd URLs cannot reach a file.
 */
export async function findDecision(slug: string) {
  if (!isSlug(slug)) return undefined;
  const records = await getSiteRecords();
  const decision = records.indexes.bySlug.get(slug);
  return decision ? { records, decision } : undefined;
}

export async function findCommittee(slug: string) {
  if (!isSlug(slug)) return undefined;
  const records = await getSiteRecords();
  const committee = records.committees.get(slug);
  return committee ? { records, committee } : undefined;
}

export async function findProject(slug: string) {
  if (!isSlug(slug)) return undefined;
  const records = await getSiteRecords();
  const project = records.projects.get(slug);
  return project ? { records, project } : undefined;
}

export async function findGlossaryTerm(slug: string) {
  if (!isSlug(slug)) return undefined;
  const records = await getSiteRecords();
  const term = records.glossary.get(slug);
  return term ? { records, term } : undefined;
}

/** A topic from the URL: a valid slug with at least one visible decision (newest first). */
export async function findTag(slug: string) {
  if (!isSlug(slug)) return undefined;
  const records = await getSiteRecords();
  const decisions = records.indexes.byTag.get(slug);
  return decisions && decisions.length > 0 ? { records, slug, decisions } : undefined;
}

/** A year from the URL: four digits, with at least one visible decision published in it (newest first). */
export async function findArchiveYear(text: string) {
  if (!/^\d{4}$/.test(text)) return undefined;
  const records = await getSiteRecords();
  const year = Number(text);
  const decisions = records.indexes.byYear.get(year);
  return decisions && decisions.length > 0 ? { records, year, decisions } : undefined;
}

/** `2`, `17`: a page number from a URL, from 2 up (page 1 has its own address). */
export function laterPageNumber(text: string): number | undefined {
  return /^[1-9]\d{0,5}$/.test(text) && text !== '1' ? Number(text) : undefined;
}

/** A meeting from the URL: a valid slug naming a meeting of the posts or of content/meetings. */
export async function findMeeting(slug: string) {
  if (!isSlug(slug)) return undefined;
  const records = await getSiteRecords();
  const meeting = meetingsOf(records).bySlug.get(slug);
  return meeting ? { records, meeting } : undefined;
}
