import { absoluteUrl, paths } from '@/lib/urls';
import { WebAddress } from './WebAddress';

/** A visible "Follow" block: the feed addresses to copy into a feed reader. */
export function FollowFeeds({ basePath, baseUrl, what }: { basePath: string; baseUrl: string; what: string }) {
  const feeds = [
    { label: 'RSS', path: `${basePath}/feed.xml` },
    { label: 'Atom', path: `${basePath}/atom.xml` },
    { label: 'JSON Feed', path: `${basePath}/feed.json` },
  ];
  return (
    <aside className="follow-box" aria-labelledby="follow-heading">
      <h2 className="govuk-heading-s" id="follow-heading">
        Follow {what}
      </h2>
      <p className="govuk-body-s">
        Copy an address into a feed reader to hear about new decisions.{' '}
        <a className="govuk-link" href={paths.feeds()}>
          What is a feed?
        </a>
      </p>
      <ul className="govuk-list govuk-body-s">
        {feeds.map((feed) => (
          <li key={feed.label}>
            {feed.label}: <WebAddress href={absoluteUrl(baseUrl, feed.path)} />
          </li>
        ))}
      </ul>
    </aside>
  );
}
