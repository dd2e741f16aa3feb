import type { FeedListing } from '@/lib/feeds/site-feeds';
import { feedPath } from '@/lib/feeds/site-feeds';
import { absoluteUrl } from '@/lib/urls';
import styles from './feeds-and-data.module.scss';

const FORMATS = [
  { format: 'rss', label: 'RSS' },
  { format: 'atom', label: 'Atom' },
  { format: 'json', label: 'JSON Feed' },
] as const;

function postCount(count: number): string {
  return count === 0 ? 'No decisions yet' : `${count} ${count === 1 ? 'post' : 'posts'}`;
}

/** Feeds in a summary list: what each follows, and its three addresses in full, to copy. */
export function FeedList({ feeds, baseUrl }: { feeds: FeedListing[]; baseUrl: string }) {
  return (
    <dl className="govuk-summary-list">
      {feeds.map((feed) => (
        <div className="govuk-summary-list__row" key={`${feed.kind}:${feed.slug ?? ''}`}>
          <dt className="govuk-summary-list__key">
            {feed.pagePath ? (
              <a className="govuk-link" href={feed.pagePath}>
                {feed.name}
              </a>
            ) : (
              feed.name
            )}
            <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular govuk-!-margin-bottom-0">{postCount(feed.count)}</span>
          </dt>
          <dd className="govuk-summary-list__value">
            <ul className={`govuk-list ${styles.feedFormats}`}>
              {FORMATS.map(({ format, label }) => {
                const address = absoluteUrl(baseUrl, feedPath(feed.basePath, format));
                return (
                  <li key={format}>
                    {label}:{' '}
                    <a className={`govuk-link ${styles.address}`} href={address}>
                      {address}
                    </a>
                  </li>
                );
              })}
            </ul>
          </dd>
        </div>
      ))}
    </dl>
  );
}
