import type { Metadata } from 'next';
import { alternatesFor } from '@/lib/seo/page-metadata';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { JsonLd } from '@/components/JsonLd';
import { getSiteRecords } from '@/lib/site';
import { breadcrumbJsonLd, openGraphFor } from '@/lib/seo/structured-data';
import { paths } from '@/lib/urls';

export const revalidate = 300;

const TITLE = 'Decisions by year';
const DESCRIPTION = 'Every published decision, year by year.';

export async function generateMetadata(): Promise<Metadata> {
  const { site } = await getSiteRecords();
  return {
    title: TITLE,
    description: DESCRIPTION,
    alternates: alternatesFor('/archive'),
    openGraph: openGraphFor(site, { title: TITLE, description: DESCRIPTION, path: '/archive' }),
  };
}

export default async function ArchivePage() {
  const records = await getSiteRecords();
  const years = [...records.indexes.byYear].sort(([a], [b]) => b - a);
  const trail = [{ href: paths.home(), label: 'Decisions' }];
  return (
    <>
      <Breadcrumbs items={trail} />
      <JsonLd data={breadcrumbJsonLd(records.site, trail, { href: paths.archive(), label: TITLE })} />
      <h1 className="govuk-heading-xl">{TITLE}</h1>
      {years.length === 0 ? (
        <p className="govuk-body">No decisions have been published yet.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {years.map(([year, decisions]) => (
            <li key={year}>
              <a className="govuk-link govuk-!-font-weight-bold" href={paths.archive(year)}>
                {year}
              </a>{' '}
              ({decisions.length === 1 ? '1 decision post' : `${decisions.length} decision posts`})
            </li>
          ))}
        </ul>
      )}
      <p className="govuk-body">
        You can also browse decisions{' '}
        <a className="govuk-link" href={paths.tags()}>
          by topic
        </a>
        ,{' '}
        <a className="govuk-link" href={paths.committees()}>
          by committee
        </a>{' '}
        or{' '}
        <a className="govuk-link" href={paths.projects()}>
          by project
        </a>
        , or{' '}
        <a className="govuk-link" href={paths.search()}>
          search them
        </a>
        .
      </p>
    </>
  );
}
