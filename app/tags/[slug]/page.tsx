import type { Metadata } from 'next';
import { alternatesFor } from '@/lib/page-metadata';
import { notFound } from 'next/navigation';
import { Breadcrumbs } from '@/components/Breadcrumbs';
import { DecisionGroups, type DecisionGroup } from '@/components/DecisionGroups';
import { JsonLd } from '@/components/JsonLd';
import { isSlug } from '@/lib/content/slug';
import type { Decision } from '@/lib/content/types';
import { londonYear } from '@/lib/dates';
import { topicName } from '@/components/TopicName';
import { getSiteRecords } from '@/lib/site';
import { breadcrumbJsonLd, openGraphFor } from '@/lib/structured-data';
import { paths } from '@/lib/urls';

export const revalidate = 300;

export async function generateStaticParams() {
  const records = await getSiteRecords();
  return [...records.indexes.byTag.keys()].map((slug) => ({ slug }));
}

/** A topic from the URL: a valid slug with at least one visible decision. */
async function findTag(slug: string) {
  if (!isSlug(slug)) return undefined;
  const records = await getSiteRecords();
  const decisions = records.indexes.byTag.get(slug);
  return decisions && decisions.length > 0 ? { records, slug, decisions } : undefined;
}

/** Newest year first; within a year, newest first (the order of the index). */
function byYear(decisions: Decision[]): DecisionGroup[] {
  const groups = new Map<number, DecisionGroup>();
  for (const decision of decisions) {
    const year = londonYear(decision.published);
    let group = groups.get(year);
    if (!group) {
      group = { id: `year-${year}`, heading: String(year), decisions: [] };
      groups.set(year, group);
    }
    group.decisions.push(decision);
  }
  return [...groups.values()];
}

export async function generateMetadata({ params }: PageProps<'/tags/[slug]'>): Promise<Metadata> {
  const found = await findTag((await params).slug);
  if (!found) return { title: 'Page not found' };
  const label = topicName(found.slug, found.records.glossary);
  const title = `${label}: decisions`;
  const description = `The ${found.decisions.length === 1 ? 'decision post' : `${found.decisions.length} decision posts`} with the topic ‘${label}’, newest first.`;
  const path = paths.tag(found.slug);
  return { title, description, alternates: alternatesFor(path, { basePath: path, name: title }), openGraph: openGraphFor(found.records.site, { title, description, path }) };
}

export default async function TagPage({ params }: PageProps<'/tags/[slug]'>) {
  const found = await findTag((await params).slug);
  if (!found) notFound();
  const { records, slug, decisions } = found;
  const label = topicName(slug, records.glossary);
  const term = records.glossary.get(slug);
  const trail = [
    { href: paths.home(), label: 'Decisions' },
    { href: '/tags', label: 'Topics' },
  ];
  return (
    <>
      <Breadcrumbs items={trail} />
      <JsonLd data={breadcrumbJsonLd(records.site, trail, { href: paths.tag(slug), label })} />
      <h1 className="govuk-heading-xl">
        <span className="govuk-caption-l">Topic</span>
        {label}
      </h1>
      <p className="govuk-body-l">
        {decisions.length === 1 ? 'One decision post has' : `${decisions.length} decision posts have`} the topic &lsquo;{label}&rsquo;. The newest is first.
      </p>
      {term && (
        <p className="govuk-body">
          {term.summary}{' '}
          <a className="govuk-link" href={paths.glossaryTerm(term.slug)}>
            More about what &lsquo;{term.term}&rsquo; means
          </a>
        </p>
      )}
      <DecisionGroups groups={byYear(decisions)} committees={records.committees} />
      <p className="govuk-body">
        <a className="govuk-link" href="/tags">
          All topics
        </a>
      </p>
    </>
  );
}
