import type { Metadata } from 'next';
import { alternatesFor } from '@/lib/page-metadata';
import { notFound } from 'next/navigation';
import { CommitteeView } from '@/components/CommitteeView';
import { JsonLd } from '@/components/JsonLd';
import { findCommittee } from '@/lib/lookups';
import { getSiteRecords } from '@/lib/site';
import { breadcrumbJsonLd, openGraphFor } from '@/lib/structured-data';
import { paths } from '@/lib/urls';

export const revalidate = 300;
// Every record is known at build (generateStaticParams): Next.js answers any other slug with 404 itself.
export const dynamicParams = false;

export async function generateStaticParams() {
  const records = await getSiteRecords();
  return [...records.committees.keys()].map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: PageProps<'/committees/[slug]'>): Promise<Metadata> {
  const found = await findCommittee((await params).slug);
  if (!found) return { title: 'Page not found' };
  const { committee } = found;
  const base = paths.committee(committee.slug);
  return {
    title: committee.name,
    description: committee.summary,
    openGraph: openGraphFor(found.records.site, { title: committee.name, description: committee.summary, path: base }),
    alternates: alternatesFor(
      base,
      { basePath: base, name: committee.name },
      { url: paths.committeeMeetingsCalendar(committee.slug), title: `${committee.name}: meetings (iCalendar)` },
    ),
  };
}

export default async function CommitteePage({ params }: PageProps<'/committees/[slug]'>) {
  const found = await findCommittee((await params).slug);
  if (!found) notFound();
  return (
    <>
      <JsonLd
        data={breadcrumbJsonLd(found.records.site, [{ href: paths.committees(), label: 'Committees' }], {
          href: paths.committee(found.committee.slug),
          label: found.committee.name,
        })}
      />
      <CommitteeView records={found.records} committee={found.committee} pageNumber={1} />
    </>
  );
}
