import { outcomeLabels } from '@/lib/records/labels';
import type { StageStep } from '@/lib/records/project-stages';
import { paths } from '@/lib/urls';
import { CalendarDateText } from './DateText';

const stateText = { done: 'Done', current: 'Current stage', 'to-come': 'To come', 'not-reached': 'Not reached' } as const;

/**
 * The path of a project's stages as an ordered list: each stage says in words whether it is
 * done, current (aria-current="step") or to come, so nothing rests on colour or position, and
 * each links to the glossary entry that explains it.
 */
export function ProjectStages({ steps, glossary }: { steps: StageStep[]; glossary: ReadonlySet<string> }) {
  return (
    <ol className="stage-path">
      {steps.map((step) => (
        <li
          key={step.stage}
          className={`stage-path__step stage-path__step--${step.state}`}
          {...(step.state === 'current' ? { 'aria-current': 'step' as const } : {})}
        >
          <span className="stage-path__name">
            {glossary.has(step.glossary) ? (
              <a className="govuk-link" href={paths.glossaryTerm(step.glossary)}>
                {step.label}
              </a>
            ) : (
              step.label
            )}
          </span>{' '}
          <strong className="stage-path__state">{stateText[step.state]}</strong>
          {step.decided && (
            <span className="govuk-body-s stage-path__detail">
              {outcomeLabels[step.decided.item.outcome]} <CalendarDateText date={step.decided.date} />:{' '}
              <a className="govuk-link" href={paths.decisionItem(step.decided.decision.slug, step.decided.item.id)}>
                {step.decided.decision.title}
              </a>
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
