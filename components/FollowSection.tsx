import type { ReactNode } from 'react';

/**
 * The ways to follow something (feeds, email, calendar), folded into one GOV.UK details
 * component: a <details> opens without JavaScript, and the boxes no longer fill a phone's
 * screen before the page's own content. Wide screens set the boxes side by side.
 */
export function FollowSection({ summary, children }: { summary: string; children: ReactNode }) {
  return (
    <details className="govuk-details follow-section">
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">{summary}</span>
      </summary>
      <div className="govuk-details__text follow-section__boxes">{children}</div>
    </details>
  );
}
