import { formatProblem, type ContentProblem } from '@/lib/content/problems';

/** The local preview's page when content is invalid: the problems, not a stack trace. */
export function ContentProblems({ problems }: { problems: ContentProblem[] }) {
  return (
    <div className="govuk-error-summary" data-module="govuk-error-summary">
      <div role="alert">
        <h1 className="govuk-error-summary__title">The content has {problems.length === 1 ? 'a problem' : `${problems.length} problems`}</h1>
        <div className="govuk-error-summary__body">
          <p className="govuk-body">Fix these in the files named, save, and reload this page. The live site is not affected.</p>
          <ul className="govuk-list govuk-error-summary__list problem-list">
            {problems.map((p, i) => (
              <li key={i}>{formatProblem(p)}</li>
            ))}
          </ul>
        </div>
      </div>
    </div>
  );
}
