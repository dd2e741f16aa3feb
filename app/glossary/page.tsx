import type { Metadata } from 'next';
import { pageMetadata } from '@/lib/seo/page-metadata';
import { getSiteRecords } from '@/lib/site';
import { paths } from '@/lib/urls';

export const revalidate = 300;
export function generateMetadata(): Promise<Metadata> {
  return pageMetadata({ title: 'Glossary', description: 'Plain-English explanations of the terms used in council decisions.', path: paths.glossary() });
}

export default async function GlossaryPage() {
  const records = await getSiteRecords();
  const terms = [...records.glossary.values()].sort((a, b) => a.term.localeCompare(b.term));
  return (
    <>
      <h1 className="govuk-heading-xl">Glossary</h1>
      <p className="govuk-body-l">What the words in council decisions mean, in plain English.</p>
      <dl className="govuk-summary-list">
        {terms.map((term) => (
          <div className="govuk-summary-list__row" key={term.slug}>
            <dt className="govuk-summary-list__key">
              <a className="govuk-link" href={paths.glossaryTerm(term.slug)}>
                {term.term}
              </a>
            </dt>
            <dd className="govuk-summary-list__value">{term.summary}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
