import type { Metadata } from 'next';
import { AlertsStartLink } from '@/components/AlertsStartLink';

export const metadata: Metadata = { title: 'This link no longer works', robots: { index: false } };

export default function LinkExpiredPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">This link no longer works</h1>
        <p className="govuk-body">Confirmation links work for 7 days. A link also stops working once the subscription it was for has ended.</p>
        <AlertsStartLink>Ask for email alerts again</AlertsStartLink>
      </div>
    </div>
  );
}
