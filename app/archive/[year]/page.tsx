import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArchiveYearView, archiveYearMetadata } from '@/components/ArchiveYearView';
import { findArchiveYear } from '@/lib/lookups';
import { getSiteRecords } from '@/lib/site';

export const revalidate = 300;

export async function generateStaticParams() {
  const records = await getSiteRecords();
  return [...records.indexes.byYear.keys()].map((year) => ({ year: String(year) }));
}

export async function generateMetadata({ params }: PageProps<'/archive/[year]'>): Promise<Metadata> {
  const found = await findArchiveYear((await params).year);
  if (!found) return { title: 'Page not found' };
  return archiveYearMetadata(found.records, found.year, 1);
}

export default async function ArchiveYearPage({ params }: PageProps<'/archive/[year]'>) {
  const found = await findArchiveYear((await params).year);
  if (!found) notFound();
  return <ArchiveYearView records={found.records} year={found.year} pageNumber={1} />;
}
