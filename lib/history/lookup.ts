/**
 * A post's history as a page finds it: the post as it is now (when it is published), its
 * history from the build's file, and whether it was withdrawn.
 */
import { isSlug } from '../content/slug';
import type { Decision } from '../content/types';
import { getSiteRecords, type SiteRecords } from '../site';
import { withdrawalOf } from './changes';
import { historyOf, loadHistory } from './store';
import type { HistoryFile, PostHistory, PostVersion } from './types';

export interface FoundHistory {
  records: SiteRecords;
  file: HistoryFile;
  slug: string;
  /** The post as published now; absent for a withdrawn post. */
  decision?: Decision;
  history?: PostHistory;
  /** For a post deleted from the content after it was public. */
  withdrawal?: { published: PostVersion; withdrawn: PostVersion };
}

/**
 * A published post with whatever history it has, or a withdrawn one: a post whose last public
 * version was a withdrawal and which is not in the content at all (a post that is only a draft
 * or scheduled again is simply not found). Undefined for anything else.
 */
export async function findHistory(text: string): Promise<FoundHistory | undefined> {
  if (!isSlug(text)) return undefined;
  const records = await getSiteRecords();
  const file = loadHistory();
  const history = historyOf(text);
  const decision = records.indexes.bySlug.get(text);
  if (decision) return { records, file, slug: text, decision, ...(history ? { history } : {}) };
  if (!history || records.decisions.some((d) => d.slug === text)) return undefined;
  const withdrawal = withdrawalOf(history, records.visibility.now);
  return withdrawal ? { records, file, slug: text, history, withdrawal } : undefined;
}

/** A withdrawn post, or undefined. */
export async function findWithdrawn(text: string): Promise<FoundHistory | undefined> {
  const found = await findHistory(text);
  return found?.withdrawal ? found : undefined;
}
