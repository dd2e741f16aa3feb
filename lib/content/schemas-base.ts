import { z } from 'zod';
import { parseCalendarDate, parsePublicationDate } from '../dates';
import { urlProblem } from '../link-targets';
import { isSlug, MAX_SLUG_LENGTH, SLUG_PATTERN } from './slug';

/**
 * The building blocks of the content schemas (./schemas.ts, ./record-schemas.ts): text, dates,
 * slugs and web addresses, each with its plain-English messages. Kept apart so that the
 * schemas' modules can share them without importing each other.
 */

/** `YYYY-MM-DD`, month 01–12, day 01–31 (the check itself also rejects 2011-02-31). */
export const CALENDAR_DATE_PATTERN = '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$';

/** `YYYY-MM-DD`, or a date-time `YYYY-MM-DDTHH:MM[:SS]` with an optional `Z`/`±hh:mm` (London time when none). */
export const PUBLICATION_DATE_PATTERN =
  '^\\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])([T ]([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:?\\d{2})?)?$';

/** An http(s) address. The check itself (a real address with a domain) is stricter. */
export const HTTP_URL_PATTERN = '^https?://\\S';


/** YAML reads `title: 1984` as a number; a headline like that is still text. */
export const scalarToText = (value: unknown) => (typeof value === 'number' || typeof value === 'boolean' ? String(value) : value);

export const text = (max: number, description: string) =>
  z.preprocess(
    scalarToText,
    z.string().trim().min(1, 'This is empty. Write the text after the colon.').max(max, `This is too long: keep it to ${max} characters or fewer.`),
  ).describe(description);

/** gray-matter's own YAML engine gives `Date`s for unquoted dates; ours gives strings. Accept both. */
export const dateToText = (value: unknown) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value);

/** A calendar date, kept as the text `YYYY-MM-DD` (a meeting's date is a day, not an instant). */
export const calendarDate = (description: string) =>
  z.preprocess(
    dateToText,
    z
      .string()
      .refine((value) => parseCalendarDate(value) !== undefined, {
        error: (issue) => `'${String(issue.input)}' is not a real date. Write dates as YYYY-MM-DD, for example 2011-06-30.`,
      })
      .meta({ pattern: CALENDAR_DATE_PATTERN, examples: ['2011-06-30'] }),
  ).describe(description);

/**
 * A publication date or date-time (London time unless it says otherwise), as written; the
 * record's transform makes it the instant it names (parsePublicationDate).
 */
export const publicationDate = (description: string) =>
  z
    .preprocess(
      dateToText,
      z
        .string()
        .refine((value) => parsePublicationDate(value) !== undefined, {
          error: (issue) =>
            `'${String(issue.input)}' is not a real date. Write it as YYYY-MM-DD (2011-06-30), or with a London time as YYYY-MM-DDTHH:MM (2011-06-30T09:00).`,
        })
        .meta({ pattern: PUBLICATION_DATE_PATTERN, examples: ['2011-06-30', '2011-06-30T09:00'] }),
    )
    .describe(description);

export const slug = (what: string) =>
  z
    .string()
    .refine(isSlug, {
      error: (issue) => `'${String(issue.input)}' is not a valid ${what}: use lowercase letters, digits and single hyphens, like 'cabinet-resources-committee'.`,
    })
    .meta({ pattern: SLUG_PATTERN.source, maxLength: MAX_SLUG_LENGTH, description: 'A slug: lowercase letters, digits and single hyphens, like "adult-social-care"' });

/**
 * A list in which each value may appear once: a repeated tag would list the post twice on the
 * topic's page and in its feed. Each repeat is its own problem, on its own line.
 */
export const noRepeats =
  (what: string) =>
  (values: readonly string[], ctx: z.RefinementCtx): void => {
    const seen = new Set<string>();
    values.forEach((value, index) => {
      if (seen.has(value)) ctx.addIssue({ code: 'custom', path: [index], message: `'${value}' is listed twice: a post has each ${what} once, so remove this one.` });
      seen.add(value);
    });
  };

export const httpUrl = (description: string) =>
  z
    .string()
    .trim()
    .superRefine((value, ctx) => {
      const problem = urlProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({ pattern: HTTP_URL_PATTERN, examples: ['https://www.barnet.gov.uk/'] })
    .describe(description);
