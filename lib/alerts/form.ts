/**
 * The subscription form's vocabulary: its fields' error messages by code, and the `follow`
 * value that names what a resident follows (every decision, a committee, a project, a topic).
 */
import type { Committee, Project } from '../content/types';
import { isSlug } from '../content/slug';
import { tagLabel } from '../records/labels';
import type { Subject } from './types';

export type FormFields = Record<string, string | undefined>;

export interface FieldError {
  field: 'email' | 'follow' | 'frequency';
  message: string;
}

/** The form's errors by code (the result page is told codes, never the address typed). */
export const FORM_ERRORS = {
  'email-missing': { field: 'email', message: 'Enter your email address' },
  'email-format': { field: 'email', message: 'Enter an email address in the correct format, like name@example.com' },
  // Pasted addresses sometimes carry invisible characters; saying so is more use than "format".
  'email-hidden': {
    field: 'email',
    message: 'Your email address has a hidden character in it (often from copying and pasting). Type the address again',
  },
  follow: { field: 'follow', message: 'Select what you want emails about' },
  frequency: { field: 'frequency', message: 'Select how often you want emails' },
} as const satisfies Record<string, FieldError>;
export type FormErrorCode = keyof typeof FORM_ERRORS;

/**
 * The errors a result page's `e` parameters name, each once, in the order given; anything else
 * is ignored. Object.hasOwn, not `in`: `?e=toString` names a property every object inherits.
 */
export function formErrorsFrom(codes: string | string[] | undefined): FieldError[] {
  const known = [codes ?? []].flat().filter((code): code is FormErrorCode => Object.hasOwn(FORM_ERRORS, code));
  return [...new Set(known)].map((code) => FORM_ERRORS[code]);
}

export function formErrorCode(error: FieldError): FormErrorCode {
  return (Object.keys(FORM_ERRORS) as FormErrorCode[]).find((code) => FORM_ERRORS[code].message === error.message)!;
}

export type SubscribeResult =
  | { kind: 'accepted' }
  | { kind: 'invalid'; errors: FieldError[]; values: { email: string; follow: string; frequency: string; corrections: boolean; planned: boolean } }
  | { kind: 'rate-limited' }
  /** Too many confirmation emails are waiting to be confirmed, at this address's domain or everywhere. */
  | { kind: 'busy'; cap: 'domain' | 'site' };

/** `all`, `committee:<slug>`, `project:<slug>`, `tag:<slug>`. */
export function parseFollow(value: string | undefined): Subject | undefined {
  if (value === 'all') return { kind: 'all', slug: '' };
  const match = /^(committee|project|tag):(.+)$/.exec(value ?? '');
  if (!match || !isSlug(match[2]!)) return undefined;
  return { kind: match[1] as Subject['kind'], slug: match[2]! };
}

export function followValue(subject: Subject): string {
  return subject.kind === 'all' ? 'all' : `${subject.kind}:${subject.slug}`;
}

export function describeSubject(content: { committees: ReadonlyMap<string, Committee>; projects: ReadonlyMap<string, Project> }, subject: Subject): string {
  switch (subject.kind) {
    case 'all':
      return 'every decision';
    case 'committee':
      return content.committees.get(subject.slug)?.name ?? subject.slug;
    case 'project':
      return content.projects.get(subject.slug)?.name ?? subject.slug;
    case 'tag':
      return `the topic “${tagLabel(subject.slug)}”`;
  }
}
