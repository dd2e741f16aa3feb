import path from 'node:path';

/**
 * Facts about where and when the site runs. Kept apart so tests and tools can pass their own.
 */

/** `CONTENT_DIR` for the tests' own content (a copy of the seeds' posts plus hard cases). */
export const FIXTURE_CONTENT_DIR = 'tests/fixtures/content';

type Environment = Readonly<Record<string, string | undefined>>;

/**
 * The content folder: `content/` beside the working directory, or the tests' fixture copy when
 * `CONTENT_DIR=tests/fixtures/content` (the unit tests, and the browser tests' build and
 * servers), so that a post comms staff add never changes a test's answer. Only those two
 * literals, never a path taken from the environment or a request: Turbopack would trace the
 * whole project for a folder it cannot see ("Dynamic filesystem access"), and any other value
 * is refused rather than silently building content/.
 */
export function contentRoot(env: Environment = process.env): string {
  const chosen = env.CONTENT_DIR;
  // A development server (the preview, the editor) may be pointed at any folder: the editor's
  // browser tests work on a temporary copy of their fixtures. A production build reads only
  // content/ or the tests' fixture copy, below.
  if (env.NODE_ENV === 'development' && chosen && chosen !== FIXTURE_CONTENT_DIR && chosen !== 'content') {
    return path.resolve(/* turbopackIgnore: true */ chosen);
  }
  // Not traced by Turbopack (10,000 files): `npm run build` copies it into .next/standalone
  // (scripts/build/standalone-content.ts).
  if (chosen === FIXTURE_CONTENT_DIR) return path.join(/* turbopackIgnore: true */ process.cwd(), 'tests', 'fixtures', 'content');
  if (!chosen || chosen === 'content') return path.join(/* turbopackIgnore: true */ process.cwd(), 'content');
  throw new Error(`CONTENT_DIR=${chosen.slice(0, 80)}: the content folder is content/ (CONTENT_DIR unset) or ${FIXTURE_CONTENT_DIR} (the tests' fixture).`);
}

/** Inside `next build` (its render workers): where the build's caches and its small heaps apply. */
export function inNextBuild(env: Environment = process.env): boolean {
  return env.NEXT_PHASE === 'phase-production-build';
}

/** The local preview (`npm run dev`) shows drafts and scheduled posts; production never. */
export function isPreview(): boolean {
  return process.env.NODE_ENV === 'development';
}

/**
 * Set beside `SITE_NOW` by the test suites that fix the clock of a production build
 * (playwright.config.ts). Without it a production server refuses `SITE_NOW`.
 */
export const FIXED_CLOCK_ACKNOWLEDGED = 'SITE_NOW_FOR_TESTS';

/**
 * Why this process must not run with its clock as set, or undefined when it may. `SITE_NOW`
 * decides what is published: in a production build or server it would publish embargoed posts
 * early (or hide live ones), so there it is refused unless a test says it means it.
 */
export function fixedClockProblem(env: Environment = process.env): string | undefined {
  if (!env.SITE_NOW || env.NODE_ENV !== 'production' || env[FIXED_CLOCK_ACKNOWLEDGED] === '1') return undefined;
  return `SITE_NOW is set (${env.SITE_NOW.slice(0, 40)}): it fixes the clock that decides which posts are published, so a live site would publish scheduled posts early or hide published ones. Unset SITE_NOW to run this production build (tests that mean it also set ${FIXED_CLOCK_ACKNOWLEDGED}=1).`;
}

/**
 * The current time. `SITE_NOW` (an ISO date-time) fixes the clock, so tests can show that a
 * scheduled post appears when its time comes without waiting for it; a production build or
 * server refuses it (fixedClockProblem), and throws rather than publish by a clock it was not
 * meant to have.
 */
export function currentTime(env: Environment = process.env): Date {
  const fixed = env.SITE_NOW;
  if (fixed) {
    const problem = fixedClockProblem(env);
    if (problem) throw new Error(problem);
    const date = new Date(fixed);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return new Date();
}
