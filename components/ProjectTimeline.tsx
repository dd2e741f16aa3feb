import type { ProjectTimelineEntry } from '@/lib/records/indexes';
import { stageLabels } from '@/lib/records/labels';
import { paths } from '@/lib/urls';
import { CalendarDateText, DateText } from './DateText';
import { OutcomeTag } from './OutcomeTag';

/** Every decision about a project, across meetings, oldest first. */
export function ProjectTimeline({ entries }: { entries: ProjectTimelineEntry[] }) {
  if (entries.length === 0) return <p className="govuk-body">No decisions about this project have been published yet.</p>;
  return (
    <ol className="timeline">
      {entries.map(({ decision, item }, index) => (
        <li className="timeline__item" key={`${decision.slug}-${index}`}>
          <span className="timeline__date">
            {decision.meeting ? (
              <CalendarDateText date={decision.meeting} />
            ) : (
              <>
                Reported <DateText date={decision.published} />
              </>
            )}
          </span>
          <h3 className="govuk-heading-s govuk-!-margin-bottom-1">{item.subject}</h3>
          <p className="govuk-body govuk-!-margin-bottom-1">
            <OutcomeTag outcome={item.outcome} /> {stageLabels[item.stage]}
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href={paths.decision(decision.slug)}>
              Read the post: {decision.title}
            </a>
          </p>
        </li>
      ))}
    </ol>
  );
}
