import type { Metadata } from 'next';
import { alertPaths } from '@/lib/alerts/paths';

export const dynamic = 'force-dynamic';
export const metadata: Metadata = { title: 'Your email alerts are on', robots: { index: false } };

export default async function ConfirmedPage({ searchParams }: PageProps<'/alerts/confirmed'>) {
  const token = (await searchParams).token;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-xl">Your email alerts are on</h1>
        <p className="govuk-body">We will email you when a decision you follow is published. Every email has a link to change or stop your emails.</p>
        {typeof token === 'string' && (
          <p className="govuk-body">
            <a className="govuk-link" href={alertPaths.manage(token)}>
              Manage your emails
            </a>
          </p>
        )}
      </div>
    </div>
  );
}
