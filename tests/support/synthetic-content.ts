/**
 * The tests' fixture content with `count` synthetic posts of the bench corpus added (published
 * 2012–2013), for tests that need more posts than the fixture holds (search at scale).
 */
import { collectContent, type ContentSet } from '../../lib/content/collect';
import { readContentDir } from '../../lib/content/read-content-dir';
import { generatePosts, postToMarkdown } from '../../scripts/bench/corpus';
import { loadCorpusContext } from '../../scripts/bench/corpus-files';
import { textFile } from '../unit/helpers';
import { FIXTURE_CONTENT } from './content';

export async function fixtureWithSyntheticPosts(count: number, seed: number): Promise<ContentSet> {
  const files = await readContentDir(FIXTURE_CONTENT);
  const posts = generatePosts(await loadCorpusContext(FIXTURE_CONTENT), { count, seed, from: '2012-01-02', to: '2013-12-30' });
  return collectContent({ ...files, decisions: [...files.decisions, ...posts.map((p) => textFile(`content/decisions/${p.slug}.md`, postToMarkdown(p)))] });
}
