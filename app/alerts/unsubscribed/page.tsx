import type { Metadata } from 'next';
import { AlertsStartLink } from '@/components/AlertsStartLink';

export const metadata: Metadata = { title: 'You are unsubscribed', robots: { index: false } };

export default function UnsubscribedPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">You are unsubscribed</h1>
        <p className="govuk-body">We will not send you those emails again. If that was your last subscription, we have deleted your email address.</p>
        <AlertsStartLink>Get email alerts</AlertsStartLink>
      </div>
    </div>
  );
}
