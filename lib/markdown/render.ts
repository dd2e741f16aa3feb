import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../server/write-atomically';
import rehypeSanitize from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';
import { readStamp, verifiedVersion } from '../server/code-version';
import { cacheFolder, stampFile } from '../server/disk-caches';
import { PROCESS_STATE, processSingleton } from '../server/process-singleton';
import { inNextBuild } from '../server/runtime';
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
    .use(rehypeStringify)
    .freeze();
}

type Processor = ReturnType<typeof processorFor>;

/**
 * Rendered bodies and processors, shared by every layer's copy of this module
 * (lib/server/process-singleton.ts): each copy would otherwise render and keep the same posts again.
 * In `next dev` an edit to this module starts them afresh, so the edited renderer is the one
 * whose HTML is served.
 */
interface RenderState {
  html: Map<string, string>;
  processors: Map<string, Processor>;
  /** The stamp's verdict, read once per process. */
  version?: { value: string | undefined };
}

const state = processSingleton<RenderState>(PROCESS_STATE.markdown, () => ({ html: new Map(), processors: new Map() }));

const MAX_CACHED = 20_000;
const MAX_PROCESSORS = 16;

/**
 * A processor per set of options, built once: building one (and the glossary's pattern) cost
 * about as much as rendering a post. The plugins keep no state between documents.
 */
function processorCached(options: RenderOptions): Processor {
  const key = JSON.stringify([options.glossary ?? [], options.siteOrigin ?? '']);
  let processor = state.processors.get(key);
  if (!processor) {
    processor = processorFor(options);
    if (state.processors.size >= MAX_PROCESSORS) state.processors.clear();
    state.processors.set(key, processor);
  }
  return processor;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * Renders untrusted Markdown to sanitised HTML. The content check refuses bodies nested deeply
 * enough to exhaust the renderer's stack (lib/content/body-complexity.ts); should one get past
 * it, the page shows the text as one escaped paragraph rather than failing.
 */
export function renderMarkdown(markdown: string, options: RenderOptions = {}): string {
  try {
    return String(processorCached(options).processSync(markdown));
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
    return `<p>${escapeHtml(markdown)}</p>`;
  }
}

/**
 * The version of this renderer's code, from the stamp `npm run content:check` (and the
 * build's first step) writes beside the cache (lib/server/code-version.ts), verified against the sources
 * as they are. Undefined, and the disk not used, when there is no stamp or a source changed
 * since: a cached page is never one that other code made.
 */
function rendererVersion(): string | undefined {
  state.version ??= { value: verifiedVersion(process.cwd(), readStamp(stampFile(process.cwd(), 'markdown'))) };
  return state.version.value;
}

/**
 * During `next build` rendered posts are also kept on disk, under .cache/markdown, by a hash
 * of the renderer, the Markdown and the options: a rebuild renders only new or changed posts.
 * Best effort: a cache that cannot be read or written is simply not used.
 */
function diskCacheVersion(): { dir: string; version: string } | undefined {
  if (!inNextBuild() && process.env.MARKDOWN_DISK_CACHE !== '1') return undefined;
  const version = rendererVersion();
  return version ? { dir: cacheFolder(process.cwd(), 'markdown'), version } : undefined;
}

function readDisk(dir: string, key: string): string | undefined {
  try {
    return readFileSync(path.join(/* turbopackIgnore: true */ dir, key.slice(0, 2), `${key}.html`), 'utf8');
  } catch {
    return undefined;
  }
}

function writeDisk(dir: string, key: string, html: string): void {
  try {
    writeFileAtomically(path.join(/* turbopackIgnore: true */ dir, key.slice(0, 2), `${key}.html`), html);
  } catch {
    // a read-only or full disk: render again next time
  }
}

/** As renderMarkdown, remembered by a hash of the input and options: a post renders once. */
export function renderMarkdownCached(markdown: string, options: RenderOptions = {}): string {
  const key = createHash('sha1')
    .update(markdown)
    .update('\0')
    .update(JSON.stringify([options.glossary ?? [], options.siteOrigin ?? '']))
    .digest('base64');
  const hit = state.html.get(key);
  if (hit !== undefined) return hit;
  const disk = diskCacheVersion();
  const diskKey = disk ? createHash('sha256').update(disk.version).update('\0').update(key).digest('hex') : '';
  let html = disk ? readDisk(disk.dir, diskKey) : undefined;
  if (html === undefined) {
    html = renderMarkdown(markdown, options);
    if (disk) writeDisk(disk.dir, diskKey, html);
  }
  if (state.html.size >= MAX_CACHED) state.html.delete(state.html.keys().next().value!);
  state.html.set(key, html);
  return html;
}
