import type { Committee, Decision, Project } from '@/lib/content/types';
import { paths } from '@/lib/urls';
import { CalendarDateText } from './DateText';
import { BusinessCaseLink } from './BusinessCaseLink';
import { londonIsoDate } from '@/lib/dates';
import { DecisionItemRows, PaperLinks } from './DecisionItemRows';
import { RegisterFactRows } from './RegisterFacts';
import { DecisionRecordRows } from './DecisionRecordRows';
import type { Meeting } from '@/lib/meetings/derive';
import { makerMeets } from '@/lib/records/makers';
import { DecidedBy } from './DecidedBy';

/**
 * The facts of a post at a glance (GOV.UK summary list): who decided, when, and for each item
 * its subject, stage, outcome, papers, the business case of its project and the decision record.
 */
export function DecisionSummary({
  decision,
  committee,
  projects,
  committeeSite,
  meeting,
  glossary = new Set(),
  reasonsHtml,
}: {
  decision: Decision;
  committee: Committee;
  projects: Map<string, Project>;
  committeeSite: string;
  /** The meeting the post reports, where it gives a meeting date. */
  meeting?: Meeting;
  /** The glossary's slugs, to link the register fields' labels. */
  glossary?: ReadonlySet<string>;
  /** An item's reasons (Markdown) as sanitised HTML: lib/site.ts's bodyHtml. */
  reasonsHtml: (markdown: string) => string;
}) {
  return (
    <section aria-labelledby="summary-heading">
      <h2 className="govuk-heading-m" id="summary-heading">
        Summary of the decisions
      </h2>
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Decided by</dt>
          <dd className="govuk-summary-list__value">
            <DecidedBy committee={committee} glossary={glossary} />
          </dd>
        </div>
        {/* An officer or a cabinet member decides alone: no meeting is spoken of. */}
        {makerMeets(committee.kind) && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Meeting date</dt>
            <dd className="govuk-summary-list__value">
              {meeting ? (
                <>
                  <a className="govuk-link" href={paths.meeting(meeting.slug)}>
                    <CalendarDateText date={meeting.date} weekday />
                  </a>
                  {meeting.venue ? `, ${meeting.venue}` : ''}
                </>
              ) : decision.meeting ? (
                <CalendarDateText date={decision.meeting} weekday />
              ) : (
                'Not given in the post'
              )}
            </dd>
          </div>
        )}
      </dl>
      {decision.items.map((item, index) => {
        const project = item.project ? projects.get(item.project) : undefined;
        return (
          <div key={item.id} id={`item-${item.id}`}>
            <h3 className="govuk-heading-s">
              {decision.items.length > 1 ? `Decision ${index + 1}: ` : ''}
              {item.subject}
            </h3>
            <dl className="govuk-summary-list">
              <DecisionItemRows item={item} project={project} />
              {project?.businessCase && (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">The project&rsquo;s business case</dt>
                  <dd className="govuk-summary-list__value">
                    <BusinessCaseLink project={project} committeeSite={committeeSite} decidedOn={decision.meeting ?? londonIsoDate(decision.published)} />
                  </dd>
                </div>
              )}
              <RegisterFactRows item={item} glossary={glossary} />
              <DecisionRecordRows item={item} glossary={glossary} reasonsHtml={reasonsHtml} />
              {item.documents.length > 0 && (
                <div className="govuk-summary-list__row">
                  <dt className="govuk-summary-list__key">Papers</dt>
                  <dd className="govuk-summary-list__value">
                    <PaperLinks documents={item.documents} />
                  </dd>
                </div>
              )}
            </dl>
          </div>
        );
      })}
    </section>
  );
}
