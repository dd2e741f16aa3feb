import { paths } from '@/lib/urls';

/**
 * The changes feeds and data (lib/history), for /feeds and /data: every post published,
 * corrected, changed without a note or withdrawn, newest first.
 */
export function ChangesLinks({ headingId, level = 'm' }: { headingId: string; level?: 'l' | 'm' }) {
  return (
    <>
      <h2 className={`govuk-heading-${level}`} id={headingId}>
        Every change to the record
      </h2>
      <p className="govuk-body">
        Each post keeps its history: every version that was public, when it changed and what changed, field by field, whether or not a correction note explains
        it (the post’s “Changed … since it was first published” link). Every change to any post is also a feed and data, newest first:
      </p>
      <ul className="govuk-list govuk-list--bullet">
        <li>
          <a className="govuk-link" href={paths.changesAtom()} type="application/atom+xml">
            Changes as an Atom feed
          </a>{' '}
          and{' '}
          <a className="govuk-link" href={paths.changesJsonFeed()} type="application/feed+json">
            as a JSON Feed
          </a>{' '}
          – one entry for each post published, corrected, changed without a note, withdrawn or published again
        </li>
        <li>
          <a className="govuk-link" href={paths.changesDataCsv()}>
            Changes as CSV
          </a>{' '}
          and{' '}
          <a className="govuk-link" href={paths.changesDataJson()}>
            as JSON
          </a>{' '}
          – one row for each changed field: post, item, field, before, after, when (London time), commit, and whether a note explains it
        </li>
      </ul>
      <p className="govuk-body">
        They take the same filters as the decisions (<code>committee</code>, <code>project</code>, <code>tag</code>, <code>stage</code>, <code>outcome</code>),
        applied to the posts as they are now; <code>from</code> and <code>to</code> select the changes made on those London dates, e.g.{' '}
        <code>{paths.changesDataCsv()}?from=2011-04-01</code>.
      </p>
    </>
  );
}
