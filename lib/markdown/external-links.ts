import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/** Schemes a link may have once the browser has resolved it. */
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** Stands for the site when no origin is given, so that relative links resolve to "this site". */
const PLACEHOLDER_ORIGIN = 'https://site.invalid';

/**
 * Marks links that leave the site: `rel="noopener noreferrer"` and hidden text for screen
 * readers. Runs after sanitising, so only the renderer's own attributes are added.
 *
 * Where a link goes is decided the way the browser decides it: the href is resolved with the
 * WHATWG URL parser against the site's origin, and its origin compared with the site's. A
 * prefix test on the text is not enough: `https://site.example.evil.com/` and
 * `https://site.example@evil.com/` both start with the site's origin, and `//evil.com/` has no
 * scheme at all, yet all three leave the site. Such scheme-relative links are written out in
 * full, so that readers (and feeds) see where they go.
 *
 * It is also a last check after the sanitiser: an href that the browser would not resolve to
 * http(s) or mailto, or could not resolve at all, is removed (the link text stays).
 */
export function rehypeExternalLinks({ siteOrigin }: { siteOrigin?: string } = {}) {
  let base: URL;
  try {
    base = new URL(siteOrigin ?? PLACEHOLDER_ORIGIN);
  } catch {
    base = new URL(PLACEHOLDER_ORIGIN);
  }
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a' || node.properties.href === undefined || node.properties.href === null) return;
      const href = String(node.properties.href);
      let url: URL;
      try {
        url = new URL(href, base);
      } catch {
        delete node.properties.href;
        return;
      }
      if (!ALLOWED_PROTOCOLS.has(url.protocol)) {
        delete node.properties.href;
        return;
      }
      if (url.protocol === 'mailto:') return;
      // `https:x`, `//x` and `\\x` mean different things to different readers: write them out.
      const sameSite = url.origin === base.origin;
      if (/^([a-z][a-z\d+.-]*:|[\\/]{2})/i.test(href.trim()) && !/^https?:\/\//i.test(href)) {
        node.properties.href = sameSite ? `${url.pathname}${url.search}${url.hash}` : url.href;
      }
      if (sameSite) return;
      node.properties.rel = ['noopener', 'noreferrer'];
      node.properties.className = ['external-link'];
      node.children.push({
        type: 'element',
        tagName: 'span',
        properties: { className: ['govuk-visually-hidden'] },
        children: [{ type: 'text', value: ' (external website)' }],
      });
    });
  };
}
