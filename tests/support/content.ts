/**
 * The content every test reads: tests/fixtures/content, a copy of the seeds' posts (plus any
 * hard case a test needs), never content/, which comms staff change every day and which only
 * `npm run content:check` and the build judge. The path comes from the site's own
 * contentRoot(), so tests and servers agree on it.
 */
import { contentRoot, FIXTURE_CONTENT_DIR } from '../../lib/server/runtime';

export { FIXTURE_CONTENT_DIR };

/** The absolute path of the fixture content folder. */
export const FIXTURE_CONTENT = contentRoot({ CONTENT_DIR: FIXTURE_CONTENT_DIR });
