import { paths } from '@/lib/urls';

/** A helpful 404: what may have gone wrong and where to go next. */
export function NotFoundMessage() {
  return (
    <>
      <h1 className="govuk-heading-xl">Page not found</h1>
      <p className="govuk-body">If you typed the web address, check it is correct.</p>
      <p className="govuk-body">If you pasted the web address, check you copied the entire address.</p>
      <p className="govuk-body">You can:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>
          <a className="govuk-link" href={paths.home()}>
            read the latest decisions
          </a>
        </li>
        <li>
          <a className="govuk-link" href={paths.search()}>
            search the decisions
          </a>
        </li>
        <li>
          <a className="govuk-link" href={paths.committees()}>
            browse by committee
          </a>{' '}
          or{' '}
          <a className="govuk-link" href={paths.projects()}>
            by project
          </a>
        </li>
      </ul>
    </>
  );
}
