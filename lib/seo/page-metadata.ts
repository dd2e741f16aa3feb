import { loadContent } from '../site';
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
    alternates: alternatesFor(page.path),
    openGraph: openGraphFor(site, page),
  };
}

const FEED_FORMATS = [
  { type: 'application/rss+xml', file: 'feed.xml', label: 'RSS' },
  { type: 'application/atom+xml', file: 'atom.xml', label: 'Atom' },
  { type: 'application/feed+json', file: 'feed.json', label: 'JSON Feed' },
] as const;

/**
 * A page's canonical address and the feeds it advertises in <head>: the site's feeds on every
 * page, and a committee's, project's or topic's own feeds on its pages (or a filtered view's:
 * the site's feeds with the view's query). Given whole on each
 * page, since a page's `alternates` replaces the layout's.
 */
export function alternatesFor(path: string | undefined, own?: { basePath: string; name: string; query?: string }, calendar?: { url: string; title: string }) {
  const suffix = own?.query ? `?${own.query}` : '';
  const types = Object.fromEntries(
    FEED_FORMATS.map(({ type, file, label }) => [
      type,
      [
        { url: `/${file}`, title: `All decisions (${label})` },
        ...(own ? [{ url: `${own.basePath}/${file}${suffix}`, title: `${own.name}: decisions (${label})` }] : []),
      ],
    ]),
  );
  // A page about meetings also advertises its iCalendar feed.
  if (calendar) types['text/calendar'] = [calendar];
  return { ...(path === undefined ? {} : { canonical: path }), types };
}
