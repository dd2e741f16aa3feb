import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { Prose } from '@/components/Prose';
import { findGlossaryTerm } from '@/lib/records/lookups';
import { pageMetadata } from '@/lib/seo/page-metadata';
import { bodyHtml } from '@/lib/site';
import { breadcrumbJsonLd } from '@/lib/seo/structured-data';
import { JsonLd } from '@/components/JsonLd';
import { paths } from '@/lib/urls';
import { renderedOnFirstRequest } from '@/lib/records/pre-render';

export const revalidate = 300;

/** A term's page is rendered on its first request, then cached; an unknown slug is a 404 (notFound below). */
export const generateStaticParams = renderedOnFirstRequest;

export async function generateMetadata({ params }: PageProps<'/glossary/[slug]'>): Promise<Metadata> {
  const found = await findGlossaryTerm((await params).slug);
  if (!found) return { title: 'Page not found' };
  const { value: term } = found;
  return pageMetadata({ title: `${term.term}: what it means`, description: term.summary, path: paths.glossaryTerm(term.slug) });
}

export default async function GlossaryTermPage({ params }: PageProps<'/glossary/[slug]'>) {
  const found = await findGlossaryTerm((await params).slug);
  if (!found) notFound();
  const { records, value: term } = found;
  return (
    <>
      <Breadcrumbs items={[{ href: paths.glossary(), label: 'Glossary' }]} />
      <JsonLd
        data={breadcrumbJsonLd(records.site, [{ href: paths.glossary(), label: 'Glossary' }], { href: paths.glossaryTerm(term.slug), label: term.term })}
      />
      <h1 className="govuk-heading-xl">
        <span className="govuk-caption-l">What it means</span>
        {term.term}
      </h1>
      <p className="govuk-body-l">{term.summary}</p>
      <Prose html={bodyHtml(records, term.body)} />
      {term.aliases.length > 0 && <p className="govuk-body-s">Also written as: {term.aliases.join(', ')}.</p>}
      <p className="govuk-body">
        <a className="govuk-link" href={paths.glossary()}>
          All glossary terms
        </a>
      </p>
    </>
  );
}
