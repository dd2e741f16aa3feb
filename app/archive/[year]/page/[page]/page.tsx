import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { ArchiveYearView, archiveYearMetadata } from '@/components/ArchiveYearView';
import { findArchiveYear, laterPageNumber } from '@/lib/lookups';

export const revalidate = 300;

/** Later pages of a year's decisions are rendered on first request, then cached. */
export async function generateStaticParams(): Promise<Array<{ year: string; page: string }>> {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/archive/[year]/page/[page]'>): Promise<Metadata> {
  const { year, page } = await params;
  const number = laterPageNumber(page);
  const found = number === undefined ? undefined : await findArchiveYear(year);
  if (!found || number === undefined) return { title: 'Page not found' };
  return archiveYearMetadata(found.records, found.year, number);
}

export default async function ArchiveYearDecisionsPage({ params }: PageProps<'/archive/[year]/page/[page]'>) {
  const { year, page } = await params;
  const number = laterPageNumber(page);
  const found = number === undefined ? undefined : await findArchiveYear(year);
  if (!found || number === undefined) notFound();
  return <ArchiveYearView records={found.records} year={found.year} pageNumber={number} />;
}
