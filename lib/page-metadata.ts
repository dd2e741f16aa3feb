import { loadContent } from './site';
import { openGraphFor } from './structured-data';

/**
 * Title, description, canonical address and Open Graph for a page, in the shape of Next.js's
 * metadata. Open Graph is given in full on each page: Next.js merges metadata shallowly, so a
 * page's openGraph replaces the layout's.
 */
export async function pageMetadata(page: { title: string; description?: string; path: string }) {
  const { site } = await loadContent();
  return {
    title: page.title,
    ...(page.description ? { description: page.description } : {}),
    alternates: { canonical: page.path },
    openGraph: openGraphFor(site, page),
  };
}
