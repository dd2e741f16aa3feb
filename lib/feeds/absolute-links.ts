/**
 * A feed entry is read far from the site, where a link such as `/glossary/business-case` means
 * nothing (RSS has no base address, and readers treat Atom's xml:base unevenly). So every
 * relative `href` and `src` in a post's HTML is made absolute before it goes into a feed.
 *
 * The HTML comes from lib/markdown (rehype-stringify, after sanitising): every attribute value
 * is in double quotes with `"` written as an entity, and a `<` in text is always escaped, so a
 * start tag can be matched exactly. Only the part of a URL in front of the author's text is
 * added; the author's text stays as it was, entities and all.
 */

const START_TAG = /<[a-zA-Z][a-zA-Z0-9-]*(?:\s+[^\s"'>/=]+(?:\s*=\s*"[^"]*")?)*\s*\/?>/g;
const URL_ATTRIBUTE = /(\s(?:href|src)\s*=\s*")([^"]*)"/g;
const HAS_SCHEME = /^[a-zA-Z][a-zA-Z0-9+.-]*:/;

function absolute(value: string, pageUrl: URL): string {
  if (value === '' || HAS_SCHEME.test(value)) return value;
  if (value.startsWith('//')) return `${pageUrl.protocol}${value}`;
  if (value.startsWith('/')) return `${pageUrl.origin}${value}`;
  const page = `${pageUrl.origin}${pageUrl.pathname}`;
  if (value.startsWith('#') || value.startsWith('?')) return `${page}${value}`;
  return `${page.slice(0, page.lastIndexOf('/') + 1)}${value}`;
}

/** The HTML with every relative link and image address made absolute against `pageUrl`. */
export function absoluteLinks(html: string, pageUrl: string): string {
  const base = new URL(pageUrl);
  return html.replace(START_TAG, (tag) => tag.replace(URL_ATTRIBUTE, (_, start: string, value: string) => `${start}${absolute(value, base)}"`));
}
