import path from 'node:path';

/**
 * Facts about where and when the site runs. Kept apart so tests and tools can pass their own.
 * The content folder is a literal beside the working directory: never built from a request.
 */
export function contentRoot(): string {
  // Not traced by Turbopack (10,000 files); next.config.ts's outputFileTracingIncludes ships it.
  return path.join(/* turbopackIgnore: true */ process.cwd(), 'content');
}

/** The local preview (`npm run dev`) shows drafts and scheduled posts; production never. */
export function isPreview(): boolean {
  return process.env.NODE_ENV === 'development';
}

/**
 * The current time. `SITE_NOW` (an ISO date-time) fixes the clock, so tests can show that a
 * scheduled post appears when its time comes without waiting for it.
 */
export function currentTime(): Date {
  const fixed = process.env.SITE_NOW;
  if (fixed) {
    const date = new Date(fixed);
    if (!Number.isNaN(date.getTime())) return date;
  }
  return new Date();
}
