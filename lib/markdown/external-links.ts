import type { Element, Root } from 'hast';
import { visit } from 'unist-util-visit';

/**
 * Marks links that leave the site: `rel="noopener noreferrer"` and hidden text for screen
 * readers. Runs after sanitising, so only the renderer's own attributes are added.
 */
export function rehypeExternalLinks({ siteOrigin }: { siteOrigin?: string } = {}) {
  return (tree: Root) => {
    visit(tree, 'element', (node: Element) => {
      if (node.tagName !== 'a') return;
      const href = String(node.properties.href ?? '');
      if (!/^https?:\/\//i.test(href)) return;
      if (siteOrigin && href.startsWith(siteOrigin)) return;
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
