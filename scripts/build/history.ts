/**
 * Part of `npm run build` (scripts/build.ts, after the check): writes the history of every post
 * (lib/history) to .history/content-history.json, which the server reads and next.config.ts
 * copies into the standalone server. Where it comes from:
 *  - CONTENT_HISTORY_FILE=<file>: that file, a history a build with git wrote (a build from a
 *    tarball, without .git, can so serve the same history);
 *  - CONTENT_DIR=tests/fixtures/content (the tests' build): the tests' scripted history
 *    (tests/support/history-fixture.ts), never this repository's own;
 *  - otherwise the content folder's git history; with no git or no repository, a file that
 *    says no history is available (the pages then say so).
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomically } from '../../lib/server/write-atomically';
import { withdrawalOf } from '../../lib/history/changes';
import { readContentHistory } from '../../lib/history/git';
import { HISTORY_BUILD_FILE, parseHistoryFile } from '../../lib/history/store';
import type { HistoryFile } from '../../lib/history/types';
import { contentRoot, FIXTURE_CONTENT_DIR } from '../../lib/server/runtime';
import { WITHDRAWN_FILE } from '../../cache-handler.mjs';

/** Writes the history (and the withdrawn posts) for the build; returns it, and what to say of it. */
export async function writeBuildHistory(): Promise<{ history: HistoryFile; message: string }> {
  const started = process.hrtime.bigint();
  let history: HistoryFile;
  let source: string;
  const given = process.env.CONTENT_HISTORY_FILE;
  if (given) {
    history = parseHistoryFile(readFileSync(given, 'utf8'), given);
    source = given;
  } else if (process.env.CONTENT_DIR === FIXTURE_CONTENT_DIR) {
    const { fixtureHistory } = await import('../../tests/support/history-fixture');
    history = await fixtureHistory(contentRoot());
    source = 'the tests\u2019 scripted history';
  } else {
    history = await readContentHistory(contentRoot());
    source = 'git';
  }
  writeFileAtomically(path.join(process.cwd(), HISTORY_BUILD_FILE), JSON.stringify(history));
  // The posts whose address answers 410 Gone (cache-handler.mjs): withdrawn after they were
  // public, and not in the content this build reads (a post put back is a post again).
  const now = new Date();
  const decisions = path.join(contentRoot(), 'decisions');
  const withdrawn = history.posts.filter((post) => withdrawalOf(post, now) && !existsSync(path.join(decisions, `${post.slug}.md`))).map((post) => post.slug);
  writeFileAtomically(path.join(process.cwd(), WITHDRAWN_FILE), `${JSON.stringify(withdrawn)}\n`);
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const versions = history.posts.reduce((n, p) => n + p.versions.length, 0);
  const message = history.available
    ? `History: ${history.posts.length} posts, ${versions} public versions, from ${source} (${Math.round(ms)} ms).`
    : `History: ${history.reason ?? 'none'}`;
  return { history, message };
}
