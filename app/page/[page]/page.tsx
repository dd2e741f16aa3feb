import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { LatestDecisions } from '@/components/LatestDecisions';
import { paginate } from '@/lib/indexes';
import { laterPageNumber } from '@/lib/lookups';
import { pageMetadata } from '@/lib/page-metadata';
import { getSiteRecords } from '@/lib/site';

export const revalidate = 300;

export async function generateStaticParams() {
  const records = await getSiteRecords();
  const pageCount = Math.ceil(records.indexes.all.length / records.site.pageSize);
  return Array.from({ length: Math.max(0, Math.min(pageCount, 20) - 1) }, (_, i) => ({ page: String(i + 2) }));
}

export async function generateMetadata({ params }: PageProps<'/page/[page]'>): Promise<Metadata> {
  const { page } = await params;
  return pageMetadata({ title: `Decisions, page ${page}`, path: `/page/${page}` });
}

export default async function DecisionsPage({ params }: PageProps<'/page/[page]'>) {
  const number = laterPageNumber((await params).page);
  if (number === undefined) notFound();
  const records = await getSiteRecords();
  const page = paginate(records.indexes.all, number, records.site.pageSize);
  if (!page) notFound();
  return <LatestDecisions page={page} committees={records.committees} siteTitle={records.site.siteTitle} description={records.site.description} />;
}
