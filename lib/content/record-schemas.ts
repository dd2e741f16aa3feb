import { z } from 'zod';
import { calendarDate, httpUrl, text } from './schemas-base';

/**
 * The decision record the law asks for (docs/content-model.md, "The decision record the law asks
 * for"): the optional item fields a written record of an executive or officer decision gives
 * (the Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England)
 * Regulations 2012, reg. 13; the Openness of Local Government Bodies Regulations 2014, reg. 7).
 * Defined once here and spread into decisionItemSchema (./schemas.ts); the page, the open data,
 * JSON-LD, feeds, search, alerts and the editor all derive from these definitions.
 */

export const URGENCIES = ['general-exception', 'special-urgency'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const VALUE_KINDS = ['spend', 'saving', 'income'] as const;
export type ValueKind = (typeof VALUE_KINDS)[number];

/** Part 1 of Schedule 12A to the Local Government Act 1972 has seven paragraphs (in England). */
export const EXEMPT_PARAGRAPHS = 7;

/**
 * The largest amount taken: a trillion pounds. Below it every amount with pence is exact in a
 * JavaScript number, so what the post says is what the page, the data and the feeds say.
 */
export const MAX_AMOUNT = 1_000_000_000_000;

/** Digits, with at most two after the point: pounds, or pounds and pence. Run on a number's own short text only. */
const POUNDS_AND_PENCE = /^\d+(\.\d{1,2})?$/;

export const amountSchema = z
  .number()
  .min(0, 'An amount cannot be negative: write the amount as a positive number, and say whether it is spend, saving or income in kind.')
  .max(MAX_AMOUNT, 'This is more than a trillion pounds: is a zero too many?')
  .refine((amount) => !Number.isFinite(amount) || amount < 0 || amount > MAX_AMOUNT || POUNDS_AND_PENCE.test(String(amount)), {
    error: (issue) =>
      `${String(issue.input)} has more than two decimal places: write pounds, or pounds and pence, like 1250000 or 1250.50.`,
  })
  .meta({ examples: [1250000, 1250.5] })
  .describe('The amount in pounds, in digits only (no £ sign or commas), like 1250000 or 1250.50');

export const valueSchema = z
  .strictObject({
    amount: amountSchema,
    kind: z.enum(VALUE_KINDS).describe('"spend" (money the decision commits), "saving" (money it saves) or "income" (money it raises)'),
    period: text(60, 'The period the amount covers, as it reads after the amount, e.g. "over five years" or "a year" (optional)').optional(),
  })
  .describe('The money the decision commits, saves or raises');

export const interestSchema = z
  .strictObject({
    member: text(120, 'Who declared it, e.g. "Councillor Jane Smith"'),
    interest: text(500, 'The interest declared, in a sentence'),
    dispensation: text(500, 'Any dispensation the standards officer granted, in a sentence (optional)').optional(),
  })
  .describe('A conflict of interest declared by anyone consulted on the decision');

export const exemptSchema = z
  .strictObject({
    paragraph: z
      .number()
      .int('Give the paragraph as a whole number from 1 to 7.')
      .min(1, `Schedule 12A has paragraphs 1 to ${EXEMPT_PARAGRAPHS}: give one of them.`)
      .max(EXEMPT_PARAGRAPHS, `Schedule 12A has paragraphs 1 to ${EXEMPT_PARAGRAPHS}: give one of them.`)
      .meta({ examples: [3] })
      .describe('The paragraph of Part 1 of Schedule 12A to the Local Government Act 1972 that the withheld information falls under (1 to 7)'),
    note: text(500, 'What was withheld, in a sentence, e.g. "The bidders\' prices" (optional)').optional(),
  })
  .describe('Information withheld from the public as exempt information; the rest of the decision is public');

export const contractSchema = z
  .strictObject({
    reference: text(100, "The contract's own reference (optional)").optional(),
    url: httpUrl("The address of the contract's notice on Contracts Finder or Find a Tender (optional)").optional(),
    ocid: text(100, 'The Open Contracting id of the contract, e.g. "ocds-b5fd17-1234" (optional)').optional(),
  })
  .describe('The contract the decision awards or changes');

/** The record's item fields, in the order a form shows them and a new file is written. */
export const decisionRecordFields = {
  reasons: text(5000, 'Why the decision was taken (Markdown: links and emphasis, no headings)').optional(),
  alternatives: z.array(text(1000, 'One option considered and rejected, with why')).optional().describe('Each option considered and rejected, with why'),
  interests: z.array(interestSchema).optional().describe('Conflicts of interest declared, and any dispensation granted'),
  exempt: exemptSchema.optional(),
  urgency: z
    .enum(URGENCIES)
    .optional()
    .describe('For a key decision taken without the usual 28 clear days\' notice: "general-exception" (regulation 10) or "special-urgency" (regulation 11)'),
  noticeDate: calendarDate('When the key decision was first published in the forward plan (YYYY-MM-DD)').optional(),
  value: valueSchema.optional(),
  supplier: text(200, 'Who is contracted, for a contract award, e.g. "Capita plc"').optional(),
  contract: contractSchema.optional(),
};

/**
 * The record's checks across fields of one post: a key decision's notice is published before it
 * is taken, so an item's notice date after the meeting is a typing mistake.
 */
export function recordDateProblems(post: { meeting?: string; decisions: ReadonlyArray<{ noticeDate?: string }> }, ctx: z.RefinementCtx): void {
  const { meeting } = post;
  if (meeting === undefined) return;
  post.decisions.forEach((item, index) => {
    if (item.noticeDate !== undefined && item.noticeDate > meeting) {
      ctx.addIssue({
        code: 'custom',
        path: ['decisions', index, 'noticeDate'],
        message: `The notice date ${item.noticeDate} is after the meeting (${meeting}): a key decision's notice is published before it is taken. Is the date right?`,
      });
    }
  });
}
