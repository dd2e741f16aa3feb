import type { Project } from '@/lib/content/types';
import { CalendarDateText } from './DateText';

/**
 * A project's business case: a link where its address is known; where it is not, says so
 * plainly and points to the council's committee papers instead of inventing an address. On a
 * decision's page, `decidedOn` (the decision's meeting or publication date) places the
 * approval before, at or after this decision, since a project's business case is often a
 * later decision than the one on the page.
 */
export function BusinessCaseLink({ project, committeeSite, decidedOn }: { project: Project; committeeSite: string; decidedOn?: string }) {
  const businessCase = project.businessCase;
  if (!businessCase) return <>No business case has been published for this project.</>;
  const when = businessCase.date && decidedOn ? (businessCase.date > decidedOn ? 'later, on ' : businessCase.date < decidedOn ? 'earlier, on ' : 'on ') : 'on ';
  const approved = businessCase.date ? (
    <>
      {', approved '}
      {when}
      <CalendarDateText date={businessCase.date} />
    </>
  ) : null;
  if (businessCase.url) {
    return (
      <>
        <a className="govuk-link" href={businessCase.url} rel="noopener noreferrer">
          {businessCase.title}
        </a>
        {approved}
      </>
    );
  }
  return (
    <>
      {businessCase.title}
      {approved}. We do not have a link to it. It may be among the{' '}
      <a className="govuk-link" href={committeeSite} rel="noopener noreferrer">
        council&rsquo;s committee papers
      </a>
      .
    </>
  );
}
