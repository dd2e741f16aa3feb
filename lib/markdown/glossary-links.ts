import type { Element, ElementContent, Root, Text } from 'hast';
import { SKIP, visitParents } from 'unist-util-visit-parents';

export interface GlossaryEntry {
  slug: string;
  /** The term and its aliases, as they may appear in text. */
  phrases: string[];
}

/** Text inside these is never linked: a link in a heading, a link or code would mislead. */
const NO_LINK_INSIDE = new Set(['a', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'code', 'pre', 'kbd', 'samp', 'button']);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** One pattern for every phrase, longest first so "business cases" wins over "business case". */
export function glossaryMatcher(entries: GlossaryEntry[]): { pattern: RegExp; slugOf: Map<string, string> } | undefined {
  const slugOf = new Map<string, string>();
  for (const entry of entries) for (const phrase of entry.phrases) slugOf.set(phrase.toLowerCase().replace(/\s+/g, ' '), entry.slug);
  if (slugOf.size === 0) return undefined;
  const phrases = [...slugOf.keys()].sort((a, b) => b.length - a.length).map((p) => escapeRegExp(p).replace(/ /g, '\\s+'));
  return { pattern: new RegExp(`(?<![\\p{L}\\p{N}])(?:${phrases.join('|')})(?![\\p{L}\\p{N}])`, 'giu'), slugOf };
}

/**
 * Links the first mention of each glossary term in a post to its explanation, so a resident
 * who meets "options appraisal" can find out what it means.
 */
export function rehypeGlossaryLinks({ entries, hrefFor }: { entries: GlossaryEntry[]; hrefFor: (slug: string) => string }) {
  const matcher = glossaryMatcher(entries);
  return (tree: Root) => {
    if (!matcher) return;
    const linked = new Set<string>();
    visitParents(tree, 'text', (node: Text, ancestors) => {
      if (ancestors.some((a) => a.type === 'element' && NO_LINK_INSIDE.has((a as Element).tagName))) return;
      const parent = ancestors.at(-1) as Element | Root;
      const pieces: ElementContent[] = [];
      let last = 0;
      for (const match of node.value.matchAll(matcher.pattern)) {
        const slug = matcher.slugOf.get(match[0].toLowerCase().replace(/\s+/g, ' '));
        if (!slug || linked.has(slug)) continue;
        linked.add(slug);
        if (match.index > last) pieces.push({ type: 'text', value: node.value.slice(last, match.index) });
        pieces.push({
          type: 'element',
          tagName: 'a',
          properties: { href: hrefFor(slug), className: ['glossary-link'] },
          children: [{ type: 'text', value: match[0] }],
        });
        last = match.index + match[0].length;
      }
      if (pieces.length === 0) return;
      if (last < node.value.length) pieces.push({ type: 'text', value: node.value.slice(last) });
      const index = parent.children.indexOf(node);
      parent.children.splice(index, 1, ...(pieces as typeof parent.children));
      return [SKIP, index + pieces.length];
    });
  };
}
