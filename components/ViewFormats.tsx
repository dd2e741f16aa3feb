import { viewFormats, type DecisionFilter } from '@/lib/filters/vocabulary';
import { absoluteUrl, paths } from '@/lib/urls';
import { WebAddress } from './WebAddress';

/**
 * "These decisions as a feed or as data": the view the visitor is looking at, with the same
 * filters, as RSS, Atom, JSON Feed, CSV and JSON. Feeds hold the newest posts with a matching
 * decision; the data files hold every matching decision.
 */
export function ViewFormats({ filter, baseUrl, what }: { filter: DecisionFilter; baseUrl: string; what: string }) {
  const formats = viewFormats(filter);
  const feeds = formats.filter((f) => f.kind === 'feed');
  const data = formats.filter((f) => f.kind === 'data');
  return (
    <aside className="follow-box view-formats" aria-labelledby="view-formats-heading">
      <h2 className="govuk-heading-s" id="view-formats-heading">
        {what} as a feed or as data
      </h2>
      <p className="govuk-body-s">
        Follow:{' '}
        {feeds.map((feed, i) => (
          <span key={feed.label}>
            {i > 0 && ', '}
            <a className="govuk-link" href={feed.path} type={feed.type}>
              {feed.label}
            </a>
          </span>
        ))}
        . Download:{' '}
        {data.map((file, i) => (
          <span key={file.label}>
            {i > 0 && ', '}
            <a className="govuk-link" href={file.path} type={file.type}>
              {file.label}
            </a>
          </span>
        ))}
        .{' '}
        <a className="govuk-link" href={`${paths.feeds()}#views`}>
          How these addresses work
        </a>
      </p>
      <p className="govuk-body-s">
        Feed address: <WebAddress href={absoluteUrl(baseUrl, feeds[0]!.path)} />
      </p>
    </aside>
  );
}
