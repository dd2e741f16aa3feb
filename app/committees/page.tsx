import type { Metadata } from 'next';
import { pageMetadata } from '@/lib/seo/page-metadata';
import { makersByKind, makerKindHeadings } from '@/lib/records/makers';
import { getSiteRecords } from '@/lib/site';
import { paths } from '@/lib/urls';

export const revalidate = 300;
export function generateMetadata(): Promise<Metadata> {
  return pageMetadata({
    title: 'Decision makers',
    description: 'Who takes the decisions reported here: committees, the Cabinet, cabinet members and officers, and what each is for.',
    path: paths.committees(),
  });
}

/** Every decision maker, grouped by kind (only the kinds that have bodies). The address stays /committees: it is permanent. */
export default async function DecisionMakersPage() {
  const records = await getSiteRecords();
  const groups = makersByKind(records.committees.values());
  return (
    <>
      <h1 className="govuk-heading-xl">Decision makers</h1>
      <p className="govuk-body-l">
        The council takes its decisions in meetings of its committees, the Cabinet and full Council; some are taken by one cabinet member, or by an officer
        under{' '}
        {records.glossary.has('delegated-powers') ? (
          <a className="govuk-link" href={paths.glossaryTerm('delegated-powers')}>
            delegated powers
          </a>
        ) : (
          'delegated powers'
        )}
        , without a meeting. Each page says what the body or post is for and lists every decision it took.
      </p>
      {groups.map(({ kind, bodies }) => (
        <section key={kind} aria-labelledby={`kind-${kind}`}>
          <h2 className="govuk-heading-l" id={`kind-${kind}`}>
            {makerKindHeadings[kind]}
          </h2>
          <dl className="govuk-summary-list">
            {bodies.map((committee) => {
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
        </section>
      ))}
    </>
  );
}
