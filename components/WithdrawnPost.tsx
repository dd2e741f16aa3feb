import { formatDateTime, londonIsoDateTime } from '@/lib/dates';
import { paths } from '@/lib/urls';

function When({ date }: { date: Date }) {
  return <time dateTime={londonIsoDateTime(date)}>{formatDateTime(date)}</time>;
}

/** The short page a withdrawn post's address answers with (410 Gone). */
export function WithdrawnPost({ slug, title, published, withdrawn }: { slug: string; title: string; published: Date; withdrawn: Date }) {
  return (
    <>
      <span className="govuk-caption-l">{title}</span>
      <h1 className="govuk-heading-xl">This post has been withdrawn</h1>
      <p className="govuk-body">
        It was published on <When date={published} /> and withdrawn on <When date={withdrawn} />. It is no longer part of the record, its feeds or its data.
      </p>
      <p className="govuk-body">
        <a className="govuk-link" href={paths.decisionHistory(slug)}>
          See every version of this post, and what changed
        </a>
      </p>
      <p className="govuk-body">
        <a className="govuk-link" href={paths.home()}>
          Read the latest decisions
        </a>
      </p>
    </>
  );
}
