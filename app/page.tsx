import { LatestDecisions } from '@/components/LatestDecisions';
import { paginate } from '@/lib/records/indexes';
import type { Metadata } from 'next';
import { pageMetadata } from '@/lib/seo/page-metadata';
import { getSiteRecords, loadContent } from '@/lib/site';

export const revalidate = 300;

export async function generateMetadata(): Promise<Metadata> {
  const { site } = await loadContent();
  const title = site ? `${site.siteTitle} – ${site.councilName}` : 'Decisions';
  // The home page's title stands alone, without the layout's "– site title" suffix.
  return { ...(await pageMetadata({ title, description: site?.description, path: '/' })), title: { absolute: title } };
}

export default async function HomePage() {
  const records = await getSiteRecords();
  const page = paginate(records.indexes.all, 1, records.site.pageSize)!;
  return <LatestDecisions page={page} committees={records.committees} siteTitle={records.site.siteTitle} description={records.site.description} />;
}
