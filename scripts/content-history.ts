/**
 * npm run content:history; part of `npm run build` (scripts/build.ts, after the check): writes the history of every post
 * (lib/history) to .history/content-history.json, which the server reads and next.config.ts
 * copies into the standalone server. Where it comes from:
 *  - CONTENT_HISTORY_FILE=<file>: that file, a history a build with git wrote (a build from a
 *    tarball, without .git, can so serve the same history);
 *  - CONTENT_DIR=tests/fixtures/content (the tests' build): the tests' scripted history
 *    (tests/support/history-fixture.ts), never this repository's own;
 *  - otherwise the content folder's git history; with no git or no repository, a file that
 *    says no history is available (the pages then say so).
 */
import { writeBuildHistory } from './build/history';

process.stdout.write(`${(await writeBuildHistory()).message}\n`);
