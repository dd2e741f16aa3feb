import { defaultSchema, type Schema } from 'hast-util-sanitize';

/**
 * GitHub's allow-list (rehype-sanitize's default), narrowed, never widened: no form
 * controls, no images or embedded media, and links only to http(s) and mailto. Raw HTML in
 * a post never reaches this point (remark-rehype drops it); this is the second line.
 */
const removedTags = new Set(['input', 'details', 'summary', 'img', 'picture', 'source', 'video', 'audio']);

/**
 * Attributes the default allows on every element that no Markdown produces and that only
 * matter to forms, image maps, keyboard focus or microdata: dropped, so that nothing an
 * author writes can submit a form, steal focus or pose as the site's structured data.
 */
const removedAttributes = new Set([
  'className',
  'style',
  'accept',
  'acceptCharset',
  'accessKey',
  'action',
  'checked',
  'coords',
  'encType',
  'isMap',
  'itemProp',
  'maxLength',
  'method',
  'multiple',
  'noHref',
  'prompt',
  'readOnly',
  'selected',
  'shape',
  'tabIndex',
  'useMap',
]);

/** Elements whose content goes with them (the default strips only `script`). */
const stripped = [
  'script',
  'style',
  'template',
  'noscript',
  'noembed',
  'noframes',
  'iframe',
  'object',
  'embed',
  'textarea',
  'title',
  'xmp',
  'plaintext',
  'svg',
  'math',
];

export const postSanitizeSchema: Schema = {
  ...defaultSchema,
  tagNames: (defaultSchema.tagNames ?? []).filter((tag) => !removedTags.has(tag)),
  strip: [...new Set([...(defaultSchema.strip ?? []), ...stripped])],
  // Every URL-bearing attribute keeps a protocol list: an attribute missing here would be
  // let through unchecked if its element were ever allowed.
  protocols: {
    href: ['http', 'https', 'mailto'],
    cite: ['http', 'https'],
    src: ['http', 'https'],
    longDesc: ['http', 'https'],
  },
  attributes: {
    ...Object.fromEntries(Object.entries(defaultSchema.attributes ?? {}).filter(([tag]) => !removedTags.has(tag))),
    // No inline styles or classes from authors: only the renderer's own markup is styled.
    '*': (defaultSchema.attributes?.['*'] ?? []).filter((attr) => typeof attr !== 'string' || !removedAttributes.has(attr)),
    // No microdata on a div: structured data about the site comes from the site alone.
    div: [],
    input: [],
  },
};
