import type { Metadata } from 'next';
import { alertPaths } from '@/lib/alerts/paths';

export const metadata: Metadata = { title: 'Check your email', robots: { index: false } };

/** The one answer to every valid request: it never says whether the address was known. */
export default function CheckYourEmailPage() {
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Check your email</h1>
        <p className="govuk-body-l">If the address can receive our emails, we have sent it a link to confirm. Nothing is sent until you use that link.</p>
        <p className="govuk-body">The link works for 7 days. If nothing arrives within a few minutes, look in your spam or junk folder.</p>
        <p className="govuk-body">
          <a className="govuk-link" href={alertPaths.privacy()}>
            What we keep and why
          </a>
        </p>
      </div>
    </div>
  );
}
