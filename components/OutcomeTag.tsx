import type { Outcome } from '@/lib/content/schemas';
import { outcomeColours, outcomeGlossarySlug, outcomeLabels, outcomeMeanings } from '@/lib/records/labels';
import { paths } from '@/lib/urls';

/** An outcome's tag, linked to the glossary term that says what the outcome means. */
export function OutcomeTag({ outcome }: { outcome: Outcome }) {
  return (
    <a className="govuk-link outcome-link" href={paths.glossaryTerm(outcomeGlossarySlug(outcome))}>
      <strong className={`govuk-tag govuk-tag--${outcomeColours[outcome]}`}>{outcomeLabels[outcome]}</strong>
      <span className="govuk-visually-hidden"> (what this outcome means)</span>
    </a>
  );
}

/** The decision page's outcome: the tag, and the outcome's meaning in words. */
export function OutcomeExplained({ outcome }: { outcome: Outcome }) {
  return (
    <>
      <strong className={`govuk-tag govuk-tag--${outcomeColours[outcome]}`}>{outcomeLabels[outcome]}</strong>{' '}
      <span className="govuk-body-s outcome-meaning">
        This means {outcomeMeanings[outcome]}.{' '}
        <a className="govuk-link" href={paths.glossaryTerm(outcomeGlossarySlug(outcome))}>
          More about &lsquo;{outcomeLabels[outcome]}&rsquo;
        </a>
      </span>
    </>
  );
}
