import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TagView, tagMetadata } from '@/components/TagView';
import { findTag, laterPageNumber } from '@/lib/lookups';

export const revalidate = 300;

/** Later pages of a topic's decisions are rendered on first request, then cached. */
export async function generateStaticParams(): Promise<Array<{ slug: string; page: string }>> {
  return [];
}

export async function generateMetadata({ params }: PageProps<'/tags/[slug]/page/[page]'>): Promise<Metadata> {
  const { slug, page } = await params;
  const number = laterPageNumber(page);
  const found = number === undefined ? undefined : await findTag(slug);
  if (!found || number === undefined) return { title: 'Page not found' };
  return tagMetadata(found.records, found.slug, number);
}

export default async function TagDecisionsPage({ params }: PageProps<'/tags/[slug]/page/[page]'>) {
  const { slug, page } = await params;
  const number = laterPageNumber(page);
  const found = number === undefined ? undefined : await findTag(slug);
  if (!found || number === undefined) notFound();
  return <TagView records={found.records} slug={found.slug} pageNumber={number} />;
}
