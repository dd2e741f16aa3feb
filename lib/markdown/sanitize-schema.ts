import { defaultSchema, type Schema } from 'hast-util-sanitize';

/**
 * GitHub's allow-list (rehype-sanitize's default), narrowed, never widened: no form
 * controls, no images from other schemes, and links only to http(s) and mailto. Raw HTML in
 * a post never reaches this point (remark-rehype drops it); this is the second line.
 */
const removedTags = new Set(['input', 'details', 'summary', 'img', 'picture', 'source', 'video', 'audio']);

export const postSanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => !removedTags.has(tag)),
  protocols: {
    href: ['http', 'https', 'mailto'],
    cite: ['http', 'https'],
  },
  attributes: {
    ...defaultSchema.attributes,
    // No inline styles or classes from authors: only the renderer's own markup is styled.
    '*': (defaultSchema.attributes?.['*'] ?? []).filter((attr) => attr !== 'className' && attr !== 'style'),
    input: [],
  },
};
