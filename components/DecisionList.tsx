import type { Committee, Decision } from '@/lib/content/types';
import { paths } from '@/lib/urls';
import { DateText } from './DateText';
import { OutcomeTag } from './OutcomeTag';

/** Decisions in a list: title, date, committee, what was decided, summary. */
export function DecisionList({ decisions, committees, headingLevel = 2 }: { decisions: Decision[]; committees: Map<string, Committee>; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <ol className="decision-list">
      {decisions.map((decision) => {
        const committee = committees.get(decision.committee);
        return (
          <li className="decision-list__item" key={decision.slug}>
            <Heading className="govuk-heading-m decision-list__title">
              <a className="govuk-link" href={paths.decision(decision.slug)}>
                {decision.title}
              </a>
            </Heading>
            <p className="decision-list__meta">
              Published <DateText date={decision.published} />
              {committee && (
                <>
                  . Decided by{' '}
                  <a className="govuk-link" href={paths.committee(committee.slug)}>
                    {committee.name}
                  </a>
                </>
              )}
            </p>
            <ul className="outcome-list" aria-label="Decisions">
              {decision.items.map((item, i) => (
                <li key={i}>
                  <OutcomeTag outcome={item.outcome} /> <span className="govuk-body-s">{item.subject}</span>
                </li>
              ))}
            </ul>
            <p className="govuk-body govuk-!-margin-bottom-0">{decision.summary}</p>
          </li>
        );
      })}
    </ol>
  );
}
