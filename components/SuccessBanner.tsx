import type { ReactNode } from 'react';

/**
 * GOV.UK's success notification banner: what a form just did, said at the top of the page it
 * returns to, and announced (role="alert").
 */
export function SuccessBanner({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <div className="govuk-notification-banner govuk-notification-banner--success" role="alert" aria-labelledby={id}>
      <div className="govuk-notification-banner__header">
        <h2 className="govuk-notification-banner__title" id={id}>
          {title}
        </h2>
      </div>
      <div className="govuk-notification-banner__content">
        <p className="govuk-notification-banner__heading">{children}</p>
      </div>
    </div>
  );
}
