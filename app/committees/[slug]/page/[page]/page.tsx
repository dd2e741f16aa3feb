import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { CommitteeView } from '@/components/CommitteeView';
import { findCommittee, laterPageNumber } from '@/lib/lookups';
import { pageMetadata } from '@/lib/page-metadata';
import { paths } from '@/lib/urls';

export const revalidate = 300;

/** Later pages of a committee's decisions are rendered on first request, then cached. */
export async function generateStaticParams(): Promise<Array<{ slug: string; page: string }>> {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/committees/[slug]/page/[page]'>): Promise<Metadata> {
  const { slug, page } = await params;
  const found = await findCommittee(slug);
  if (!found) return { title: 'Page not found' };
  return pageMetadata({ title: `${found.committee.name}, page ${page}`, path: paths.committeePage(slug, Number(page)) });
}

export default async function CommitteeDecisionsPage({ params }: PageProps<'/committees/[slug]/page/[page]'>) {
  const { slug, page } = await params;
  const number = laterPageNumber(page);
  const found = number === undefined ? undefined : await findCommittee(slug);
  if (!found || number === undefined) notFound();
  return <CommitteeView records={found.records} committee={found.committee} pageNumber={number} />;
}
