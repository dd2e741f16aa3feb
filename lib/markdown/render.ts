import { createHash } from 'node:crypto';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { rehypeExternalLinks } from './external-links';
import { rehypeGlossaryLinks, type GlossaryEntry } from './glossary-links';
import { postSanitizeSchema } from './sanitize-schema';

export interface RenderOptions {
  /** Terms whose first mention is linked to the glossary; none when absent. */
  glossary?: GlossaryEntry[];
  /** Links to this origin are not marked as external. */
  siteOrigin?: string;
}

function processorFor(options: RenderOptions) {
  return unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(remarkRehype) // raw HTML in a post is dropped here, not passed through
    .use(rehypeSanitize, postSanitizeSchema)
    .use(rehypeGlossaryLinks, { entries: options.glossary ?? [], hrefFor: (slug: string) => `/glossary/${slug}` })
    .use(rehypeExternalLinks, { siteOrigin: options.siteOrigin })
    .use(rehypeStringify);
}

/** Renders untrusted Markdown to sanitised HTML. */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  return String(processorFor(options).processSync(markdown));
}

const cache = new Map<string, string>();
const MAX_CACHED = 20_000;

/** As renderMarkdown, remembered by a hash of the input and options: a post renders once. */
export function renderMarkdownCached(markdown: string, options: RenderOptions = {}): string {
  const key = createHash('sha1')
    .update(markdown)
    .update('\0')
    .update(JSON.stringify([options.glossary ?? [], options.siteOrigin ?? '']))
    .digest('base64');
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const html = renderMarkdown(markdown, options);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value!);
  cache.set(key, html);
  return html;
}
