import type { Decision } from '@/lib/content/types';
import { paths } from '@/lib/urls';
import { NeighbourLinks } from './NeighbourLinks';

/** Previous and next posts, as GOV.UK pagination for content pages. */
export function DecisionNeighbours({ newer, older }: { newer?: Decision; older?: Decision }) {
  return (
    <NeighbourLinks
      label="Previous and next decisions"
      prev={newer && { href: paths.decision(newer.slug), title: 'Newer', noun: 'decision', label: newer.title }}
      next={older && { href: paths.decision(older.slug), title: 'Older', noun: 'decision', label: older.title }}
    />
  );
}
