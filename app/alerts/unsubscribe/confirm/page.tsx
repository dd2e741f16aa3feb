import type { Metadata } from 'next';
import { getAlerts } from '@/lib/alerts/site-alerts';
import { alertPaths } from '@/lib/alerts/paths';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Unsubscribe', robots: { index: false } };

/** Where a GET of the List-Unsubscribe address leads: a button, because mail software prefetches links. */
export default async function UnsubscribePage({ searchParams }: PageProps<'/alerts/unsubscribe/confirm'>) {
  const token = (await searchParams).token;
  const state = await getAlerts();
  const valid = state.ok && typeof token === 'string' && state.alerts.validUnsubscribeToken(token);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Unsubscribe</h1>
        {valid ? (
          <>
            <p className="govuk-body">Stop the emails this link came in?</p>
            <form action={alertPaths.unsubscribe(token as string)} method="post">
              <button type="submit" className="govuk-button govuk-button--warning">
                Unsubscribe
              </button>
            </form>
          </>
        ) : (
          <p className="govuk-body">This unsubscribe link is not valid.</p>
        )}
      </div>
    </div>
  );
}
