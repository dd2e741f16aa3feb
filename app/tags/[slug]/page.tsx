import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { TagView, tagMetadata } from '@/components/TagView';
import { findTag } from '@/lib/lookups';
import { getSiteRecords } from '@/lib/site';

export const revalidate = 300;

export async function generateStaticParams() {
  const records = await getSiteRecords();
  return [...records.indexes.byTag.keys()].map((slug) => ({ slug }));
}

export async function generateMetadata({ params }: PageProps<'/tags/[slug]'>): Promise<Metadata> {
  const found = await findTag((await params).slug);
  if (!found) return { title: 'Page not found' };
  return tagMetadata(found.records, found.slug, 1);
}

export default async function TagPage({ params }: PageProps<'/tags/[slug]'>) {
  const found = await findTag((await params).slug);
  if (!found) notFound();
  return <TagView records={found.records} slug={found.slug} pageNumber={1} />;
}
