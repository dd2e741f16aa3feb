import type { Correction } from '@/lib/content/types';
import { DateText } from './DateText';

/** Dated corrections after publication: "Updated 3 July 2011: …". */
export function Corrections({ updates }: { updates: Correction[] }) {
  if (updates.length === 0) return null;
  return (
    <section className="govuk-inset-text" aria-labelledby="corrections-heading">
      <h2 className="govuk-heading-s" id="corrections-heading">
        Corrections
      </h2>
      <ul className="govuk-list">
        {updates.map((update, i) => (
          <li key={i}>
            <strong>
              Updated <DateText date={update.date} />:
            </strong>{' '}
            {update.note}
          </li>
        ))}
      </ul>
    </section>
  );
}
