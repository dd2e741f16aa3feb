import type { Decision } from '@/lib/content/types';
import { paths } from '@/lib/urls';

/** Previous and next posts, as GOV.UK pagination for content pages. */
export function DecisionNeighbours({ newer, older }: { newer?: Decision; older?: Decision }) {
  if (!newer && !older) return null;
  return (
    <nav className="govuk-pagination govuk-pagination--block" aria-label="Previous and next decisions">
      {newer && (
        <div className="govuk-pagination__prev">
          <a className="govuk-link govuk-pagination__link" href={paths.decision(newer.slug)} rel="prev">
            <span className="govuk-pagination__link-title">
              Newer<span className="govuk-visually-hidden"> decision</span>
            </span>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">{newer.title}</span>
          </a>
        </div>
      )}
      {older && (
        <div className="govuk-pagination__next">
          <a className="govuk-link govuk-pagination__link" href={paths.decision(older.slug)} rel="next">
            <span className="govuk-pagination__link-title">
              Older<span className="govuk-visually-hidden"> decision</span>
            </span>
            <span className="govuk-visually-hidden">:</span>
            <span className="govuk-pagination__link-label">{older.title}</span>
          </a>
        </div>
      )}
    </nav>
  );
}
