import type { Metadata } from 'next';
import { AlertsStartLink } from '@/components/AlertsStartLink';
import { getAlerts } from '@/lib/alerts/site-alerts';
import { frequencyLabel } from '@/lib/alerts/email';
import { alertPaths } from '@/lib/alerts/paths';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Confirm your email alerts', robots: { index: false } };

/**
 * Where the confirmation email's link leads. Opening it (or a mail scanner prefetching it)
 * changes nothing: the button posts the confirmation.
 */
const sentenceCase = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

export default async function ConfirmPage({ searchParams }: PageProps<'/alerts/confirm'>) {
  const token = (await searchParams).token;
  const state = await getAlerts();
  const check = state.ok && typeof token === 'string' ? await state.alerts.describeConfirmation(token) : undefined;
  if (!check?.ok || typeof token !== 'string') {
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">This link no longer works</h1>
          <p className="govuk-body">
            {check && !check.ok && check.reason === 'expired'
              ? 'Confirmation links work for 7 days, and this one has expired.'
              : 'This confirmation link is not valid.'}
          </p>
          <AlertsStartLink>Ask for email alerts again</AlertsStartLink>
        </div>
      </div>
    );
  }
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Confirm your email alerts</h1>
        <p className="govuk-body">You asked for:</p>
        <dl className="govuk-summary-list">
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Emails about</dt>
            <dd className="govuk-summary-list__value">{check.what ?? 'the decisions you chose'}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">How often</dt>
            <dd className="govuk-summary-list__value">{sentenceCase(frequencyLabel(check.frequency))}</dd>
          </div>
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Corrections</dt>
            <dd className="govuk-summary-list__value">{check.corrections ? 'Yes, when a published post is corrected' : 'No'}</dd>
          </div>
          {check.planned !== undefined && (
            <div className="govuk-summary-list__row">
              <dt className="govuk-summary-list__key">Key decisions planned</dt>
              <dd className="govuk-summary-list__value">{check.planned ? 'Yes, when a key decision is first added to the forward plan' : 'No'}</dd>
            </div>
          )}
        </dl>
        <p className="govuk-body">Confirm to start these emails.</p>
        <form action={alertPaths.confirmSubmit()} method="post">
          <input type="hidden" name="token" value={token} />
          <button type="submit" className="govuk-button">
            Confirm
          </button>
        </form>
      </div>
    </div>
  );
}
