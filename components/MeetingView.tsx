import type { Committee, Project } from '@/lib/content/types';
import { stageLabels } from '@/lib/records/labels';
import { formatMeetingTime, isUpcoming, type Meeting } from '@/lib/meetings';
import { paths } from '@/lib/urls';
import { KEY_DECISION_TERM } from '@/lib/records/register';
import type { AgendaItem } from '@/lib/content/types';
import { CalendarDateText } from './DateText';
import { DecisionItemRows, PaperLinks, ProjectLink } from './DecisionItemRows';
import { RegisterFactRows } from './RegisterFacts';

/** The facts of one meeting: who met, when and where, then what it decided or will consider. */
export function MeetingView({
  meeting,
  committee,
  projects,
  glossary,
  today,
  committeeSite,
}: {
  meeting: Meeting;
  committee: Committee;
  projects: Map<string, Project>;
  glossary: ReadonlySet<string>;
  today: string;
  committeeSite: string;
}) {
  const upcoming = isUpcoming(meeting, today);
  return (
    <>
      {meeting.cancelled && (
        <div className="govuk-warning-text">
          <span className="govuk-warning-text__icon" aria-hidden="true">
            !
          </span>
          <strong className="govuk-warning-text__text">
            <span className="govuk-visually-hidden">Warning</span>
            This meeting has been cancelled.
          </strong>
        </div>
      )}
      <dl className="govuk-summary-list">
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Committee</dt>
          <dd className="govuk-summary-list__value">
            <a className="govuk-link" href={paths.committee(committee.slug)}>
              {committee.name}
            </a>
          </dd>
        </div>
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Date</dt>
          <dd className="govuk-summary-list__value">
            <CalendarDateText date={meeting.date} weekday />
          </dd>
        </div>
        {meeting.time && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Time</dt>
            <dd className="govuk-summary-list__value">
              <time dateTime={`${meeting.date}T${meeting.time}`}>{formatMeetingTime(meeting.time)}</time> (London time)
            </dd>
          </div>
        )}
        {meeting.venue && (
          <div className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">Venue</dt>
            <dd className="govuk-summary-list__value">{meeting.venue}</dd>
          </div>
        )}
        <div className="govuk-summary-list__row">
          <dt className="govuk-summary-list__key">Papers</dt>
          <dd className="govuk-summary-list__value">
            {meeting.papers ? (
              <a className="govuk-link" href={meeting.papers} rel="noopener noreferrer">
                The papers for this meeting on the council&rsquo;s committee site
              </a>
            ) : (
              <>
                This site does not have the address of this meeting&rsquo;s papers. The council publishes committee papers on{' '}
                <a className="govuk-link" href={committee.website ?? committeeSite} rel="noopener noreferrer">
                  its committee site
                </a>
                .
              </>
            )}
          </dd>
        </div>
      </dl>

      {meeting.decisions.length > 0 ? (
        <section aria-labelledby="decided-heading">
          <h2 className="govuk-heading-l" id="decided-heading">
            What was decided
          </h2>
          {meeting.decisions.map(({ decision, item }) => {
            const project = item.project ? projects.get(item.project) : undefined;
            return (
              <div key={`${decision.slug}/${item.id}`}>
                <h3 className="govuk-heading-s">{item.subject}</h3>
                <dl className="govuk-summary-list">
                  <DecisionItemRows item={item} project={project} />
                  <RegisterFactRows item={item} glossary={glossary} />
                  <div className="govuk-summary-list__row">
                    <dt className="govuk-summary-list__key">Reported in</dt>
                    <dd className="govuk-summary-list__value">
                      <a className="govuk-link" href={paths.decisionItem(decision.slug, item.id)}>
                        {decision.title}
                      </a>
                    </dd>
                  </div>
                </dl>
              </div>
            );
          })}
        </section>
      ) : (
        <section aria-labelledby="agenda-heading">
          <h2 className="govuk-heading-l" id="agenda-heading">
            {upcoming ? 'What it will consider' : 'What it was to consider'}
          </h2>
          {!upcoming && !meeting.cancelled && <p className="govuk-body">No post on this site reports what this meeting decided.</p>}
          {meeting.agenda.length === 0 ? (
            <p className="govuk-body">The agenda {upcoming ? 'has not been published on this site yet' : 'is not on this site'}.</p>
          ) : (
            <ol className="govuk-list govuk-list--number govuk-list--spaced">
              {meeting.agenda.map((item, index) => {
                const project = item.project ? projects.get(item.project) : undefined;
                return (
                  <li key={index} id={`agenda-${item.id}`}>
                    <span className="govuk-!-font-weight-bold">{item.title}</span>
                    {(project || item.stage) && (
                      <span className="govuk-body-s govuk-!-display-block">
                        {item.stage && stageLabels[item.stage]}
                        {project && item.stage && ' · '}
                        {project && <ProjectLink project={project} />}
                      </span>
                    )}
                    <ForwardPlanNotice item={item} glossary={glossary} />
                    {item.documents.length > 0 && <PaperLinks documents={item.documents} className="govuk-list govuk-body-s" />}
                  </li>
                );
              })}
            </ol>
          )}
        </section>
      )}
    </>
  );
}

/**
 * "This is a key decision, first published in the forward plan on 1 June 2011." for an agenda item
 * that says either; nothing for one that says neither (the bundled meetings do not).
 */
function ForwardPlanNotice({ item, glossary }: { item: AgendaItem; glossary: ReadonlySet<string> }) {
  if (!item.keyDecision && !item.noticeDate) return null;
  const notice = item.noticeDate && (
    <>
      first published in the forward plan on <CalendarDateText date={item.noticeDate} />
    </>
  );
  if (!item.keyDecision) return <span className="govuk-body-s govuk-!-display-block">It was {notice}.</span>;
  const term = glossary.has(KEY_DECISION_TERM) ? (
    <a className="govuk-link" href={paths.glossaryTerm(KEY_DECISION_TERM)}>
      key decision
    </a>
  ) : (
    'key decision'
  );
  return (
    <span className="govuk-body-s govuk-!-display-block">
      <strong className="govuk-tag govuk-tag--orange">Key decision</strong> This is a {term}
      {notice && <>, {notice}</>}.
    </span>
  );
}
