import type { Outcome } from '@/lib/content/schemas';
import { outcomeColours, outcomeLabels } from '@/lib/records/labels';

export function OutcomeTag({ outcome }: { outcome: Outcome }) {
  return <strong className={`govuk-tag govuk-tag--${outcomeColours[outcome]}`}>{outcomeLabels[outcome]}</strong>;
}
