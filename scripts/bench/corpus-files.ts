/** Reads the real committees, projects and glossary, and writes a synthetic corpus to disk. */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { collectContent } from '../../lib/content/collect';
import { makerMeets } from '../../lib/content/makers';
import { readContentDir } from '../../lib/content/read-content-dir';
import { postToHugoMarkdown, postToMarkdown, type CorpusContext, type SyntheticPost } from './corpus';

export async function loadCorpusContext(contentDir: string): Promise<CorpusContext> {
  const content = collectContent(await readContentDir(contentDir));
  return {
    committees: [...content.committees.values()]
      .map((c) => ({ slug: c.slug, name: c.name, meets: makerMeets(c.kind) }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
    projects: [...content.projects.values()]
      .map((p) => ({ slug: p.slug, name: p.name, ...(p.shortName ? { shortName: p.shortName } : {}), hasBusinessCase: Boolean(p.businessCase) }))
      .sort((a, b) => a.slug.localeCompare(b.slug)),
    glossaryPhrases: [...content.glossary.values()].sort((a, b) => a.slug.localeCompare(b.slug)).flatMap((t) => [t.term, ...t.aliases]),
  };
}

async function writeAll(dir: string, files: Array<[name: string, text: string]>): Promise<void> {
  const batch = 256;
  for (let i = 0; i < files.length; i += batch) {
    await Promise.all(files.slice(i, i + batch).map(([name, text]) => writeFile(path.join(dir, name), text)));
  }
}

/** Replaces content/decisions with the corpus (committees, projects and glossary stay). */
export async function writeCorpus(contentDir: string, posts: SyntheticPost[]): Promise<void> {
  const dir = path.join(contentDir, 'decisions');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await writeAll(
    dir,
    posts.map((p) => [`${p.slug}.md`, postToMarkdown(p)]),
  );
}

export async function writeHugoPosts(hugoContentDir: string, posts: SyntheticPost[]): Promise<void> {
  const dir = path.join(hugoContentDir, 'decisions');
  await mkdir(dir, { recursive: true });
  await writeAll(
    dir,
    posts.map((p) => [`${p.slug}.md`, postToHugoMarkdown(p)]),
  );
}

export async function countFiles(dir: string): Promise<number> {
  return (await readdir(dir)).length;
}
