import type { Metadata } from 'next';
import { alternatesFor } from '@/lib/seo/page-metadata';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { JsonLd } from '@/components/JsonLd';
import { topicName } from '@/lib/records/labels';
import { getSiteRecords } from '@/lib/site';
import { breadcrumbJsonLd, openGraphFor } from '@/lib/seo/structured-data';
import { paths } from '@/lib/urls';

export const revalidate = 300;

const TITLE = 'Topics';
const DESCRIPTION = 'Decisions grouped by topic, such as outsourcing or adult social care.';

export async function generateMetadata(): Promise<Metadata> {
  const { site } = await getSiteRecords();
  return {
    title: TITLE,
    description: DESCRIPTION,
    alternates: alternatesFor('/tags'),
    openGraph: openGraphFor(site, { title: TITLE, description: DESCRIPTION, path: '/tags' }),
  };
}

export default async function TagsPage() {
  const records = await getSiteRecords();
  const tags = [...records.indexes.byTag]
    .map(([slug, decisions]) => ({ slug, label: topicName(slug, records.glossary), count: decisions.length }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const trail = [{ href: paths.home(), label: 'Decisions' }];
  return (
    <>
      <Breadcrumbs items={trail} />
      <JsonLd data={breadcrumbJsonLd(records.site, trail, { href: paths.tags(), label: TITLE })} />
      <h1 className="govuk-heading-xl">{TITLE}</h1>
      <p className="govuk-body-l">Each decision post is filed under a few topics. Choose one to see its decisions.</p>
      {tags.length === 0 ? (
        <p className="govuk-body">No decisions have been published yet.</p>
      ) : (
        <ul className="govuk-list govuk-list--spaced">
          {tags.map((tag) => (
            <li key={tag.slug}>
              <a className="govuk-link" href={paths.tag(tag.slug)}>
                {tag.label}
              </a>{' '}
              ({tag.count === 1 ? '1 decision post' : `${tag.count} decision posts`})
            </li>
          ))}
        </ul>
      )}
      <p className="govuk-body">
        You can also browse{' '}
        <a className="govuk-link" href={paths.archive()}>
          decisions by year
        </a>{' '}
        or{' '}
        <a className="govuk-link" href={paths.search()}>
          search them
        </a>
        .
      </p>
    </>
  );
}
