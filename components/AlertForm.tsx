import { alertPaths } from '@/lib/alerts/paths';
import type { ReactNode } from 'react';
import type { FieldError } from '@/lib/alerts/service';

export interface FollowOption {
  value: string;
  label: string;
  group?: string;
}

export interface AlertFormValues {
  email?: string;
  follow?: string;
  frequency?: string;
  corrections?: boolean;
  planned?: boolean;
}

const FREQUENCY_CHOICES = [
  { value: 'immediate', label: 'As it happens', hint: 'One email for each decision, within a few minutes' },
  { value: 'daily', label: 'Once a day', hint: 'A digest at 8:30am, if anything is new' },
  { value: 'weekly', label: 'Once a week', hint: 'A digest on Saturdays at 8:30am, if anything is new' },
];

/**
 * "Get emails about this": a plain HTML form posting to a route handler, so it works without
 * JavaScript and the page that carries it stays static and cacheable. `follow` is fixed (a
 * committee, project or topic page) or chosen from `options` (/alerts).
 */
export function AlertForm({
  follow,
  what,
  options,
  values = {},
  errors = [],
  headingLevel = 2,
}: {
  follow?: string;
  what?: string;
  options?: FollowOption[];
  values?: AlertFormValues;
  errors?: FieldError[];
  headingLevel?: 2 | 3;
}) {
  const error = (field: FieldError['field']) => errors.find((e) => e.field === field);
  const emailError = error('email');
  const followError = error('follow');
  const frequencyError = error('frequency');
  const frequency = values.frequency ?? 'immediate';
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  const groups = [...new Set((options ?? []).map((o) => o.group ?? ''))];
  return (
    <form className="alert-form" action={alertPaths.subscribe()} method="post" noValidate aria-labelledby="alerts-heading">
      <Heading className="govuk-heading-m" id="alerts-heading">
        {what ? `Get emails about ${what}` : 'Get emails about this'}
      </Heading>
      {follow && <input type="hidden" name="follow" value={follow} />}
      {options && (
        <div className={`govuk-form-group${followError ? ' govuk-form-group--error' : ''}`}>
          <label className="govuk-label" htmlFor="alerts-follow">
            What do you want emails about?
          </label>
          {followError && <FieldErrorMessage id="alerts-follow-error" error={followError} />}
          <select
            className={`govuk-select${followError ? ' govuk-select--error' : ''}`}
            id="alerts-follow"
            name="follow"
            defaultValue={values.follow ?? 'all'}
            aria-describedby={followError ? 'alerts-follow-error' : undefined}
          >
            {groups.map((group) =>
              group ? (
                <optgroup key={group} label={group}>
                  {options
                    .filter((o) => o.group === group)
                    .map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                </optgroup>
              ) : (
                options
                  .filter((o) => !o.group)
                  .map((o) => (
                    <option key={o.value} value={o.value}>
                      {o.label}
                    </option>
                  ))
              ),
            )}
          </select>
        </div>
      )}
      <div className={`govuk-form-group${emailError ? ' govuk-form-group--error' : ''}`}>
        <label className="govuk-label" htmlFor="alerts-email">
          Email address
        </label>
        {emailError && <FieldErrorMessage id="alerts-email-error" error={emailError} />}
        <input
          className={`govuk-input${emailError ? ' govuk-input--error' : ''}`}
          id="alerts-email"
          name="email"
          type="email"
          spellCheck={false}
          autoComplete="email"
          defaultValue={values.email}
          aria-describedby={emailError ? 'alerts-email-error' : undefined}
        />
      </div>
      <div className={`govuk-form-group${frequencyError ? ' govuk-form-group--error' : ''}`}>
        <fieldset className="govuk-fieldset" aria-describedby={frequencyError ? 'alerts-frequency-error' : undefined}>
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">How often?</legend>
          {frequencyError && (
            <p id="alerts-frequency-error" className="govuk-error-message">
              <span className="govuk-visually-hidden">Error:</span> {frequencyError.message}
            </p>
          )}
          <div className="govuk-radios govuk-radios--small">
            {FREQUENCY_CHOICES.map((choice, i) => {
              const id = i === 0 ? 'alerts-frequency' : `alerts-frequency-${choice.value}`;
              return (
                <div className="govuk-radios__item" key={choice.value}>
                  <input
                    className="govuk-radios__input"
                    id={id}
                    name="frequency"
                    type="radio"
                    value={choice.value}
                    defaultChecked={frequency === choice.value}
                    aria-describedby={`${id}-hint`}
                  />
                  <label className="govuk-label govuk-radios__label" htmlFor={id}>
                    {choice.label}
                  </label>
                  <div id={`${id}-hint`} className="govuk-hint govuk-radios__hint">
                    {choice.hint}
                  </div>
                </div>
              );
            })}
          </div>
        </fieldset>
      </div>
      <CorrectionsCheckbox id="alerts-corrections" checked={values.corrections}>
        Corrections too (when a published post is corrected)
      </CorrectionsCheckbox>
      {/* A topic cannot follow the forward plan: its agenda items have committees and projects, not topics. */}
      {!follow?.startsWith('tag:') && (
        <PlannedCheckbox
          id="alerts-planned"
          checked={values.planned}
          hint={`An email when a key decision is first added to the forward plan, before the meeting that takes it${options ? ' (not for topics)' : ''}`}
        />
      )}
      <p className="govuk-body-s">
        We keep your email address and what you follow only to send these emails, with no tracking.{' '}
        <a className="govuk-link" href={alertPaths.privacy()}>
          What we keep and why
        </a>
      </p>
      <button type="submit" className="govuk-button">
        Get emails
      </button>
    </form>
  );
}

/** GOV.UK's error summary: the first thing on the page, each message linking to its field. */
export function AlertErrorSummary({ errors }: { errors: FieldError[] }) {
  if (errors.length === 0) return null;
  const target: Record<FieldError['field'], string> = { email: '#alerts-email', follow: '#alerts-follow', frequency: '#alerts-frequency' };
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h2 className="govuk-error-summary__title">There is a problem</h2>
        <div className="govuk-error-summary__body">
          <ul className="govuk-list govuk-error-summary__list">
            {errors.map((e) => (
              <li key={e.field}>
                <a href={target[e.field]}>{e.message}</a>
              </li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}

/** GOV.UK's error message beside a field: the field's aria-describedby names `id`. */
function FieldErrorMessage({ id, error }: { id: string; error: FieldError }) {
  return (
    <p id={id} className="govuk-error-message">
      <span className="govuk-visually-hidden">Error:</span> {error.message}
    </p>
  );
}

/** The "corrections too" choice, on the subscription form and on each subscription of the manage page. */
export function CorrectionsCheckbox({ id, checked, children }: { id: string; checked: boolean | undefined; children: ReactNode }) {
  return (
    <YesCheckbox id={id} name="corrections" checked={checked}>
      {children}
    </YesCheckbox>
  );
}

/**
 * "Also tell me when a key decision is planned": on the subscription form and on each
 * subscription of the manage page that can follow the forward plan (not a topic's).
 */
export function PlannedCheckbox({ id, checked, hint }: { id: string; checked: boolean | undefined; hint?: string }) {
  return (
    <YesCheckbox id={id} name="planned" checked={checked} hint={hint}>
      Also tell me when a key decision is planned
    </YesCheckbox>
  );
}

/** One GOV.UK checkbox that sends `name=yes` when ticked (a plain form field: no JavaScript needed). */
function YesCheckbox({ id, name, checked, hint, children }: { id: string; name: string; checked: boolean | undefined; hint?: string; children: ReactNode }) {
  return (
    <div className="govuk-form-group">
      <div className="govuk-checkboxes govuk-checkboxes--small">
        <div className="govuk-checkboxes__item">
          <input
            className="govuk-checkboxes__input"
            id={id}
            name={name}
            type="checkbox"
            value="yes"
            defaultChecked={checked}
            aria-describedby={hint ? `${id}-hint` : undefined}
          />
          <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
            {children}
          </label>
          {hint && (
            <div id={`${id}-hint`} className="govuk-hint govuk-checkboxes__hint">
              {hint}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
