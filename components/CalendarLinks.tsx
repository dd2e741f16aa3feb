import { webcalUrl } from '@/lib/meetings/ical';
import { absoluteUrl, paths } from '@/lib/urls';
import { WebAddress } from './WebAddress';

/** How to follow meetings in a calendar program: subscribe (webcal://) or download the .ics file. */
export function CalendarLinks({ baseUrl, path, what, indexLink = true }: { baseUrl: string; path: string; what: string; indexLink?: boolean }) {
  return (
    <aside className="follow-box" aria-labelledby="calendar-heading">
      <h2 className="govuk-heading-s" id="calendar-heading">
        {what} in your calendar
      </h2>
      <ul className="govuk-list govuk-body-s">
        <li>
          <a className="govuk-link" href={webcalUrl({ baseUrl }, path)}>
            Subscribe in your calendar app
          </a>
        </li>
        <li>
          <a className="govuk-link" href={path} type="text/calendar">
            Download the calendar file (.ics)
          </a>
        </li>
        <li>
          Or copy this address into your calendar: <WebAddress href={absoluteUrl(baseUrl, path)} />
        </li>
      </ul>
      {indexLink && (
        <p className="govuk-body-s">
          <a className="govuk-link" href={paths.meetings()}>
            Every meeting, and what each decided
          </a>
        </p>
      )}
    </aside>
  );
}
