import type { ReactNode } from 'react';
import { alertPaths } from '@/lib/alerts/paths';

/** The way back to the alerts form, at the end of every page an email's link leads to. */
export function AlertsStartLink({ children }: { children: ReactNode }) {
  return (
    <p className="govuk-body">
      <a className="govuk-link" href={alertPaths.start()}>
        {children}
      </a>
    </p>
  );
}
