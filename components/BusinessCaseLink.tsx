import type { Project } from '@/lib/content/types';
import { CalendarDateText } from './DateText';

/**
 * A project's business case: a link where its address is known; where it is not, says so
 * plainly and points to the council's committee papers instead of inventing an address.
 */
export function BusinessCaseLink({ project, committeeSite }: { project: Project; committeeSite: string }) {
  const businessCase = project.businessCase;
  if (!businessCase) return <>No business case has been published for this project.</>;
  const dated = businessCase.date ? (
    <>
      {' '}
      (approved <CalendarDateText date={businessCase.date} />)
    </>
  ) : null;
  if (businessCase.url) {
    return (
      <>
        <a className="govuk-link" href={businessCase.url} rel="noopener noreferrer">
          {businessCase.title}
        </a>
        {dated}
      </>
    );
  }
  return (
    <>
      {businessCase.title}
      {dated}. Its web address is not known to us: look for it in the{' '}
      <a className="govuk-link" href={committeeSite} rel="noopener noreferrer">
        council&rsquo;s committee papers
      </a>
      .
    </>
  );
}
