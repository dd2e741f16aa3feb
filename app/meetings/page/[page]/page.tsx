import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { MeetingsIndexView } from '@/components/MeetingsIndexView';
import { laterPageNumber } from '@/lib/lookups';
import { pageMetadata } from '@/lib/page-metadata';
import { getSiteRecords } from '@/lib/site';
import { paths } from '@/lib/urls';

export const revalidate = 300;

/** Later pages of meetings are rendered on first request, then cached. */
export async function generateStaticParams(): Promise<Array<{ page: string }>> {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/meetings/page/[page]'>): Promise<Metadata> {
  const { page } = await params;
  return pageMetadata({ title: `Meetings, page ${page}`, path: paths.meetingsPage(Number(page)) });
}

export default async function MeetingsLaterPage({ params }: PageProps<'/meetings/page/[page]'>) {
  const number = laterPageNumber((await params).page);
  if (number === undefined) notFound();
  return <MeetingsIndexView records={await getSiteRecords()} pageNumber={number} />;
}
