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
 * Decisions in runs by a key (a year, a month), in the order given: the index's order is newest
 * first, so the groups are too.
 */
export function groupDecisions(decisions: readonly Decision[], groupOf: (decision: Decision) => { id: string; heading: string }): DecisionGroup[] {
  const groups = new Map<string, DecisionGroup>();
  for (const decision of decisions) {
    const { id, heading } = groupOf(decision);
    let group = groups.get(id);
    if (!group) {
      group = { id, heading, decisions: [] };
      groups.set(id, group);
    }
    group.decisions.push(decision);
  }
  return [...groups.values()];
}

/**
 * Decisions in headed groups (months of a year, years of a topic), one line each: light
 * enough for a long list. The group headings are h3s, under the h2 that heads the list.
 */
export function DecisionGroups({ groups, committees }: { groups: DecisionGroup[]; committees: Map<string, Committee> }) {
  return (
    <>
      {groups.map((group) => (
        <div key={group.id}>
          <h3 className="govuk-heading-m" id={group.id}>
            {group.heading}
          </h3>
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
                    {committee ? `. Decided by ${committee.name}` : ''}
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
