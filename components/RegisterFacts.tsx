import type { DecisionItem } from '@/lib/content/types';
import { registerFacts } from '@/lib/records/register';
import { paths } from '@/lib/urls';

/**
 * The register fields of an item (key decision, reference, call-in, wards) as summary-list
 * rows in plain English, each label linked to its glossary entry where one explains it. An item
 * without them shows nothing.
 */
export function RegisterFactRows({ item, glossary }: { item: DecisionItem; glossary: ReadonlySet<string> }) {
  return (
    <>
      {registerFacts(item).map((fact) => (
        <div className="govuk-summary-list__row" key={fact.label}>
          <dt className="govuk-summary-list__key">
            {fact.glossary && glossary.has(fact.glossary) ? (
              <a className="govuk-link" href={paths.glossaryTerm(fact.glossary)}>
                {fact.label}
              </a>
            ) : (
              fact.label
            )}
          </dt>
          <dd className="govuk-summary-list__value">{fact.value}</dd>
        </div>
      ))}
    </>
  );
}
