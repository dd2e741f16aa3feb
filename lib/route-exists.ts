import { isSlug } from './content/slug';
import { listPageCount } from './indexes';
import type { SiteRecords } from './site';

const FEED_FILES = new Set(['feed.xml', 'atom.xml', 'feed.json']);

/** A later page's number as written in its URL: 2 up to the last page, no leading zero (page 1 has its own address). */
function isPageNumber(text: string | undefined, pageCount: number): boolean {
  return text !== undefined && /^[1-9]\d{0,5}$/.test(text) && text !== '1' && Number(text) <= pageCount;
}

/**
 * Whether a path under a record's URL names something that exists now. Checked before
 * rendering, so an unknown slug gets the site's full 404 page (with or without JavaScript)
 * and an odd URL never reaches a page at all.
 */
export function recordPathExists(records: SiteRecords, pathname: string): boolean {
  const segments = pathname.split('/').slice(1);
  if (segments.at(-1) === '' && segments.length > 1) segments.pop();
  const [section, slug, sub, number, ...rest] = segments;
  if (rest.length > 0) return false;
  const { indexes } = records;
  const pagesOf = (decisions: readonly unknown[] | undefined) => listPageCount(decisions?.length ?? 0);
  switch (section) {
    case 'page':
      return sub === undefined && isPageNumber(slug, Math.ceil(indexes.all.length / records.site.pageSize));
    case 'decisions':
      return sub === undefined && isSlug(slug) && indexes.bySlug.has(slug);
    case 'committees':
      if (slug === undefined) return true;
      if (!isSlug(slug) || !records.committees.has(slug)) return false;
      if (sub === undefined) return true;
      if (sub === 'page') return isPageNumber(number, pagesOf(indexes.byCommittee.get(slug)));
      return number === undefined && FEED_FILES.has(sub);
    case 'projects':
      if (slug === undefined) return true;
      if (!isSlug(slug) || !records.projects.has(slug)) return false;
      return sub === undefined || (number === undefined && FEED_FILES.has(sub));
    case 'glossary':
      return slug === undefined || (sub === undefined && isSlug(slug) && records.glossary.has(slug));
    case 'tags':
      if (slug === undefined) return true;
      if (!isSlug(slug) || !indexes.byTag.has(slug)) return false;
      if (sub === undefined) return true;
      if (sub === 'page') return isPageNumber(number, pagesOf(indexes.byTag.get(slug)));
      return number === undefined && FEED_FILES.has(sub);
    case 'archive':
      if (slug === undefined) return true;
      if (!/^\d{4}$/.test(slug) || !indexes.byYear.has(Number(slug))) return false;
      return sub === undefined || (sub === 'page' && isPageNumber(number, pagesOf(indexes.byYear.get(Number(slug)))));
    default:
      return true;
  }
}
