import type { Committee, Decision } from '@/lib/content/types';
import { paths } from '@/lib/urls';
import { DateText } from './DateText';

export interface DecisionGroup {
  /** Heading of the group, e.g. "March 2011". */
  heading: string;
  id: string;
  decisions: Decision[];
}

/**
 * Decisions in headed groups (months of a year, years of a topic), one line each: light
 * enough for a page that lists every post of a year or a topic.
 */
export function DecisionGroups({ groups, committees }: { groups: DecisionGroup[]; committees: Map<string, Committee> }) {
  return (
    <>
      {groups.map((group) => (
        <div key={group.id}>
          <h2 className="govuk-heading-m" id={group.id}>
            {group.heading}
          </h2>
          <ul className="govuk-list govuk-list--spaced">
            {group.decisions.map((decision) => {
              const committee = committees.get(decision.committee);
              return (
                <li key={decision.slug}>
                  <a className="govuk-link" href={paths.decision(decision.slug)}>
                    {decision.title}
                  </a>
                  <br />
                  <span className="govuk-body-s">
                    Published <DateText date={decision.published} />
                    {committee ? ` by ${committee.name}` : ''}
                  </span>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </>
  );
}
