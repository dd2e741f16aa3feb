import path from 'node:path';

/**
 * Facts about where and when the site runs. Kept apart so tests and tools can pass their own.
 * The content folder is a literal beside the working directory: never built from a request.
 */
export function contentRoot(): string {
  // A development server (the preview, the editor) may be pointed at another folder: the
  // editor's browser tests work on a temporary copy of their fixtures. A production build
  // reads only its own folder.
  if (process.env.NODE_ENV === 'development' && process.env.CONTENT_DIR) return path.resolve(/* turbopackIgnore: true */ process.env.CONTENT_DIR);
  // Not traced by Turbopack (10,000 files); next.config.ts's outputFileTracingIncludes ships it.
  return path.join(/* turbopackIgnore: true */ process.cwd(), 'content');
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

type Environment = Readonly<Record<string, string | undefined>>;

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
