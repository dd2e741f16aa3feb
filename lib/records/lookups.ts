import { isSlug } from '../content/slug';
import { meetingsOf } from '../meetings';
import { getSiteRecords, type SiteRecords } from '../site';

/** What a finder answers: the records it looked in, the key read from the URL, and what the key names. */
export interface Found<K, V> {
  records: SiteRecords;
  key: K;
  value: V;
}

export type Finder<K, V> = (text: string) => Promise<Found<K, V> | undefined>;

/**
 * A finder for one kind of page: `read` turns the URL's text into a key, or undefined when it
 * is not a key at all (not a slug, not a year), and `get` looks the key up in the records. Text
 * that is not a key answers "not found" before the records are touched, so odd URLs cannot
 * reach a file.
 */
export function finder<K, V>(read: (text: string) => K | undefined, get: (records: SiteRecords, key: K) => V | undefined): Finder<K, V> {
  return async (text) => {
    const key = read(text);
    if (key === undefined) return undefined;
    const records = await getSiteRecords();
    const value = get(records, key);
    return value === undefined ? undefined : { records, key, value };
  };
}

const slugKey = (text: string) => (isSlug(text) ? text : undefined);
/** A list that is there only when it has something in it. */
const nonEmpty = <T>(list: T[] | undefined) => (list && list.length > 0 ? list : undefined);

export const findDecision = finder(slugKey, (records, slug) => records.indexes.bySlug.get(slug));
export const findCommittee = finder(slugKey, (records, slug) => records.committees.get(slug));
export const findProject = finder(slugKey, (records, slug) => records.projects.get(slug));
export const findGlossaryTerm = finder(slugKey, (records, slug) => records.glossary.get(slug));
/** A topic from the URL: a valid slug with at least one visible decision (newest first). */
export const findTag = finder(slugKey, (records, slug) => nonEmpty(records.indexes.byTag.get(slug)));
/** A year from the URL: four digits, with at least one visible decision published in it (newest first). */
export const findArchiveYear = finder(
  (text) => (/^\d{4}$/.test(text) ? Number(text) : undefined),
  (records, year) => nonEmpty(records.indexes.byYear.get(year)),
);

/** `2`, `17`: a page number from a URL, from 2 up (page 1 has its own address). */
export function laterPageNumber(text: string): number | undefined {
  return /^[1-9]\d{0,5}$/.test(text) && text !== '1' ? Number(text) : undefined;
}

/** A meeting from the URL: a valid slug naming a meeting of the posts or of content/meetings. */
export const findMeeting = finder(slugKey, (records, slug) => meetingsOf(records).bySlug.get(slug));
