import type { Metadata } from 'next';
import { pageMetadata } from '@/lib/seo/page-metadata';
import { getSiteRecords } from '@/lib/site';
import { paths } from '@/lib/urls';

export const revalidate = 300;
export function generateMetadata(): Promise<Metadata> {
  return pageMetadata({
    title: 'Committees',
    description: 'The council bodies that take the decisions reported here, and what each is for.',
    path: paths.committees(),
  });
}

export default async function CommitteesPage() {
  const records = await getSiteRecords();
  const committees = [...records.committees.values()].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <h1 className="govuk-heading-xl">Committees</h1>
      <p className="govuk-body-l">
        The council takes its decisions in meetings of these bodies. Each page says what the body is for and lists every decision it took.
      </p>
      <dl className="govuk-summary-list">
        {committees.map((committee) => {
          const count = records.indexes.byCommittee.get(committee.slug)?.length ?? 0;
          return (
            <div className="govuk-summary-list__row" key={committee.slug}>
              <dt className="govuk-summary-list__key">
                <a className="govuk-link" href={paths.committee(committee.slug)}>
                  {committee.name}
                </a>
              </dt>
              <dd className="govuk-summary-list__value">
                <p className="govuk-body">{committee.summary}</p>
                <p className="govuk-body-s govuk-!-margin-bottom-0">
                  {count === 0 ? 'No decisions reported yet' : `${count} ${count === 1 ? 'post' : 'posts'} of decisions`}
                </p>
              </dd>
            </div>
          );
        })}
      </dl>
    </>
  );
}
